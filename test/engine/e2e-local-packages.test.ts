// The two speed-ups of local packages, on a template of its own
// (test/fixtures/e2e/templates/local-package: `lib` installed through the lock,
// `pkg` through the lock and again by a plain `uv pip install -e ./pkg` line):
// try-fixes measures both fixes in 2 interleaved pairs (warm-runs 1); and with
// the cache-keys patch in the template itself the warm developer reuses `lib`,
// which it rebuilds without the patch (the positive control, from the first
// run's warm developer). Both rest on every developer of the separate layout
// cloning to one path: uv keys a local build on its path too. The timing
// comparison is bench/fixes.bench.ts's (WORKER_GATE_BENCH_TEMPLATE).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toolRoot } from '../../src/config/shipped.js';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { CACHE_KEYS_LINE, withCacheKeys } from '../../src/e2e/fixes/cache-keys.js';
import type { E2eHooks } from '../../src/e2e/run/scenario.js';
import { type Log, silentLog } from '../../src/model/log.js';
import type { Phase } from '../../src/model/report.js';
import { e2eOptions, runE2eChecked, templateVariant } from './e2e-helpers.js';
import { SLIM_IMAGE } from './images.js';

const FIXTURE = path.join(toolRoot(), 'test', 'fixtures', 'e2e', 'templates', 'local-package');

let engine: Engine;
beforeAll(async () => {
  engine = await connectEngine();
});

/** Every setup and lint/test phase, under the title of the worker that ran it (the log's group title). */
function watched(): { log: Log; hooks: E2eHooks; phases: { title: string; phase: Phase }[] } {
  const phases: { title: string; phase: Phase }[] = [];
  let title = '';
  const log: Log = {
    ...silentLog,
    group: (t, fn) => {
      title = t;
      return fn();
    },
  };
  const hooks: E2eHooks = {
    afterPhase: async (_worker, phase) => {
      phases.push({ title, phase });
    },
  };
  return { log, hooks, phases };
}

/** How many times each local package was built in a setup (`Built NAME @ file://…`). */
function builds(phase: Phase | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const b of phase?.profile?.localBuilds ?? []) out[b.name] = (out[b.name] ?? 0) + 1;
  return out;
}

type Run = Awaited<ReturnType<typeof runE2eChecked>>;
const warmSetup = (run: Run) =>
  run.report.e2e?.runs.find((r) => r.kind === 'warm')?.phases.find((p) => p.name === 'setup');
const states = (run: Run) =>
  Object.fromEntries((warmSetup(run)?.profile?.localPackages ?? []).map((p) => [p.name, p.state]));

describe('--try-fix local-rebuilds and editable-rebuilds on a template with a local package', () => {
  let run: Run;
  const seen = watched();
  const setups = (pattern: RegExp) =>
    seen.phases.filter((p) => p.phase.name === 'setup' && pattern.test(p.title)).map((p) => p.phase);
  beforeAll(async () => {
    run = await runE2eChecked(
      engine,
      SLIM_IMAGE,
      e2eOptions({
        template: FIXTURE,
        'warm-runs': '1',
        'try-fixes': ['local-rebuilds', 'editable-rebuilds'],
      }),
      seen.hooks,
      seen.log,
    );
  });

  test('both advices are measured in 2 interleaved pairs, each with an interval and its exact patch', () => {
    expect(run.exitCode).toBe(0);
    const advice = (kind: string) => run.report.e2e?.speedups?.find((s) => s.kind === kind);
    for (const kind of ['local-rebuilds', 'editable-rebuilds']) {
      const a = advice(kind);
      expect(a?.notTried, kind).toBeUndefined();
      expect(a?.basis, kind).toBe('measured');
      expect(a?.tried?.brokeProject, kind).toBeUndefined();
      expect(a?.tried?.pairs, kind).toBe(2);
      expect(a?.tried?.changeSeconds?.interval, kind).toBeDefined();
    }
    const keys = advice('local-rebuilds')?.tried?.patch ?? '';
    for (const file of ['pyproject.toml', 'lib/pyproject.toml', 'pkg/pyproject.toml'])
      expect(keys).toContain(`+++ b/${file}`);
    expect(keys).toContain(`+${CACHE_KEYS_LINE}`);
    const locked = advice('editable-rebuilds')?.tried?.patch ?? '';
    expect(locked).toContain('+++ b/Makefile');
    expect(locked).toContain('-\tuv pip install -e ./pkg');
    expect(locked).toContain('+\tuv sync --inexact');
  });

  test('each fixed copy passes lint and test', () => {
    for (const kind of ['local-rebuilds', 'editable-rebuilds']) {
      const checks = seen.phases.filter(
        (p) => p.title.includes(`try-fix ${kind}: the fixed copy`) && ['lint', 'test'].includes(p.phase.name),
      );
      expect(
        checks.map((p) => `${p.phase.name} ${p.phase.exitCode}`),
        kind,
      ).toEqual(['lint 0', 'test 0']);
    }
  });

  test('keyed on the commit, the fixed clones of the pairs reuse lib; as it is, every clone rebuilds it', () => {
    const fixed = setups(/try-fix local-rebuilds: pair \d of 2, fixed/);
    const asIs = setups(/try-fix local-rebuilds: pair \d of 2, as it is/);
    expect(fixed).toHaveLength(2);
    expect(asIs).toHaveLength(2);
    for (const setup of asIs) expect(builds(setup).lib).toBe(1);
    // The fixed copy's first setup built it at this path and commit; the pairs' clones take it from the cache.
    for (const setup of fixed) expect(builds(setup).lib).toBeUndefined();
  });

  test('through the lock, pkg is built once per setup instead of twice', () => {
    const fixed = setups(/try-fix editable-rebuilds: pair \d of 2, fixed/);
    const asIs = setups(/try-fix editable-rebuilds: pair \d of 2, as it is/);
    expect(asIs.map((s) => builds(s).pkg)).toEqual([2, 2]);
    expect(fixed.map((s) => builds(s).pkg)).toEqual([1, 1]);
  });

  test('control: as it is, the warm developer rebuilds both local packages', () => {
    expect(states(run)).toEqual({ lib: 'rebuilt', pkg: 'rebuilt' });
  });
});

describe('the cache-keys patch in the template itself', () => {
  // The local-rebuilds fix's own text, applied to every pyproject.toml of the fixture.
  const template = templateVariant((dir) => {
    for (const file of [
      'template/pyproject.toml',
      'template/lib/pyproject.toml',
      'template/pkg/pyproject.toml',
    ]) {
      const full = path.join(dir, file);
      const fixed = withCacheKeys(readFileSync(full, 'utf8'));
      if (!fixed) throw new Error(`${file}: no cache-keys to add`);
      writeFileSync(full, fixed);
    }
  }, FIXTURE);
  afterAll(() => template.remove());

  test('the warm developer reuses lib from the cache; pkg, installed again by path, is still rebuilt', async () => {
    const run = await runE2eChecked(
      engine,
      SLIM_IMAGE,
      e2eOptions({ template: template.dir, 'warm-runs': '1' }),
    );
    expect(run.exitCode).toBe(0);
    expect(states(run)).toEqual({ lib: 'reused', pkg: 'rebuilt' });
    // Not built at all through the lock: the one build of pkg is the `uv pip install -e ./pkg` line's.
    expect(builds(warmSetup(run))).toEqual({ pkg: 1 });
  });
});
