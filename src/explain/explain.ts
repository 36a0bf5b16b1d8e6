// `worker-gate explain` (and the action's `explain: true`): what `verify` would
// do with these options, from the same resolve and validate path as a real
// run, so every problem validation finds is listed here too. Pure: it never
// contacts the engine and writes no report.

import { type Config, fieldValue, type ResolveInput, resolveConfig } from '../config/index.js';
import {
  isRepeatable,
  type OptionName,
  type OptionSpec,
  optionsFor,
  type RawValues,
  SECTIONS,
  type Section,
  specNamed,
} from '../config/options.js';
import { inputLabel, type Source } from '../config/validate.js';
import { isSkipped } from '../model/checks.js';
import { InputError } from '../model/errors.js';
import type { SizeOrPercent } from '../model/units.js';
import { formatBytes } from '../model/units.js';
import type { RequireSpec } from '../model/versions.js';

export interface ExplainedOption {
  name: OptionName;
  section: Section;
  /** As a person would type it (or what an unset option leaves to the run); undefined when unset. */
  value?: string;
  /** `--memory`, `memory input`, `.worker-gate.yml: memory`, `SSL_CERT_FILE`, `default`, or `unset`. */
  source: string;
}

export interface Gate {
  id: string;
  /** What passes, with the threshold. */
  rule: string;
}

export interface Explanation {
  /** Every problem found, one line each; empty when the options are valid. */
  problems: string[];
  options: ExplainedOption[];
  stages: string[];
  gates: Gate[];
}

/** The action's `explain: true` (a value that is not a boolean is left for validation to report). */
export function wantsExplain(raw: RawValues): boolean {
  const parsed = specNamed('explain').schema.safeParse(raw.explain);
  return parsed.success && parsed.data === true;
}

/** Resolve as `verify` would, and say what it would do; problems instead of a throw. */
export function explain(input: Omit<ResolveInput, 'command'>): Explanation {
  let config: Config;
  try {
    config = resolveConfig({ ...input, command: 'verify' });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { problems: [error.message, ...error.details], options: [], stages: [], gates: [] };
  }
  return {
    problems: [],
    options: explainOptions(config, input.frontDoor),
    stages: stagesOf(config),
    gates: gatesOf(config),
  };
}

/** A size as it was most likely written: `2GiB` for a whole number of GiB, else decimal units. */
function sizeText(bytes: number): string {
  for (const [unit, factor] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
  ] as const) {
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return formatBytes(bytes, { exact: true });
}

function limitText(limit: SizeOrPercent, percentOf = ''): string {
  return limit.kind === 'bytes' ? sizeText(limit.bytes) : `${limit.percent}%${percentOf}`;
}

/** A validated value as the user would write it. */
function valueText(spec: OptionSpec, value: unknown): string {
  if (spec.secret) return '***';
  if (spec.kind === 'size' && typeof value === 'number') return sizeText(value);
  if (spec.kind === 'percent' && typeof value === 'number') return `${value}%`;
  if (spec.kind === 'size-or-percent') return limitText(value as SizeOrPercent);
  if (spec.kind === 'keyvalue-list')
    return Object.entries(value as Record<string, string>)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
  if (spec.name === 'require') return (value as RequireSpec[]).map((r) => `${r.name}${r.range}`).join(', ');
  if (isRepeatable(spec)) return (value as unknown[]).join(', ');
  return String(value);
}

/** What the run uses for an option left unset when it supplies the value itself (the table's defaultText). */
function computedValue(spec: OptionSpec, config: Config): string | undefined {
  const value = fieldValue(config, spec);
  return typeof value === 'string' ? value : undefined;
}

