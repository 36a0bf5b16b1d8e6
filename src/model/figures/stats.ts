// The statistics of measured seconds, as a benchmarking tool reports them
// (hyperfine: n, mean ± σ, median, min–max, outliers), and the ratios between
// them (speed-ups, the layout ratio, the regression) with a bootstrap 95 %
// interval. A report must be reproducible, so the bootstrap's random numbers
// come from a fixed seed.
import { round } from '../numbers.js';
import type { Interval, Spread } from '../report.js';

/** Seconds as the report keeps them: milliseconds are all a shared machine can tell apart. */
export function roundSeconds(seconds: number): number {
  return round(seconds, 3);
}

/** Ratios as the report keeps them: two decimals. */
export function roundRatio(value: number): number {
  return round(value, 2);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The sample standard deviation (n − 1), undefined below two values. */
export function standardDeviation(values: readonly number[]): number | undefined {
  if (values.length < 2) return undefined;
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1));
}

/** What an outlier is, as the reports state it. */
export const OUTLIER_RULE =
  'a run whose modified Z-score |0.6745 × (x − median) / MAD| exceeds 3.5 (judged from 3 runs on, when the MAD is above 0)';

/**
 * The values the modified Z-score flags (Iglewicz and Hoaglin): |0.6745 (x − median) / MAD| > 3.5,
 * MAD the median absolute deviation. Fewer than three values, or a MAD of 0, flag nothing:
 * there is no spread to stand out from.
 */
export function outliers(values: readonly number[]): number[] {
  if (values.length < 3) return [];
  const m = median(values);
  const mad = median(values.map((v) => Math.abs(v - m)));
  if (mad <= 0) return [];
  return values.filter((v) => Math.abs((0.6745 * (v - m)) / mad) > 3.5);
}

/** How a 95 % interval is made, as the reports state it. */
export const INTERVAL_RULE =
  'a percentile bootstrap (2000 resamples from a fixed seed, so a report is reproducible), given from 2 runs on each side';

const RESAMPLES = 2000;
const SEED = 0x5eed25;

/** mulberry32: a small seeded generator, enough to resample a handful of runs. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function resample(values: readonly number[], random: () => number): number[] {
  return values.map(() => values[Math.floor(random() * values.length)] as number);
}

/**
 * The percentile bootstrap 95 % interval of a statistic of one or more samples (each resampled
 * on its own, 2000 times, from a fixed seed); undefined when any sample has fewer than two
 * values: one run has no spread to resample.
 */
function bootstrap(
  samples: readonly (readonly number[])[],
  statistic: (resampled: number[][]) => number,
): { low: number; high: number } | undefined {
  if (samples.length === 0 || samples.some((s) => s.length < 2)) return undefined;
  const random = seededRandom(SEED);
  const values: number[] = [];
  for (let i = 0; i < RESAMPLES; i++) values.push(statistic(samples.map((s) => resample(s, random))));
  values.sort((a, b) => a - b);
  return {
    low: values[Math.floor(0.025 * (RESAMPLES - 1))] as number,
    high: values[Math.ceil(0.975 * (RESAMPLES - 1))] as number,
  };
}

/** The bootstrap 95 % interval of a median of seconds; none below two runs. */
export function medianInterval(values: readonly number[]): Interval | undefined {
  const i = bootstrap([values], ([s]) => median(s as number[]));
  return i && { low: roundSeconds(i.low), high: roundSeconds(i.high) };
}

/** The bootstrap 95 % interval of median(a) / median(b); none when either has fewer than two runs. */
export function ratioInterval(a: readonly number[], b: readonly number[]): Interval | undefined {
  if (b.some((v) => v <= 0)) return undefined;
  const i = bootstrap([a, b], ([x, y]) => median(x as number[]) / median(y as number[]));
  return i && { low: roundRatio(i.low), high: roundRatio(i.high) };
}

/**
 * The figures of a set of measured seconds: n, median, min, max, mean, the standard deviation
 * and the median's interval (from two runs on), the outliers (from three on); null for none.
 */
export function spread(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const s: Spread = {
    median: roundSeconds(median(values)),
    min: roundSeconds(Math.min(...values)),
    max: roundSeconds(Math.max(...values)),
    n: values.length,
    mean: roundSeconds(mean(values)),
    outliers: outliers(values).map(roundSeconds),
  };
  const sd = standardDeviation(values);
  if (sd !== undefined) s.sd = roundSeconds(sd);
  const interval = medianInterval(values);
  if (interval) s.interval = interval;
  return s;
}

/** a / b rounded to two decimals, or null when either is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b <= 0) return null;
  return roundRatio(a / b);
}

/**
 * What a change did, measured in pairs (the same setup before and after it, run one after the
 * other): the median of each pair's difference (after − before; negative: faster) and, from two
 * pairs on, that median's bootstrap 95 % interval. Pairing cancels what drifts over the pairs.
 */
export function pairedChange(
  before: readonly number[],
  after: readonly number[],
): { median: number; interval?: { low: number; high: number } } {
  if (before.length !== after.length || before.length === 0)
    throw new Error(`paired change of ${before.length} and ${after.length} values`);
  const differences = after.map((a, i) => a - (before[i] as number));
  const interval = medianInterval(differences);
  return { median: roundSeconds(median(differences)), ...(interval ? { interval } : {}) };
}
