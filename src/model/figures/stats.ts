// Medians and spreads of measured seconds (hyperfine reports the same three),
// and the ratios between them (speed-ups, the layout ratio, contention).
import { round } from '../numbers.js';
import type { Spread } from '../report.js';

/** Seconds as the report keeps them: milliseconds are all a shared machine can tell apart. */
export function roundSeconds(seconds: number): number {
  return round(seconds, 3);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median, min and max; null for no values. */
export function spread(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  return {
    median: roundSeconds(median(values)),
    min: roundSeconds(Math.min(...values)),
    max: roundSeconds(Math.max(...values)),
  };
}

/** a / b rounded to two decimals, or null when either is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b <= 0) return null;
  return round(a / b, 2);
}
