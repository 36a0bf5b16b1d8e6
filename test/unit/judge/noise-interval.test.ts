// The timing gates' one rule, on figures worked out by hand: the interval
// 1.1 … 1.3 widened by ±10 % is 0.99 … 1.43.
import { describe, expect, test } from 'vitest';
import { judgeWithNoise, noiseRule, widened } from '../../../src/judge/noise-interval.js';

const ratio = {
  figure: 1.2,
  interval: { low: 1.1, high: 1.3 },
  noisePercent: 10,
  decimals: 2,
  unit: (v: number) => `${v}×`,
  option: 'max-thing',
};

describe('an interval widened by ±timing-noise against a limit', () => {
  test('widens both ends, never the limit', () => {
    expect(widened(ratio)).toEqual({ low: 0.99, high: 1.43 });
    expect(widened({ figure: 5, noisePercent: 20, decimals: 3 })).toEqual({ low: 4, high: 6 });
  });

  test.each([
    ['max', 1.5, 'pass', 'lies wholly below max-thing 1.5×'], // inside
    ['max', 1.43, 'warn', 'contains max-thing 1.43×'], // straddling, at the upper end
    ['max', 1.2, 'warn', 'contains max-thing 1.2×'], // straddling
    ['max', 0.99, 'warn', 'contains max-thing 0.99×'], // straddling, at the lower end
    ['max', 0.98, 'fail', 'lies wholly above max-thing 0.98×'], // past
    ['min', 0.98, 'pass', 'lies wholly above max-thing 0.98×'],
    ['min', 1.2, 'warn', 'contains max-thing 1.2×'],
    ['min', 1.44, 'fail', 'lies wholly below max-thing 1.44×'],
  ] as const)('%s %s: %s', (side, limit, status, words) => {
    const judged = judgeWithNoise({ ...ratio, side, limit });
    expect(judged.status).toBe(status);
    expect(judged.words).toContain(words);
    expect(judged.words).toMatch(
      /^its 95 % interval 1\.1× … 1\.3×, widened by ±10 % timing noise to 0\.99× … 1\.43×, /,
    );
  });

  test('with no interval the figure alone is widened, and the message says so', () => {
    const { interval: _none, ...alone } = ratio;
    const judged = judgeWithNoise({ ...alone, side: 'max', limit: 1.25 });
    expect(judged).toEqual({
      status: 'warn',
      words:
        'the figure alone (no interval below 2 runs a side), widened by ±10 % timing noise to 1.08× … 1.32×, contains max-thing 1.25×: the runs cannot tell, a warning (it fails only when wholly above)',
    });
  });

  test('explain states the rule', () => {
    expect(noiseRule('warm median', 'max', '10 s', 10)).toBe(
      'warm median: fails when its 95 % interval (the figure alone below 2 runs), widened by ±10 % timing noise, lies wholly above 10 s; warns when it contains 10 s',
    );
  });
});
