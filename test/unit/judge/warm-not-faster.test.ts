// warm-not-faster on recorded runs: a real `both` run whose separate layout's
// warm setup (median 9.401 s) was slower than its cold one (7.787 s, 0.83×)
// warns, naming the warm setup's largest cause; a faster warm setup passes.
import { describe, expect, test } from 'vitest';
import type { Report } from '../../../src/model/report.js';
import { bothRuns, run } from '../model/figures/runs.js';
import { loadFixture } from '../report/fixtures.js';
import { checkOf, e2eOf, facts } from './e2e-measured.js';

const e2eOfFixture = (name: string) => {
  const e2e = (loadFixture(name) as Report).e2e;
  if (!e2e) throw new Error(`${name} has no e2e section`);
  return e2e;
};

describe('warm-not-faster', () => {
  test('warns on a recorded run whose warm setup was slower than its cold one, with the largest cause', () => {
    const check = checkOf('warm-not-faster', e2eOfFixture('recorded-verify-both-profile'), facts());
    expect(check?.status).toBe('warn');
    expect(check?.detail).toMatch(
      /^warm setup median 9\.401 s against the cold setup 7\.787 s \(separate layout\): the warm setup is not faster, so the uv cache buys nothing here; largest cause of the warm setup: .+ [\d.]+ s of [\d.]+ s$/,
    );
  });

  test('passes when the warm median is below the cold setup', () => {
    expect(checkOf('warm-not-faster', e2eOf(bothRuns()), facts())).toEqual({
      id: 'warm-not-faster',
      status: 'pass',
      detail:
        'warm setup median 7.9 s against the cold setup 8.6 s (separate layout): the warm setup is faster',
    });
  });

  test('a warm median equal to the cold setup is not faster', () => {
    const equal = e2eOf([
      run(0, 'separate', 'cold', 5, 'cold', 'copy-fallback'),
      run(1, 'separate', 'warm', 5, 'warm', 'copy-fallback'),
    ]);
    expect(checkOf('warm-not-faster', equal, facts())?.status).toBe('warn');
  });

  test('says nothing without a cold and a warm figure, or when skipped', () => {
    const noCold = e2eOf([
      run(0, 'separate', 'cold', 8, 'not-cold', 'copy-fallback', 0),
      run(1, 'separate', 'warm', 9, 'warm', 'copy-fallback'),
    ]);
    expect(checkOf('warm-not-faster', noCold, facts())).toBeUndefined();
    expect(
      checkOf('warm-not-faster', e2eOf(bothRuns()), facts(), { skipChecks: ['warm-not-faster'] }),
    ).toBeUndefined();
  });
});
