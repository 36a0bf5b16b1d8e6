import { describe, expect, test } from 'vitest';
import {
  median,
  medianInterval,
  outliers,
  pairedChange,
  ratio,
  ratioInterval,
  roundSeconds,
  spread,
  standardDeviation,
} from '../../../../src/model/figures/stats.js';

describe('statistics of measured seconds', () => {
  test('the median of an odd count is the middle value, of an even count the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7.5])).toBe(7.5);
  });

  test('a median of no values is a bug, not a zero', () => {
    expect(() => median([])).toThrow(/no values/);
  });

  test('spread gives n, median, min, max and mean rounded to milliseconds, and null for no runs', () => {
    expect(spread([3.5004, 2.31, 9.4999])).toMatchObject({
      n: 3,
      median: 3.5,
      min: 2.31,
      max: 9.5,
      mean: 5.103,
    });
    expect(spread([])).toBeNull();
  });

  test('one run has no standard deviation, no interval and no outliers', () => {
    expect(spread([7.25])).toEqual({ n: 1, median: 7.25, min: 7.25, max: 7.25, mean: 7.25, outliers: [] });
  });

  // Worked by hand: mean 76 / 5 = 15.2; squared deviations 27.04 + 17.64 + 10.24 + 4.84 + 219.04 = 278.8;
  // 278.8 / 4 = 69.7; √69.7 = 8.3487. Median 12, absolute deviations 2 1 0 1 18, MAD 1;
  // M(30) = 0.6745 × 18 / 1 = 12.1 > 3.5, M(10) = 0.6745 × 2 = 1.35.
  test('the sample standard deviation and a modified Z-score outlier, against hand-worked values', () => {
    const s = spread([10, 11, 12, 13, 30]);
    expect(s).toMatchObject({ n: 5, mean: 15.2, sd: 8.349, median: 12, min: 10, max: 30, outliers: [30] });
    expect(standardDeviation([10, 11, 12, 13, 30])).toBeCloseTo(8.3487, 4);
  });

  test('outliers are judged only from three runs on and when the MAD is above 0', () => {
    expect(outliers([1, 100])).toEqual([]);
    // Median 5, deviations 0 0 0 95: MAD 0, no spread to stand out from.
    expect(outliers([5, 5, 5, 100])).toEqual([]);
    // Median 5.5, deviations 0.5 0.5 0.5 94.5 → MAD 0.5, M(100) = 0.6745 × 94.5 / 0.5 = 127.5.
    expect(outliers([5, 6, 5, 100])).toEqual([100]);
    // |M| = 0.6745 × 5 / 1 = 3.37: not past 3.5.
    expect(outliers([9, 10, 11, 15])).toEqual([]);
  });

  test('the median interval of two runs spans them (resampled medians: a, the mean, b)', () => {
    expect(medianInterval([4, 6])).toEqual({ low: 4, high: 6 });
    expect(medianInterval([4])).toBeUndefined();
  });

  // Resampling [1, 2] gives medians 1 (¼), 1.5 (½) and 2 (¼); over [4, 4, 4] the ratios are 4, 2.67 and 2,
  // so the 2.5th percentile is 2 and the 97.5th is 4.
  test('a ratio interval against hand-worked resamples, the same on every call (fixed seed)', () => {
    expect(ratioInterval([4, 4, 4], [1, 2])).toEqual({ low: 2, high: 4 });
    expect(ratioInterval([9.1, 9.9, 9.4, 10.2], [4.1, 3.9, 4.4])).toEqual(
      ratioInterval([9.1, 9.9, 9.4, 10.2], [4.1, 3.9, 4.4]),
    );
  });

  test('no ratio interval when either side has fewer than two runs', () => {
    expect(ratioInterval([20], [4, 5, 6])).toBeUndefined();
    expect(ratioInterval([4, 5, 6], [20])).toBeUndefined();
  });

  test('ratio is a / b to two decimals, null when a figure is missing or the divisor is 0', () => {
    expect(ratio(8.6, 3.7)).toBe(2.32);
    expect(ratio(null, 3)).toBeNull();
    expect(ratio(3, undefined)).toBeNull();
    expect(ratio(3, 0)).toBeNull();
  });

  test('roundSeconds keeps milliseconds', () => {
    expect(roundSeconds(1.23456)).toBe(1.235);
  });
});

describe('pairedChange: a fix measured in interleaved pairs', () => {
  test('the median of the pairs’ differences, after − before: negative when the fix saves', () => {
    // Differences −1.6, −1.2, −2.0: median −1.6 (the middle one, not the difference of the medians).
    expect(pairedChange([10, 9.5, 11], [8.4, 8.3, 9]).median).toBe(-1.6);
  });

  test('two pairs: the bootstrap interval runs from one difference to the other', () => {
    // Resampling {−1.7, −1.5}: the median is −1.7, −1.6 or −1.5 (¼, ½, ¼), so the 2.5th and 97.5th percentiles are the two.
    expect(pairedChange([10, 10.2], [8.3, 8.7])).toEqual({
      median: -1.6,
      interval: { low: -1.7, high: -1.5 },
    });
  });

  test('a straddling interval: the fix is not told apart from noise', () => {
    const change = pairedChange([10, 10, 10, 10, 10], [9.5, 10.4, 9.8, 10.3, 9.9]);
    expect(change.interval?.low).toBeLessThan(0);
    expect(change.interval?.high).toBeGreaterThan(0);
  });

  test('one pair has a median and no interval; unequal sides are a bug', () => {
    expect(pairedChange([10], [9])).toEqual({ median: -1 });
    expect(() => pairedChange([10, 9], [9])).toThrow(/paired change of 2 and 1 values/);
  });
});
