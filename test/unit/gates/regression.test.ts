import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { warmRegressionCheck, warmSetupRatio } from '../../../src/gates/regression.js';
import { toolRoot } from '../../../src/paths.js';
import type { Report } from '../../../src/report/types.js';

// Warm setup seconds recorded in a real `both` run on this machine: the
// separate layout (uv copying every file) against the shared one (hard links).
// A baseline that hard-linked against a change that made uv copy is a real
// regression of the kind the gate is for.
const both = JSON.parse(
  readFileSync(path.join(toolRoot(), 'test', 'fixtures', 'reports', 'e2e-both.json'), 'utf8'),
) as Report;
const warm = (layout: string) => both.e2e?.layouts.find((l) => l.layout === layout)?.warmSetupSeconds;
const recorded = {
  sharedMedian: warm('shared')?.median ?? 0,
  separateMedian: warm('separate')?.median ?? 0,
  separateMin: warm('separate')?.min ?? 0,
};
const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;

describe('max-warm-setup-regression on recorded figures', () => {
  test('the recorded shared layout is faster than the separate one (the premise of these figures)', () => {
    expect(recorded.sharedMedian).toBeGreaterThan(0);
    expect(ratio(recorded.separateMedian, recorded.sharedMedian)).toBeGreaterThan(1.1);
  });

  test('two warm figures of the same layout differ by run-to-run noise only and pass 1.0 with 10% noise', () => {
    const check = warmRegressionCheck({
      current: recorded.separateMedian,
      baseline: recorded.separateMin,
      baselineRef: 'main',
      maxRatio: 1,
      noisePercent: 10,
    });
    expect(check).toMatchObject({ id: 'max-warm-setup-regression', status: 'pass' });
    expect(check.detail).toContain(`ratio ${ratio(recorded.separateMedian, recorded.separateMin)}`);
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
      `warm setup median ${recorded.separateMedian} s against ${recorded.sharedMedian} s at baseline-ref main: ratio ${ratio(recorded.separateMedian, recorded.sharedMedian)}, over max-warm-setup-regression 1.1 with timing-noise 10% (1.21)`,
    );
  });

  // The recorded ratio r sits between 1.21 and 1.5 (r > 1.21 is asserted above by failing 1.1 +10%).
  test.each([
    [1.4, 10, 'pass'], // r <= 1.54
    [1.1, 10, 'fail'], // r > 1.21
    [1.1, 0, 'fail'], // r > 1.1
    [1.5, 0, 'pass'], // r <= 1.5
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
    expect(warmSetupRatio(5.647, 4.437)).toBe(1.273);
  });
});
