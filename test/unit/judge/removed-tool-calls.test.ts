// project-calls-removed-tool through the judge, and on into the Report and its
// outputs: a warning that lists every call and points at the template's lines.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Config, RawValues } from '../../../src/config/index.js';
import { toolRoot } from '../../../src/config/shipped.js';
import { explain } from '../../../src/explain/explain.js';
import { judge, judgeEach } from '../../../src/judge/judge.js';
import { checkNamed } from '../../../src/judge/registry.js';
import type { Check, E2eReport, ProjectCall } from '../../../src/model/report.js';
import { addVerdicts, finishReport, newReport } from '../../../src/model/report-building.js';
import { validateReport } from '../../../src/model/report-schema.js';
import { annotationsFor, renderers } from '../../../src/report/renderers.js';
import { configWith } from './measured.js';

const ID = 'project-calls-removed-tool';
const CONFIG = configWith({}, 'verify');
const TEMPLATE = CONFIG.template;

function e2eWith(projectCalls?: ProjectCall[]): E2eReport {
  return {
    template: { source: TEMPLATE, ref: 'HEAD', data: {} },
    runs: [],
    layouts: [],
    setup: null,
    ...(projectCalls ? { projectCalls } : {}),
  };
}

function checkOn(projectCalls: ProjectCall[] | undefined, config: Config = CONFIG): Check | undefined {
  const checks = judge(config, { command: 'verify', e2e: e2eWith(projectCalls) }).checks;
  return checks.find((c) => c.check.id === ID)?.check;
}

// The slim image: the guarded hook skipped ruff, the Makefile's pytest was not found.
const HOOK: ProjectCall = {
  file: '.githooks/pre-commit',
  line: 7,
  command: 'ruff',
  text: 'ruff format $files',
  outcome: 'guarded',
  templateFile: 'template/.githooks/pre-commit',
  templateLine: 7,
};
const RECIPE: ProjectCall = {
  file: 'Makefile',
  line: 12,
  command: 'pytest',
  text: 'pytest -q',
  outcome: 'not found',
  templateFile: 'template/Makefile.jinja',
};
const SLIM = [HOOK, RECIPE];

describe('project-calls-removed-tool', () => {
  test('warns on the slim image, listing each call with its place and outcome', () => {
    const check = checkOn(SLIM);
    expect(check?.status).toBe('warn');
    expect(check?.detail).toBe(
      '2 lines of the project call a removed tool by its bare name, 2 without the tool on this image: ' +
        '`template/.githooks/pre-commit:7` calls ruff, guarded (skipped where it is absent); ' +
        '`Makefile:12` (from `template/Makefile.jinja`) calls pytest, not found (a phase printed command not found). ' +
        'Call the tool from the project’s own virtual environment (`.venv/bin/ruff`, `$(VENV)/bin/ruff`, `uv run ruff`) instead of from PATH, and keep it in the project’s dev dependencies so that `make setup` installs it.',
    );
    expect(check?.found).toEqual([
      {
        path: 'template/.githooks/pre-commit:7',
        source: { file: path.join(TEMPLATE, 'template/.githooks/pre-commit'), line: 7 },
      },
      { path: 'Makefile:12', source: { file: path.join(TEMPLATE, 'template/Makefile.jinja') } },
    ]);
  });

  test('a call that was not run still warns', () => {
    expect(checkOn([{ ...HOOK, outcome: 'not run' }])?.detail).toContain(
      '1 line of the project calls a removed tool by its bare name, 1 without the tool on this image: `template/.githooks/pre-commit:7` calls ruff, not run (no phase is known to have reached it).',
    );
  });

  test('passes when the image provides every tool called, still listing the calls', () => {
    const provided: ProjectCall = { ...HOOK, outcome: 'provided', providedBy: '/usr/local/bin/ruff' };
    expect(checkOn([provided])).toEqual({
      id: ID,
      status: 'pass',
      detail:
        '1 line of the project calls a removed tool by its bare name, and this image provides it: `template/.githooks/pre-commit:7` calls ruff, provided by /usr/local/bin/ruff',
      found: [{ path: 'template/.githooks/pre-commit:7' }],
    });
    // One tool absent among provided ones is enough to warn.
    expect(checkOn([provided, RECIPE])?.status).toBe('warn');
  });

  test('passes with no call, naming the tools looked for', () => {
    expect(checkOn([])).toEqual({
      id: ID,
      status: 'pass',
      detail:
        'no line of the project’s Makefile, git hooks or scripts calls `ruff`, `pytest`, `py.test`, `mypy`, `xenon` and `copier` by its bare name',
    });
  });

  test('a template from a URL: the calls are listed, no line to point at', () => {
    const config = configWith({ template: 'https://example.com/t.git' }, 'verify');
    expect(checkOn(SLIM, config)?.found).toEqual([
      { path: 'template/.githooks/pre-commit:7' },
      { path: 'Makefile:12' },
    ]);
  });

  test('nothing when the project was not read, or when skipped', () => {
    expect(checkOn(undefined)).toBeUndefined();
    expect(checkOn(SLIM, configWith({ 'skip-checks': [ID] }, 'verify'))).toBeUndefined();
  });

  test('the registry, remedies and explain know it', () => {
    expect(checkNamed(ID)).toMatchObject({ id: ID, stage: 'e2e', off: 'skip' });
    const gates = (overrides: RawValues) =>
      explain({
        frontDoor: 'cli',
        overrides: { image: 'unused', ...overrides },
        env: {},
        cwd: tmpdir(),
        assetsDir: toolRoot(),
      }).gates.map((g) => g.id);
    expect(gates({})).toContain(ID);
    expect(gates({ 'skip-checks': [ID] })).not.toContain(ID);
  });
});

describe('in the Report and its outputs', () => {
  function reportOf(projectCalls: ProjectCall[]) {
    const report = newReport('verify', new Date('2026-01-01T00:00:00Z'));
    report.e2e = e2eWith(projectCalls);
    addVerdicts(report, judgeEach(CONFIG, { command: 'verify', e2e: report.e2e }));
    return finishReport(report, new Date('2026-01-01T00:00:10Z'));
  }

  test('a warning: the verdict passes, the report follows the schema, each absent call is annotated at its template line', () => {
    const report = reportOf(SLIM);
    expect(report.verdict).toBe('pass');
    expect(validateReport(report)).toEqual([]);
    const detail = report.checks.find((c) => c.id === ID)?.detail ?? '';
    expect(annotationsFor(report)).toEqual([
      {
        level: 'warning',
        title: `worker-gate: ${ID}`,
        message: detail,
        file: path.join(TEMPLATE, 'template/.githooks/pre-commit'),
        line: 7,
      },
      {
        level: 'warning',
        title: `worker-gate: ${ID}`,
        message: detail,
        file: path.join(TEMPLATE, 'template/Makefile.jinja'),
      },
    ]);
    expect(renderers.summary(report)).toContain('found `template/.githooks/pre-commit:7`');
    expect(renderers.junit(report)).toContain('found: Makefile:12');
  });

  test('provided calls are not annotated', () => {
    const report = reportOf([{ ...HOOK, outcome: 'provided', providedBy: '/usr/local/bin/ruff' }]);
    expect(annotationsFor(report)).toEqual([]);
  });
});
