// The view model on recorded reports, with the values a reader is shown.
import { describe, expect, test } from 'vitest';
import { buildView } from '../../../../src/report/view/index.js';
import { loadFixture } from '../fixtures.js';

const PIP_LINE =
  'RUN pip install --no-cache-dir ruff==0.8.4 xenon==0.9.3 pytest==8.3.4 pytest-cov==6.0.0 mypy==1.14.1 PyYAML==6.0.2 jinja2==3.1.5 copier==9.4.1 worker-agent==2.3.0';

describe('the headline', () => {
  test.each([
    ['synthetic-contract-fail', '15 checks failed'],
    ['synthetic-e2e-fail', '2 gates failed: 1 check and 1 end-to-end phase'],
    ['recorded-e2e-keep-setup-fail', '1 end-to-end phase failed'],
    ['recorded-verify-build-fail', 'the build failed'],
    ['audit-fleet', '5 of 7 workers failed 6 checks'],
  ])('%s: what failed, in words that agree with the checks and workers below it', (fixture, what) => {
    expect(buildView(loadFixture(fixture)).headline.what).toBe(what);
  });

  test('a failed check run: the verdict in words, the image size, the change, the failed gates', () => {
    const view = buildView(loadFixture('synthetic-contract-fail'));
    expect(view.headline).toMatchObject({ verdict: 'fail', what: '15 checks failed', duration: '3.8 s' });
    expect(view.cards.map((c) => [c.kind, c.value, c.sub, c.tone])).toEqual([
      ['image-size', '338.4 MB', undefined, undefined],
      ['size-change', '+90.7 MB', '+36.6 %', 'up'],
      ['failed', '15', undefined, 'bad'],
    ]);
    expect(view.figures.failedGates).toHaveLength(15);
  });

  test('an e2e run: cold and warm setup from the headline layout, with its link mode', () => {
    const view = buildView(loadFixture('synthetic-both'));
    expect(view.headline).toMatchObject({
      verdict: 'pass',
      what: 'every gate passed',
      duration: '2 min 45 s',
    });
    expect(view.cards.filter((c) => c.kind !== 'image-size' && c.kind !== 'size-change')).toEqual([
      { kind: 'cold', label: 'Cold setup', shortLabel: 'Cold setup', value: '10.6 s' },
      {
        kind: 'warm',
        label: 'Warm setup (median)',
        shortLabel: 'Warm median',
        value: '6.9 s',
        linkMode: 'copy-fallback',
      },
      { kind: 'speedup', label: 'Speedup', shortLabel: 'Speedup', value: '1.5×' },
      {
        kind: 'layout-ratio',
        label: 'Separate ÷ shared warm',
        shortLabel: 'Separate ÷ shared',
        value: '2.7×',
      },
    ]);
    expect(view.figures).toMatchObject({
      setup: { coldSeconds: 10.58, warmSeconds: 6.91, speedup: 1.53 },
      layoutRatio: 2.68,
    });
  });

  test("the link mode beside the setup figures is the recorded headline layout's, not one chosen again", () => {
    const report = loadFixture('synthetic-both');
    const e2e = report.e2e;
    if (!e2e) throw new Error('the fixture has no e2e section');
    const shared = e2e.layouts.find((l) => l.layout === 'shared');
    expect(buildView(report).figures.linkMode).toBe('copy-fallback');
    expect(buildView({ ...report, e2e: { ...e2e, headlineLayout: 'shared' } }).figures.linkMode).toBe(
      shared?.linkMode,
    );
    expect(shared?.linkMode).not.toBe('copy-fallback');
  });

  test('a run that could not finish: the cause, its detail and what to do', () => {
    const view = buildView(loadFixture('synthetic-error-early'));
    expect(view.headline.what).toBe('the run could not finish');
    expect(view.error?.cause).toBe(
      'base image python:3.12-slim (images/worker-base-common/Dockerfile line 6) is not in the engine and cannot be pulled',
    );
    expect(view.error?.remedy).toBe(
      'This is not a verdict on the image: worker-gate could not finish (bad input or an infrastructure fault, exit status 2). Fix the cause above and run again.',
    );
    expect(view.cards).toEqual([]);
  });
});

