// The one rule every timing gate decides by: the figure's 95 % interval (the
// figure alone when too few runs give none), widened by ±timing-noise, set
// against the limit. It fails only when the widened interval lies wholly past
// the limit, warns when the interval contains it (the runs cannot tell), and
// passes when it lies wholly on the right side. The limit itself is never
// widened, and every message says what was judged.
import { formatNumber as fmt, round } from '../model/numbers.js';
import type { CheckStatus, Interval } from '../model/report.js';

export interface NoiseJudged {
  /** The figure as recorded. */
  figure: number;
  /** Its 95 % interval, when there is one. */
  interval?: Interval;
  noisePercent: number;
  limit: number;
  /** `max`: the figure must stay at or below the limit; `min`: at or above it. */
  side: 'max' | 'min';
  /** The figure's digits (seconds 3, ratios 2): the widened bounds are judged and printed in them. */
  decimals: number;
  /** How a value of the figure reads: `7.9 s`, `1.09×`. */
  unit: (value: number) => string;
  /** The limit's name, as the user spells it: `max-warm-setup-seconds`. */
  option: string;
}

/** The interval widened by the noise either way, in the figure's digits. */
export function widened(j: Pick<NoiseJudged, 'figure' | 'interval' | 'noisePercent' | 'decimals'>): Interval {
  const { low, high } = j.interval ?? { low: j.figure, high: j.figure };
  const noise = j.noisePercent / 100;
  return { low: round(low * (1 - noise), j.decimals), high: round(high * (1 + noise), j.decimals) };
}

export function judgeWithNoise(j: NoiseJudged): { status: CheckStatus; words: string } {
  const w = widened(j);
  const past = j.side === 'max' ? w.low > j.limit : w.high < j.limit;
  const clear = j.side === 'max' ? w.high < j.limit : w.low > j.limit;
  const basis = j.interval
    ? `its 95 % interval ${j.unit(j.interval.low)} … ${j.unit(j.interval.high)}`
    : 'the figure alone (no interval below 2 runs a side)';
  const range = `${basis}, widened by ±${fmt(j.noisePercent)} % timing noise to ${j.unit(w.low)} … ${j.unit(w.high)},`;
  const limit = `${j.option} ${j.unit(j.limit)}`;
  const beyond = j.side === 'max' ? 'above' : 'below';
  if (past) return { status: 'fail', words: `${range} lies wholly ${beyond} ${limit}` };
  if (!clear)
    return {
      status: 'warn',
      words: `${range} contains ${limit}: the runs cannot tell, a warning (it fails only when wholly ${beyond})`,
    };
  return { status: 'pass', words: `${range} lies wholly ${j.side === 'max' ? 'below' : 'above'} ${limit}` };
}

/** How `explain` states the rule of a timing gate. */
export function noiseRule(figure: string, side: 'max' | 'min', limit: string, noisePercent: number): string {
  const beyond = side === 'max' ? 'above' : 'below';
  return `${figure}: fails when its 95 % interval (the figure alone below 2 runs), widened by ±${noisePercent} % timing noise, lies wholly ${beyond} ${limit}; warns when it contains ${limit}`;
}
