import { describe, expect, test } from 'vitest';
import { warmRegressionCheck, warmSetupRatio } from '../../../src/gates/regression.js';

// Warm setup seconds recorded in a real `both` run on this machine
// (test/fixtures/reports/e2e-both.json): the separate layout's runs 5.371,
// 5.647, 6.796 s (median 5.647, uv copying every file); the shared layout's
// median 4.437 s (hard links). A baseline that hard-linked against a change
// that made uv copy is a real regression of the kind the gate is for.
const recorded = { sharedMedian: 4.437, separateMedian: 5.647, separateFirst: 5.371 };

describe('max-warm-setup-regression on recorded figures', () => {
  test('two warm figures of the same layout differ by run-to-run noise only and pass 1.0 with 10% noise', () => {
    const check = warmRegressionCheck({
      current: recorded.separateMedian,
      baseline: recorded.separateFirst,
      baselineRef: 'main',
      maxRatio: 1,
      noisePercent: 10,
    });
    expect(check).toMatchObject({ id: 'max-warm-setup-regression', status: 'pass' });
    expect(check.detail).toContain('ratio 1.051');
  });

  test('a change that makes uv copy instead of hard-link fails 1.1, naming both medians, the ratio and the allowance', () => {
    const check = warmRegressionCheck({
      current: recorded.separateMedian,
      baseline: recorded.sharedMedian,
      baselineRef: 'main',
      maxRatio: 1.1,
      noisePercent: 10,
    });
    expect(check.status).toBe('fail');
    expect(check.detail).toBe(
      'warm setup median 5.647 s against 4.437 s at baseline-ref main: ratio 1.273, over max-warm-setup-regression 1.1 with timing-noise 10% (1.21)',
    );
  });

  test.each([
    [1.2, 10, 'pass'], // 1.273 <= 1.32
    [1.1, 10, 'fail'], // 1.273 > 1.21
    [1.25, 0, 'fail'], // 1.273 > 1.25
    [1.25, 5, 'pass'], // 1.273 <= 1.3125
  ])('max %s with noise %s%% → %s', (maxRatio, noisePercent, status) => {
    expect(
      warmRegressionCheck({
        current: recorded.separateMedian,
        baseline: recorded.sharedMedian,
        baselineRef: 'main',
        maxRatio,
        noisePercent,
      }).status,
    ).toBe(status);
  });

  test('no proved warm run on either side fails and says which', () => {
    expect(
      warmRegressionCheck({ baseline: 4, baselineRef: 'main', maxRatio: 1.2, noisePercent: 10 }).detail,
    ).toContain('the image under test');
    expect(
      warmRegressionCheck({ current: 4, baselineRef: 'main', maxRatio: 1.2, noisePercent: 10 }).detail,
    ).toContain('the baseline at main');
  });

  test('the ratio keeps three decimals', () => {
    expect(warmSetupRatio(recorded.separateMedian, recorded.sharedMedian)).toBe(1.273);
  });
});
