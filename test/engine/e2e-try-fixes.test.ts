// try-fixes in real workers on the shipped template: the local-rebuilds fix
// (uv cache-keys on the git commit) applied to throwaway clones and measured in
// interleaved pairs on the proved-warm cache; and a variant whose lint refuses
// the fix, reported as breaking the project (its as-is run passes lint: the
// positive control). Two pairs (warm-runs 1, the floor of pairs) keep it short.
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

describe('--try-fix local-rebuilds on the shipped template', () => {
  let run: Awaited<ReturnType<typeof runE2eChecked>>;
  beforeAll(async () => {
    run = await runE2eChecked(
      engine,
      SLIM_IMAGE,
      e2eOptions({ template: shippedTemplate(), 'warm-runs': '1', 'try-fixes': ['local-rebuilds'] }),
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

  test('the trials are not runs of the layout: its medians and judged facts are the scenario’s own', () => {
    expect(run.report.e2e?.runs.map((r) => `${r.worker} ${r.kind}`)).toEqual(['A cold', 'B warm']);
    expect(run.result.facts.failedPhases).toEqual([]);
  });
});

describe('a fix the project refuses is reported as breaking it', () => {
  // The template's lint refuses any cache-keys setting: the fixed copy fails make lint.
  const template = templateVariant((dir) =>
    patchFile(
      dir,
      'template/Makefile.jinja',
      /^lint:\n/m,
      "lint:\n\t! git grep -q cache-keys -- '*pyproject.toml'\n",
    ),
  );
  afterAll(() => template.remove());

  test('broken at lint with its exit code and patch, no saving claimed; the project as it is passes lint', async () => {
    const run = await runE2eChecked(
      engine,
      SLIM_IMAGE,
      e2eOptions({ template: template.dir, 'warm-runs': '1', 'try-fixes': ['all'] }),
    );
    // Positive control: as it is, the same project passes lint and test in every developer run.
    expect(run.exitCode).toBe(0);
    for (const r of run.report.e2e?.runs ?? [])
      expect(r.phases.filter((p) => p.name === 'lint').map((p) => p.exitCode)).toEqual([0]);
    const advice = localRebuilds(run);
    expect(advice?.tried?.brokeProject).toEqual({ phase: 'lint', exitCode: 2 });
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
