// try-fixes in real workers on the shipped template: the local-rebuilds fix
// (uv cache-keys on the git commit) applied to throwaway clones and measured in
// interleaved pairs on the proved-warm cache; and a variant whose tests refuse
// the fix, reported as breaking the project (its as-is run passes make test:
// the positive control); and the setting fixes: UV_LINK_MODE=copy where uv falls
// back to copying (the separate layout), UV_COMPILE_BYTECODE=0 where the workers'
// env turns bytecode compiling on. Two pairs (warm-runs 1, the floor of pairs) keep it short.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { shippedTemplate } from '../../src/config/shipped.js';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { CACHE_KEYS_LINE } from '../../src/e2e/fixes/cache-keys.js';
import { e2eOptions, patchFile, runE2eChecked, templateVariant } from './e2e-helpers.js';
import { SLIM_IMAGE } from './images.js';

let engine: Engine;
beforeAll(async () => {
  engine = await connectEngine();
});

const localRebuilds = (run: Awaited<ReturnType<typeof runE2eChecked>>) =>
  run.report.e2e?.speedups?.find((s) => s.kind === 'local-rebuilds');

const kind = (run: Awaited<ReturnType<typeof runE2eChecked>>, k: string) =>
  run.report.e2e?.speedups?.find((s) => s.kind === k);

// One run tries a patch (local-rebuilds) and a setting (link-mode): two pairs each, one e2e's time.
describe('--try-fix local-rebuilds and link-mode on the shipped template', () => {
  let run: Awaited<ReturnType<typeof runE2eChecked>>;
  beforeAll(async () => {
    run = await runE2eChecked(
      engine,
      SLIM_IMAGE,
      e2eOptions({
        template: shippedTemplate(),
        'warm-runs': '1',
        'try-fixes': ['local-rebuilds', 'link-mode', 'compile-bytecode'],
      }),
    );
  });

  test('the advice is measured in 2 interleaved pairs, with an interval and the exact patch', () => {
    expect(run.exitCode).toBe(0);
    const advice = localRebuilds(run);
    expect(advice?.notTried).toBeUndefined();
    const tried = advice?.tried;
    expect(tried?.brokeProject).toBeUndefined();
    expect(tried?.pairs).toBe(2);
    expect(tried?.changeSeconds?.interval).toBeDefined();
    expect(advice?.basis).toBe('measured');
    // Every local package of the template, keyed on the commit, in one unified diff.
    for (const file of ['framework', 'services/billing', 'services/orders'])
      expect(tried?.patch).toContain(`+++ b/${file}/pyproject.toml`);
    expect(tried?.patch).toContain(`+${CACHE_KEYS_LINE}`);
  });

  test('as it is, the warm setup rebuilds local packages: the advice is there to try', () => {
    const warm = run.report.e2e?.runs.find((r) => r.kind === 'warm')?.phases.find((p) => p.name === 'setup');
    expect(warm?.profile?.localPackages?.some((p) => p.state === 'rebuilt')).toBe(true);
  });

  test('separate layout: uv falls back to copying, and UV_LINK_MODE=copy is measured in 2 pairs; no compile-bytecode advice unset', () => {
    expect(run.exitCode).toBe(0);
    expect(run.report.e2e?.runs.find((r) => r.kind === 'warm')?.linkMode).toBe('copy-fallback');
    const link = kind(run, 'link-mode');
    expect(link?.setting).toBe('UV_LINK_MODE=copy');
    expect(link?.notTried).toBeUndefined();
    expect(link?.tried?.brokeProject).toBeUndefined();
    expect(link?.tried?.pairs).toBe(2);
    expect(link?.tried?.changeSeconds?.interval).toBeDefined();
    expect(link?.tried?.patch).toBe('UV_LINK_MODE=copy');
    expect(link?.basis).toBe('measured');
    // Positive control: nothing turns bytecode compiling on, so there is no such advice to try.
    expect(kind(run, 'compile-bytecode')).toBeUndefined();
    expect(run.report.e2e?.runs.some((r) => r.uvSettings?.compileBytecode)).toBe(false);
  });

  test('the trials are not runs of the layout: its medians and judged facts are the scenario’s own', () => {
    expect(run.report.e2e?.runs.map((r) => `${r.worker} ${r.kind}`)).toEqual(['A cold', 'B warm']);
    expect(run.result.facts.failedPhases).toEqual([]);
  });
});

