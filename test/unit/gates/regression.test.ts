import { describe, expect, test } from 'vitest';
import { warmRegressionCheck, warmSetupRatio } from '../../../src/gates/regression.js';

// Warm setup medians in the range measured on this machine (design.md: warm 2.3–9.5 s).
const recorded = { baseline: 4.12, sameImage: 4.31, slowerImage: 7.86 };

describe('max-warm-setup-regression', () => {
  test('the same image measured twice passes a 1.0 ratio within 10% noise', () => {
    const check = warmRegressionCheck({
      current: recorded.sameImage,
      baseline: recorded.baseline,
      baselineRef: 'main',
      maxRatio: 1,
      noisePercent: 10,
    });
    expect(check).toMatchObject({ id: 'max-warm-setup-regression', status: 'pass' });
    expect(check.detail).toContain('ratio 1.046');
  });

  test('an image whose warm setup nearly doubled fails, naming both medians, the ratio and the allowance', () => {
    const check = warmRegressionCheck({
      current: recorded.slowerImage,
      baseline: recorded.baseline,
      baselineRef: 'main',
      maxRatio: 1.2,
      noisePercent: 10,
    });
    expect(check.status).toBe('fail');
    expect(check.detail).toBe(
      'warm setup median 7.86 s against 4.12 s at baseline-ref main: ratio 1.908, over max-warm-setup-regression 1.2 with timing-noise 10% (1.32)',
    );
  });

  test.each([
    [1.1, 10, 'pass'], // 1.046 <= 1.21
    [1.0, 0, 'fail'], // 1.046 > 1.0
    [1.0, 5, 'pass'], // 1.046 <= 1.05
    [0.9, 10, 'fail'], // 1.046 > 0.99
  ])('max %s with noise %s%% → %s', (maxRatio, noisePercent, status) => {
    expect(
      warmRegressionCheck({
        current: recorded.sameImage,
        baseline: recorded.baseline,
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
    expect(warmSetupRatio(7.86, 4.12)).toBe(1.908);
  });
});