function sourceText(spec: OptionSpec, config: Config): string {
  const origin = config.sources[spec.name as OptionName];
  switch (origin) {
    case 'cli':
    case 'action':
      return inputLabel(spec, { door: origin });
    case 'file':
      return inputLabel(spec, { door: 'file', label: config.configFile ?? '.worker-gate.yml' });
    case 'env':
      return spec.name === 'ca-bundle' ? 'SSL_CERT_FILE' : 'GITHUB_TOKEN';
    case 'default':
      return 'default';
    default:
      return computedValue(spec, config) === undefined ? 'unset' : 'default';
  }
}

function explainOptions(config: Config, door: Source['door']): ExplainedOption[] {
  const order = (s: OptionSpec) => SECTIONS.findIndex((section) => section.name === s.section);
  return optionsFor('verify')
    .filter((spec) => (door === 'cli' ? !spec.actionOnly : true))
    .sort((a, b) => order(a) - order(b))
    .map((spec) => {
      const set = config.values[spec.name];
      const value =
        set !== undefined
          ? valueText(spec, set)
          : spec.secret && config.githubToken
            ? '***'
            : computedValue(spec, config);
      const out: ExplainedOption = {
        name: spec.name,
        section: spec.section,
        source: sourceText(spec, config),
      };
      if (value !== undefined && value !== '') out.value = value;
      else if (spec.defaultText) out.value = `(unset: ${spec.defaultText})`;
      return out;
    });
}

function stagesOf(config: Config): string[] {
  const stages: string[] = [];
  stages.push(
    config.image
      ? `use the existing image ${config.image} (no build)`
      : `build ${config.dockerfile} (context ${config.context}${config.tag ? `, tag ${config.tag}` : ''})`,
  );
  if (config.baselineRef)
    stages.push(`baseline: build the same Dockerfile at git ref ${config.baselineRef} and compare`);
  if (config.baselineImage) stages.push(`baseline: compare with the image ${config.baselineImage}`);
  if (config.baselineReport)
    stages.push(`baseline: compare with the report ${config.baselineReport} (layer sizes only)`);
  stages.push('contract: probe the image (commands, packages, user, uv cache volume, size)');
  if (config.skipE2e) stages.push('end to end: skipped (skip-e2e)');
  else {
    const layouts = config.cacheLayout === 'both' ? 'separate and shared' : config.cacheLayout;
    const scaffolder = `${config.scaffolderImage ?? 'the image under test'} as ${config.scaffolderUser === 'root' ? 'root' : "the image's user"}`;
    stages.push(
      `end to end: the scaffolder (${scaffolder}, scaffold-cache ${config.scaffoldCache}) scaffolds ${config.template}@${config.templateRef}, sets up and pushes with hooks off; developer A then ${config.warmRuns} warm developer(s) get it by handoff ${config.handoff}, cache layout ${layouts}, ${config.cpus} CPU and ${sizeText(config.memoryBytes)} per worker`,
    );
    if (config.baselineRef && config.maxWarmSetupRegression !== undefined)
      stages.push(`end to end on the baseline at ${config.baselineRef} (for max-warm-setup-regression)`);
  }
  const files = [config.report, config.summaryFile, config.junit, config.html].filter(Boolean);
  stages.push(`report: ${files.length > 0 ? files.join(', ') : 'closing lines only (no files named)'}`);
  if (config.jobSummary) stages.push('job summary');
  if (config.comment) stages.push('pull-request comment, updated in place');
  return stages;
}

