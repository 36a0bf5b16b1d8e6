// max-warm-setup-regression on figures written out, with the expected words
// and verdicts worked out by hand: ratio = current ÷ baseline to three
// decimals, allowed = max × (1 + noise), fail when ratio > allowed.
import { describe, expect, test } from 'vitest';
import { baselineEntry, warmSetupRatio } from '../../../src/baseline/baseline.js';
import { judge } from '../../../src/judge/judge.js';
import { REGRESSION_GATE, warmRegressionCheck } from '../../../src/judge/regression.js';
import type { Measurements } from '../../../src/model/measurements.js';
import { configWith } from './measured.js';

const figures = { baselineRef: 'main', maxRatio: 1.1, noisePercent: 10 };

describe('warmRegressionCheck', () => {
  test('5.647 s against 4.437 s is a ratio of 1.273, over 1.1 with 10% noise (1.21)', () => {
    expect(warmRegressionCheck({ ...figures, current: 5.647, baseline: 4.437 })).toEqual({
      id: 'max-warm-setup-regression',
      status: 'fail',
      detail:
        'warm setup median 5.647 s against 4.437 s at baseline-ref main: ratio 1.273, over max-warm-setup-regression 1.1 with timing-noise 10% (1.21)',
    });
  });

  test('4.2 s against 4 s is a ratio of 1.05, within 1 with 10% noise (1.1)', () => {
    expect(warmRegressionCheck({ ...figures, maxRatio: 1, current: 4.2, baseline: 4 })).toEqual({
      id: 'max-warm-setup-regression',
      status: 'pass',
      detail:
        'warm setup median 4.2 s against 4 s at baseline-ref main: ratio 1.05, within max-warm-setup-regression 1 with timing-noise 10% (1.1)',
    });
  });

  // 6 s against 5 s: ratio 1.2.
  test.each([
    [1.2, 0, 'pass'], // 1.2 is not over 1.2
    [1.1, 0, 'fail'], // over 1.1
    [1.1, 10, 'pass'], // within 1.21
    [1, 10, 'fail'], // over 1.1
    [1, 20, 'pass'], // within 1.2
  ] as const)('6 s against 5 s, max %s, noise %s percent: %s', (maxRatio, noisePercent, status) => {
    expect(
      warmRegressionCheck({ current: 6, baseline: 5, baselineRef: 'main', maxRatio, noisePercent }).status,
    ).toBe(status);
  });

  test('no proved warm run on either side fails and says which', () => {
    expect(warmRegressionCheck({ ...figures, baseline: 4 })).toEqual({
      id: 'max-warm-setup-regression',
      status: 'fail',
      detail: 'no proved warm run for the image under test, so no warm setup ratio can be computed',
    });
    expect(warmRegressionCheck({ ...figures, current: 4 }).detail).toBe(
      'no proved warm run for the baseline at main, so no warm setup ratio can be computed',
    );
    expect(warmRegressionCheck({ ...figures, current: 4, baseline: 0 }).detail).toBe(
      'no proved warm run for the baseline at main, so no warm setup ratio can be computed',
    );
  });

  test('the ratio keeps three decimals', () => {
    expect(warmSetupRatio(5.647, 4.437)).toBe(1.273);
    expect(warmSetupRatio(1, 3)).toBe(0.333);
  });
});

describe('the regression gate through judge', () => {
  const config = configWith(
    { 'baseline-ref': 'main', 'max-warm-setup-regression': '1.1', 'timing-noise': '10%' },
    'verify',
  );
  const compared = {
    source: 'ref' as const,
    ref: 'main',
    image: { ref: 'worker-gate-baseline/x:run', sizeBytes: 100 },
    sizeDeltaBytes: 0,
    sizeDeltaPercent: 0,
    grownLayers: [],
  };
  const measured = (baselineWarm: number | undefined): Measurements => ({
    command: 'verify',
    e2e: { setup: { warmSeconds: { median: 5.647 } } } as Measurements['e2e'],
    baseline: {
      image: { source: 'ref', origin: 'main', ref: 'worker-gate-baseline/x:run', sizeBytes: 100, layers: [] },
      compared,
      warmRun: { medianSeconds: baselineWarm },
    },
  });

  test('the same e2e on the baseline gives the check, and the ratio goes into the baseline entry', () => {
    const { checks } = judge(config, measured(4.437), [REGRESSION_GATE]);
    expect(checks.map((c) => [c.check.status, c.check.detail])).toEqual([
      [
        'fail',
        'warm setup median 5.647 s against 4.437 s at baseline-ref main: ratio 1.273, over max-warm-setup-regression 1.1 with timing-noise 10% (1.21)',
      ],
    ]);
    expect(baselineEntry(measured(4.437))?.warmSetupRatio).toBe(1.273);
  });

  test('a baseline e2e with no proved warm run fails; no baseline e2e, no check', () => {
    expect(judge(config, measured(undefined), [REGRESSION_GATE]).checks[0]?.check.detail).toBe(
      'no proved warm run for the baseline at main, so no warm setup ratio can be computed',
    );
    expect(baselineEntry(measured(undefined))).not.toHaveProperty('warmSetupRatio');
    const { baseline, ...rest } = measured(4.437);
    expect(judge(config, rest, [REGRESSION_GATE]).checks).toEqual([]);
  });
});
