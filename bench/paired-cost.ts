// The cost of a wrapper measured in interleaved pairs (the same work plain and wrapped, one right
// after the other), as the profiler bench reads it: each side's spread, the pairs' differences
// with their median and its bootstrap 95 % interval (the project's statistics, stats.ts), that
// as a share of the plain median, a verdict against a target share, and whether a per-line model
// explains the difference. Pure: the bench measures and prints.
import { median, pairedChange, spread } from '../src/model/figures/stats.js';
import type { Interval, Spread } from '../src/model/report.js';

export interface PairedCost {
  plain: Spread;
  wrapped: Spread;
  /** Each pair's wrapped − plain, seconds. */
  differences: Spread;
  /** The differences' median (seconds) and its interval (from two pairs on). */
  cost: number;
  interval?: Interval;
  /** cost / the plain median, and the interval divided the same way. */
  share: number;
  shareInterval?: Interval;
}

export function pairedCost(plain: readonly number[], wrapped: readonly number[]): PairedCost {
  const change = pairedChange(plain, wrapped);
  const base = median(plain);
  const out: PairedCost = {
    plain: spread(plain) as Spread,
    wrapped: spread(wrapped) as Spread,
    differences: spread(wrapped.map((w, i) => w - (plain[i] as number))) as Spread,
    cost: change.median,
    share: change.median / base,
  };
  if (change.interval) {
    out.interval = change.interval;
    out.shareInterval = { low: change.interval.low / base, high: change.interval.high / base };
  }
  return out;
}

/** A cost spread over `n` units (recipe lines): its median and interval divided by n. */
export function perUnit(cost: PairedCost, n: number): { median: number; interval?: Interval } {
  const i = cost.interval;
  return { median: cost.cost / n, ...(i ? { interval: { low: i.low / n, high: i.high / n } } : {}) };
}

/**
 * Against a target share, as the timing gates judge an interval: `within` when the share's
 * interval (the share alone without one) lies at or below the target, `over` when it lies wholly
 * above, `undecided` when it contains the target.
 */
export function verdict(cost: PairedCost, target: number): 'within' | 'over' | 'undecided' {
  const { low, high } = cost.shareInterval ?? { low: cost.share, high: cost.share };
  if (high <= target) return 'within';
  if (low > target) return 'over';
  return 'undecided';
}

export interface Model {
  /** Seconds: the lines × the lowest and the highest per-line bound. */
  low: number;
  high: number;
  /** The same as shares of the measured plain median. */
  share: Interval;
  /** The model's range meets the measured difference's interval; undefined when either has none. */
  explains?: boolean;
}

/**
 * The model: `lines` recipe lines, each costing what the trivial recipes measured (one estimate
 * per kind of line: their intervals' lowest and highest bound make the model's range), against
 * the measured difference.
 */
export function modelled(
  lines: number,
  perLine: readonly { median: number; interval?: Interval }[],
  measured: PairedCost,
): Model {
  const bounds = perLine.flatMap((p) => (p.interval ? [p.interval.low, p.interval.high] : [p.median]));
  const low = lines * Math.min(...bounds);
  const high = lines * Math.max(...bounds);
  const base = measured.plain.median;
  const model: Model = { low, high, share: { low: low / base, high: high / base } };
  const known = measured.interval && perLine.every((p) => p.interval);
  if (known && measured.interval)
    model.explains = measured.interval.low <= high && low <= measured.interval.high;
  return model;
}

/**
 * Roughly how many pairs would narrow the median difference's 95 % interval to ± `halfWidth`,
 * from the differences' standard deviation: the normal approximation of a median's standard
 * error (1.2533 σ / √n) times 1.96. A bench says with it what a direct measurement could resolve.
 */
export function pairsToResolve(sd: number, halfWidth: number): number {
  return Math.ceil(((1.96 * 1.2533 * sd) / halfWidth) ** 2);
}