function gatesOf(config: Config): Gate[] {
  const gates: Gate[] = [];
  const add = (id: string, rule: string) => {
    if (!isSkipped(id, config.skipChecks)) gates.push({ id, rule });
  };
  for (const r of config.require) add(`require:${r.name}`, `${r.name}${r.range} on PATH`);
  for (const c of config.forbidCommands) add(`forbid-command:${c}`, `no ${c} on PATH`);
  for (const p of config.forbidPackages) {
    const allowed = config.allowPackages[p];
    add(`forbid-package:${p}`, allowed ? `allowed: ${allowed}` : `no ${p} in any global site-packages`);
  }
  add('non-root-user', "the image's user is not root");
  add('cache-dir-writable', 'the worker can write a fresh uv cache volume');
  if (config.maxImageSize !== undefined) add('max-image-size', `image ≤ ${sizeText(config.maxImageSize)}`);
  const baseline = config.baselineImage
    ? `baseline-image ${config.baselineImage}`
    : config.baselineRef
      ? `baseline-ref ${config.baselineRef}`
      : config.baselineReport && `baseline-report ${config.baselineReport}`;
  if (config.maxSizeIncrease)
    add(
      'max-size-increase',
      `growth ≤ ${limitText(config.maxSizeIncrease)} against ${baseline ?? 'no baseline (warns)'}`,
    );
  if (config.maxWastedBytes)
    add('max-wasted-bytes', `wasted bytes ≤ ${limitText(config.maxWastedBytes, ' of the image')}`);
  if (config.minEfficiencyPercent !== undefined)
    add('min-efficiency', `efficiency ≥ ${config.minEfficiencyPercent}%`);
  add(
    'pinned-images',
    `every FROM and COPY --from image pinned (${config.requirePinnedImages ? 'fails' : 'warns'})`,
  );
  if (!config.skipE2e) {
    add(
      'python-fits-template',
      `the image's Python fits the template's requires-python (${config.allowPythonMismatch ? 'warns' : 'fails'})`,
    );
    add('cache-shared', 'a proved warm run downloads nothing');
    if (config.handoff === 'mount')
      add('handoff-venvs', 'the handed-over venvs work (after handoff-fixup when given)');
    add(
      'project-calls-removed-tool',
      'no hook, Makefile recipe or script of the project calls a forbidden command by its bare name (warns)',
    );
    const noise = ` (timing noise ${config.timingNoisePercent}%)`;
    if (config.maxWarmSetupSeconds !== undefined)
      add('max-warm-setup-seconds', `median warm setup ≤ ${config.maxWarmSetupSeconds} s`);
    if (config.minSetupSpeedup !== undefined)
      add('min-setup-speedup', `cold / warm median ≥ ${config.minSetupSpeedup}`);
    if (config.maxLayoutRatio !== undefined && config.cacheLayout === 'both')
      add('max-layout-ratio', `separate / shared warm median ≤ ${config.maxLayoutRatio}${noise}`);
    if (config.maxWarmSetupRegression !== undefined && config.baselineRef)
      add(
        'max-warm-setup-regression',
        `warm median ≤ ${config.maxWarmSetupRegression} × the baseline's${noise}`,
      );
  }
  return gates;
}

/** The explanation as text, for the terminal and the action's log. */
export function renderExplanation(explanation: Explanation): string {
  const lines: string[] = [];
  if (explanation.problems.length > 0) {
    lines.push(`${explanation.problems.length} problem(s) in the options:`);
    for (const p of explanation.problems) lines.push(`  ${p}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push('What `verify` would do with these options (nothing ran; the engine was not contacted).', '');
  const width = Math.max(...explanation.options.map((o) => o.name.length));
  for (const section of SECTIONS) {
    const options = explanation.options.filter((o) => o.section === section.name);
    if (options.length === 0) continue;
    lines.push(`${section.title}:`);
    for (const o of options)
      lines.push(
        `  ${o.name.padEnd(width)}  ${o.value ?? '(unset)'}${o.source === 'unset' ? '' : `  [${o.source}]`}`,
      );
    lines.push('');
  }
  lines.push('Stages:');
  explanation.stages.forEach((stage, i) => {
    lines.push(`  ${i + 1}. ${stage}`);
  });
  lines.push('', 'Gates:');
  const gateWidth = Math.max(...explanation.gates.map((g) => g.id.length));
  for (const gate of explanation.gates) lines.push(`  ${gate.id.padEnd(gateWidth)}  ${gate.rule}`);
  lines.push('', 'No problems found: the options are valid.');
  return `${lines.join('\n')}\n`;
}
