// project-calls-removed-tool (on by default, only ever warns): the lines of the
// generated project that call a tool the contract forbids by its bare name
// (src/e2e/evidence/removed-tool-calls.ts). On an image without the tool such a line
// fails, or, behind `command -v`, quietly does nothing: a pre-commit hook that
// no longer formats. Every call is listed with what it did here; the check
// warns while one of them finds no tool, and points each such line out in the
// template when the template is a local folder.
import path from 'node:path';
import type { Config } from '../config/index.js';
import { isTemplateUrl } from '../config/template-url.js';
import { removedTools } from '../e2e/evidence/removed-tool-calls.js';
import { isSkipped } from '../model/checks.js';
import type { Check, Finding, ProjectCall } from '../model/report.js';
import { listWords } from '../model/text.js';
import type { Gate, GateCheck } from './gate.js';

const REMEDY =
  'Call the tool from the project’s own virtual environment (`.venv/bin/ruff`, `$(VENV)/bin/ruff`, `uv run ruff`) instead of from PATH, and keep it in the project’s dev dependencies so that `make setup` installs it.';

const CHECK: GateCheck = {
  id: 'project-calls-removed-tool',
  stage: 'e2e',
  off: 'skip',
  remedy: REMEDY,
  explain: () =>
    'no hook, Makefile recipe or script of the project calls a forbidden command by its bare name (warns)',
};

const OUTCOME: Record<Exclude<ProjectCall['outcome'], 'provided'>, string> = {
  guarded: 'guarded (skipped where it is absent)',
  'not found': 'not found (a phase printed command not found)',
  'not run': 'not run (no phase is known to have reached it)',
};

/** The template's line when known, else the project's. */
function placeOf(call: ProjectCall): string {
  if (call.templateFile && call.templateLine) return `${call.templateFile}:${call.templateLine}`;
  return `${call.file}:${call.line}`;
}

function described(call: ProjectCall): string {
  const from = call.templateFile && !call.templateLine ? ` (from \`${call.templateFile}\`)` : '';
  const outcome = call.outcome === 'provided' ? `provided by ${call.providedBy}` : OUTCOME[call.outcome];
  return `\`${placeOf(call)}\`${from} calls ${call.command}, ${outcome}`;
}

/** Each call; a call whose tool is absent points at its template's line when the template is a local folder. */
function finding(call: ProjectCall, template: string): Finding {
  const found: Finding = { path: placeOf(call) };
  if (call.outcome !== 'provided' && call.templateFile && !isTemplateUrl(template)) {
    found.source = { file: path.join(template, call.templateFile) };
    if (call.templateLine) found.source.line = call.templateLine;
  }
  return found;
}

function projectCallsCheck(calls: readonly ProjectCall[], config: Config): Check {
  if (calls.length === 0) {
    const tools = removedTools(config).map((t) => `\`${t}\``);
    return {
      id: CHECK.id,
      status: 'pass',
      detail: `no line of the project’s Makefile, git hooks or scripts calls ${tools.length > 0 ? listWords(tools) : 'a removed tool'} by its bare name`,
    };
  }
  const absent = calls.filter((c) => c.outcome !== 'provided');
  const found = calls.map((c) => finding(c, config.template));
  const lines =
    calls.length === 1 ? '1 line of the project calls' : `${calls.length} lines of the project call`;
  const listed = calls.map(described).join('; ');
  if (absent.length === 0) {
    return {
      id: CHECK.id,
      status: 'pass',
      detail: `${lines} a removed tool by its bare name, and this image provides it: ${listed}`,
      found,
    };
  }
  return {
    id: CHECK.id,
    status: 'warn',
    detail: `${lines} a removed tool by its bare name, ${absent.length} without the tool on this image: ${listed}. ${REMEDY}`,
    found,
  };
}

export const PROJECT_CALLS_REMOVED_TOOL: Gate = {
  family: CHECK.id,
  checks: [CHECK],
  judge(config, { e2e }) {
    const calls = e2e?.projectCalls;
    if (!calls || isSkipped(CHECK.id, config.skipChecks)) return {};
    return { checks: [{ check: projectCallsCheck(calls, config) }] };
  },
};