describe('the checks', () => {
  test('shown failed first, then warned, then passed, each in the order the report lists them', () => {
    const view = buildView(loadFixture('check-fat-fail-baseline'));
    expect(view.checks.map((c) => c.status[0]).join('')).toBe('pppppffffffffffffffppffw');
    expect(view.shownChecks.map((c) => c.status[0]).join('')).toBe('ffffffffffffffffwppppppp');
    expect(view.shownChecks.slice(16).map((c) => c.id)).toEqual([
      'pinned-images',
      'require:uv',
      'require:uvx',
      'require:git',
      'require:make',
      'require:python3',
      'non-root-user',
      'cache-dir-writable',
    ]);
    expect(view.tally).toEqual({ pass: 7, fail: 16, warn: 1 });
  });

  test('a failed check carries what to do and where, with the instruction at that line', () => {
    const view = buildView(loadFixture('synthetic-contract-fail'));
    const ruff = view.checks.find((c) => c.id === 'forbid-command:ruff');
    expect(ruff?.remedy).toBe(
      'Remove `ruff` from the image: projects install their tools into their own virtual environment with `make setup`. If the image must keep one, drop it from `forbid-commands`.',
    );
    expect(ruff?.place).toEqual({
      file: 'images/worker-base-common/Dockerfile',
      line: 13,
      instruction: PIP_LINE,
    });
    const passed = view.checks.find((c) => c.status === 'pass');
    expect(passed?.remedy).toBeUndefined();
  });
});

describe('the failed gates', () => {
  test('grouped by family, one remedy naming every member, the shared place once', () => {
    const view = buildView(loadFixture('synthetic-contract-fail'));
    expect(view.failureGroups.map((g) => [g.family, g.members.length])).toEqual([
      ['forbid-command', 6],
      ['forbid-package', 7],
      ['max-image-size', 1],
      ['max-size-increase', 1],
    ]);
    const [commands] = view.failureGroups;
    expect(commands?.remedy).toBe(
      'Remove `ruff`, `pytest`, `mypy`, `xenon`, `copier` and `py.test` from the image: projects install their tools into their own virtual environment with `make setup`. If the image must keep one, drop it from `forbid-commands`.',
    );
    expect(commands?.members.map((m) => m.name)).toEqual([
      'ruff',
      'pytest',
      'mypy',
      'xenon',
      'copier',
      'py.test',
    ]);
    expect(commands?.place).toEqual({
      file: 'images/worker-base-common/Dockerfile',
      line: 13,
      instruction: PIP_LINE,
    });
    expect(view.failureGroups.find((g) => g.family === 'max-size-increase')?.members[0]?.showsGrowth).toBe(
      true,
    );
  });

  test("audit failures are the audit's rows, not failures shown apart", () => {
    const view = buildView(loadFixture('audit-fleet'));
    expect(view.failureGroups.map((g) => [g.family, g.members.length])).toEqual([
      ['cache-volume', 1],
      ['cache-volume-shared', 2],
      ['pids-limit', 1],
      ['worker-user', 1],
      ['docker-socket', 1],
    ]);
    expect(view.unshownFailures).toEqual([]);
    expect(view.audit?.workers).toHaveLength(7);
  });
});

describe('the e2e', () => {
  test('a failed phase: its log, its cell in the runs table, and no separate failure in JUnit', () => {
    const view = buildView(loadFixture('e2e-fail'));
    expect(view.logs.map((l) => [l.run, l.phase, l.outcome])).toEqual([
      ['worker A (cold, separate)', 'test', 'exit 2'],
    ]);
    const run = view.e2e?.runs.rows[0];
    expect(run?.cells.find((c) => c?.name === 'test')).toMatchObject({ failed: true, outcome: 'exit 2' });
    expect(view.unshownFailures).toEqual([]);
    expect(view.figures.linkMode).toBe('unknown');
  });
});