describe('a fix the project refuses is reported as breaking it', () => {
  // The template's tests refuse any cache-keys setting: the fixed copy passes make lint, fails make test.
  const template = templateVariant((dir) =>
    patchFile(
      dir,
      'template/Makefile.jinja',
      /^test:\n/m,
      "test:\n\t! git grep -q cache-keys -- '*pyproject.toml'\n",
    ),
  );
  afterAll(() => template.remove());

  test('broken at make test with its exit code and patch, no saving claimed; the project as it is passes test', async () => {
    const run = await runE2eChecked(
      engine,
      SLIM_IMAGE,
      e2eOptions({ template: template.dir, 'warm-runs': '1', 'try-fixes': ['all'] }),
    );
    // Positive control: as it is, the same project passes lint and test in every developer run.
    expect(run.exitCode).toBe(0);
    for (const r of run.report.e2e?.runs ?? [])
      expect(r.phases.filter((p) => p.name === 'test').map((p) => p.exitCode)).toEqual([0]);
    const advice = localRebuilds(run);
    expect(advice?.tried?.brokeProject).toEqual({ phase: 'test', exitCode: 2 });
    expect(advice?.tried?.pairs).toBe(0);
    expect(advice?.tried?.changeSeconds).toBeUndefined();
    expect(advice?.basis).toBe('estimated');
    expect(advice?.tried?.patch).toContain(`+${CACHE_KEYS_LINE}`);
    // `all` asks for every kind: the shipped Makefile's editable install is not a plain line, and says so.
    const editable = run.report.e2e?.speedups?.find((s) => s.kind === 'editable-rebuilds');
    expect(editable?.notTried).toBe(
      '`$(UV_PIP_INSTALL) -r requirements-tools.txt -e ./framework`: not a plain `uv pip install -e DIR` line',
    );
  });
});

describe('the setting fixes: tried in the fixed side’s environment, measured like the patches', () => {
  test('env UV_COMPILE_BYTECODE=1: the profile sees the compile, and UV_COMPILE_BYTECODE=0 is measured in 2 pairs', async () => {
    const run = await runE2eChecked(
      engine,
      SLIM_IMAGE,
      e2eOptions({
        template: shippedTemplate(),
        'warm-runs': '1',
        env: ['UV_COMPILE_BYTECODE=1'],
        'try-fixes': ['compile-bytecode'],
      }),
    );
    expect(run.exitCode).toBe(0);
    const warm = run.report.e2e?.runs.find((r) => r.kind === 'warm');
    expect(warm?.uvSettings?.compileBytecode).toMatchObject({ from: 'environment' });
    const setup = warm?.phases.find((p) => p.name === 'setup');
    expect(setup?.profile?.categories.find((c) => c.id === 'compiling')?.seconds).toBeGreaterThan(0);
    const compile = kind(run, 'compile-bytecode');
    expect(compile?.setting).toBe('UV_COMPILE_BYTECODE=0');
    expect(compile?.detail).toContain('UV_COMPILE_BYTECODE=1 in the worker environment');
    expect(compile?.tried?.brokeProject).toBeUndefined();
    expect(compile?.tried?.pairs).toBe(2);
    expect(compile?.tried?.changeSeconds?.interval).toBeDefined();
    expect(compile?.tried?.patch).toBe('UV_COMPILE_BYTECODE=0');
  });
});
