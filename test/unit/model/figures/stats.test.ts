import { describe, expect, test } from 'vitest';
import { median, ratio, roundSeconds, spread } from '../../../../src/model/figures/stats.js';

describe('statistics of measured seconds', () => {
  test('the median of an odd count is the middle value, of an even count the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7.5])).toBe(7.5);
  });

  test('a median of no values is a bug, not a zero', () => {
    expect(() => median([])).toThrow(/no values/);
  });

  test('spread gives median, min and max rounded to milliseconds, and null for no runs', () => {
    expect(spread([3.5004, 2.31, 9.4999])).toEqual({ median: 3.5, min: 2.31, max: 9.5 });
    expect(spread([])).toBeNull();
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
