// max-warm-setup-regression on figures written out, with the expected words
// and verdicts worked out by hand: ratio = current ÷ baseline to three
// decimals; its interval (or the ratio alone) widened by ±noise; fail when
// wholly above the maximum, warn when it contains it. The maximum is never widened.
import { describe, expect, test } from 'vitest';
import { baselineEntry, warmSetupRatio } from '../../../src/baseline/baseline.js';
import { judge } from '../../../src/judge/judge.js';
import { REGRESSION_GATE, warmRegressionCheck } from '../../../src/judge/regression.js';
import type { Measurements } from '../../../src/model/measurements.js';
import { configWith } from './measured.js';

const figures = { baselineRef: 'main', maxRatio: 1.1, noisePercent: 10 };

describe('warmRegressionCheck', () => {
  test('5.647 s against 4.437 s is a ratio of 1.273: ±10 % is 1.146 … 1.4, wholly above 1.1', () => {
    expect(warmRegressionCheck({ ...figures, current: 5.647, baseline: 4.437 })).toEqual({
      id: 'max-warm-setup-regression',
      status: 'fail',
      detail:
        'warm setup median 5.647 s against 4.437 s at baseline-ref main: ratio 1.273, the figure alone (no interval below 2 runs a side), widened by ±10 % timing noise to 1.146 … 1.4, lies wholly above max-warm-setup-regression 1.1',
    });
  });

  // The case: a 1.6× regression against a maximum of 1.5 used to pass (1.5 × 1.1 = 1.65).
  test('1.6 against a maximum of 1.5 with 10 % noise is no pass: 1.44 … 1.76 contains 1.5', () => {
    const check = warmRegressionCheck({ ...figures, maxRatio: 1.5, current: 8, baseline: 5 });
    expect(check.status).toBe('warn');
    expect(check.detail).toContain('to 1.44 … 1.76, contains max-warm-setup-regression 1.5');
  });

  // 6 s against 5 s: ratio 1.2, no runs behind it: no interval.
  test.each([
    [1.5, 10, 'pass'], // 1.08 … 1.32 inside
    [1.2, 0, 'warn'], // 1.2 … 1.2 touches 1.2
    [1.1, 0, 'fail'], // 1.2 past 1.1
    [1.1, 10, 'warn'], // 1.08 … 1.32 straddles 1.1
    [1, 10, 'fail'], // 1.08 past 1
    [1, 20, 'warn'], // 0.96 … 1.44 straddles 1
  ] as const)('6 s against 5 s, max %s, noise %s percent: %s', (maxRatio, noisePercent, status) => {
    expect(
      warmRegressionCheck({ current: 6, baseline: 5, baselineRef: 'main', maxRatio, noisePercent }).status,
    ).toBe(status);
  });

  // Medians 4 and 1.5: ratio 2.667; resampling [1, 2] gives medians 1, 1.5, 2, so the interval is
  // 4 / 2 … 4 / 1 = 2 … 4, widened by ±10 % to 1.8 … 4.4.
  test.each([
    [5, 'pass'],
    [2, 'warn'],
    [1.7, 'fail'],
  ] as const)('with the runs behind the medians the interval is judged: max %s, %s', (maxRatio, status) => {
    const check = warmRegressionCheck({
      ...figures,
      maxRatio,
      current: 4,
      currentRuns: [4, 4, 4],
      baseline: 1.5,
      baselineRuns: [1, 2],
    });
    expect(check.status).toBe(status);
    expect(check.detail).toContain(
      'ratio 2.667, its 95 % interval 2 … 4, widened by ±10 % timing noise to 1.8 … 4.4',
    );
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
    e2e: { setup: { warmSeconds: { median: 5.647 } }, layouts: [] } as unknown as Measurements['e2e'],
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
        'warm setup median 5.647 s against 4.437 s at baseline-ref main: ratio 1.273, the figure alone (no interval below 2 runs a side), widened by ±10 % timing noise to 1.146 … 1.4, lies wholly above max-warm-setup-regression 1.1',
      ],
    ]);
    expect(baselineEntry(measured(4.437))?.warmSetupRatio).toBe(1.273);
  });

  test("the ratio's interval comes from the headline layout's warm runs and the baseline's", () => {
    const base = measured(1.5);
    const withRuns: Measurements = {
      ...base,
      e2e: {
        setup: { warmSeconds: { median: 4 } },
        headlineLayout: 'separate',
        layouts: [{ layout: 'separate', warmSetupSeconds: { median: 4, min: 4, max: 4, runs: [4, 4, 4] } }],
      } as unknown as Measurements['e2e'],
      baseline: {
        ...(base.baseline as NonNullable<Measurements['baseline']>),
        warmRun: { medianSeconds: 1.5, runs: [1, 2] },
      },
    };
    const detail = judge(config, withRuns, [REGRESSION_GATE]).checks[0]?.check.detail;
    expect(detail).toContain(
      'ratio 2.667, its 95 % interval 2 … 4, widened by ±10 % timing noise to 1.8 … 4.4',
    );
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
