// The profiler bench's arithmetic (bench/paired-cost.ts) against hand-worked values: the pairs'
// differences, their share of the plain median, the verdict at a 2 % target and the per-line model.
import { describe, expect, test } from 'vitest';
import {
  modelled,
  type PairedCost,
  pairedCost,
  pairsToResolve,
  perUnit,
  verdict,
} from '../../../bench/paired-cost.js';

const cost = (share: number, shareInterval?: { low: number; high: number }): PairedCost => ({
  plain: { median: 10, min: 10, max: 10 },
  wrapped: { median: 10, min: 10, max: 10 },
  differences: { median: 0, min: 0, max: 0 },
  cost: share * 10,
  share,
  ...(shareInterval
    ? { interval: { low: shareInterval.low * 10, high: shareInterval.high * 10 }, shareInterval }
    : {}),
});

describe('pairedCost: plain and wrapped runs taken in pairs', () => {
  test("the differences' median, its share of the plain median, the interval divided alike", () => {
    const c = pairedCost([1.0, 1.2, 1.1], [1.03, 1.21, 1.15]);
    expect(c.differences).toMatchObject({ n: 3, median: 0.03, min: 0.01, max: 0.05 });
    expect(c.cost).toBe(0.03);
    expect(c.share).toBeCloseTo(0.03 / 1.1, 10);
    expect(c.plain.median).toBe(1.1);
    expect(c.wrapped.median).toBe(1.15);
    // A bootstrap of three differences stays within them; the share's interval is the same over 1.1.
    expect(c.interval?.low).toBeGreaterThanOrEqual(0.01);
    expect(c.interval?.high).toBeLessThanOrEqual(0.05);
    expect(c.shareInterval?.low).toBeCloseTo((c.interval?.low ?? Number.NaN) / 1.1, 10);
    expect(c.shareInterval?.high).toBeCloseTo((c.interval?.high ?? Number.NaN) / 1.1, 10);
  });

  test('one pair: a cost and a share, no interval', () => {
    const c = pairedCost([2], [2.5]);
    expect([c.cost, c.share, c.interval, c.shareInterval]).toEqual([0.5, 0.25, undefined, undefined]);
  });

  test('per recipe line: the median and the interval over the line count', () => {
    const c = { ...cost(0.04, { low: 0.03, high: 0.05 }), cost: 0.4 };
    const line = perUnit(c, 200);
    expect(line.median).toBeCloseTo(0.002, 12);
    expect(line.interval?.low).toBeCloseTo(0.0015, 12);
    expect(line.interval?.high).toBeCloseTo(0.0025, 12);
  });
});

describe('verdict against a 2 % target, on the interval', () => {
  test.each([
    ['wholly at or below', { low: 0.005, high: 0.02 }, 'within'],
    ['straddling', { low: 0.01, high: 0.03 }, 'undecided'],
    ['wholly above', { low: 0.021, high: 0.03 }, 'over'],
  ] as const)('%s the target: %s', (_what, interval, expected) => {
    expect(verdict(cost(0.015, interval), 0.02)).toBe(expected);
  });

  test('no interval (one pair): the share alone decides', () => {
    expect(verdict(cost(0.019), 0.02)).toBe('within');
    expect(verdict(cost(0.025), 0.02)).toBe('over');
  });
});

describe('the model: recipe lines × the per-line cost, beside the measured difference', () => {
  const perLine = [
    { median: 0.001, interval: { low: 0.0008, high: 0.0012 } },
    { median: 0.0011, interval: { low: 0.001, high: 0.0013 } },
  ];

  test('its range runs from the lowest to the highest per-line bound, times the lines', () => {
    const m = modelled(6, perLine, cost(0.01, { low: -0.01, high: 0.02 }));
    expect(m.low).toBeCloseTo(0.0048, 12);
    expect(m.high).toBeCloseTo(0.0078, 12);
    // As shares of the plain median (10 s).
    expect(m.share.low).toBeCloseTo(0.00048, 12);
    expect(m.share.high).toBeCloseTo(0.00078, 12);
  });

  test('it explains a difference whose interval meets its range, not one wholly past it', () => {
    expect(modelled(6, perLine, cost(0.01, { low: -0.01, high: 0.02 })).explains).toBe(true);
    expect(modelled(6, perLine, cost(0.035, { low: 0.03, high: 0.04 })).explains).toBe(false);
  });

  test('without an interval on either side it says nothing', () => {
    expect(modelled(6, perLine, cost(0.01)).explains).toBeUndefined();
    expect(modelled(6, [{ median: 0.001 }], cost(0.01, { low: 0, high: 0.02 })).explains).toBeUndefined();
  });
});

describe('pairsToResolve: the pairs a direct measurement would need', () => {
  test('1.96 × 1.2533 × sd / √n ≤ the half width, rounded up', () => {
    // (1.96 × 1.2533 × 0.68 / 0.136)² = 12.282…² = 150.86… → 151.
    expect(pairsToResolve(0.68, 0.136)).toBe(151);
    // Half the spread, a quarter of the pairs.
    expect(pairsToResolve(0.34, 0.136)).toBe(38);
  });
});
