// Rounding for the figures a run keeps and prints (seconds, ratios, percents):
// one rule, so a gate's message and the output it is read beside show the same digits.
// The display forms below are the one way a person reads them, in the View and in
// the prose a stage records (advice, speed-ups): one minus sign (−), one percent
// style (a space before %), seconds to a tenth.

/** `value` to `decimals` places: round(1.23456, 3) → 1.235. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** The same as text, without trailing zeros: 1.5 → "1.5", 2 → "2". Three places say milliseconds. */
export function formatNumber(value: number, decimals = 3): string {
  return String(round(value, decimals));
}

/**
 * A percent as every output prints it: to a tenth, a space before %, one minus sign: "5.5 %",
 * "−26.8 %"; `signed` (a change) adds the plus: "+5.5 %", and no change reads "±0 %".
 */
export function formatPercent(percent: number, opts: { signed?: boolean } = {}): string {
  const text = trimZero(Math.abs(percent).toFixed(1));
  if (text === '0') return opts.signed ? '±0 %' : '0 %';
  const sign = percent < 0 ? '−' : opts.signed ? '+' : '';
  return `${sign}${text} %`;
}

/** 9.842 → "9.8 s"; under ten seconds keeps one decimal, above a minute reads "2 min 14 s". */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds >= 60) {
    const minutes = Math.floor(seconds / 60);
    return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
  }
  return `${seconds.toFixed(1)} s`;
}

/** A change in seconds, always signed: −1.6 s, +0.3 s, ±0.0 s. */
export function formatSignedSeconds(seconds: number): string {
  const text = formatSeconds(Math.abs(seconds));
  if (text === '0.0 s') return '±0.0 s';
  return `${seconds > 0 ? '+' : '−'}${text}`;
}

/** A ratio such as a speedup: 1.66 → "1.7×". */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return '—';
  return `${ratio.toFixed(ratio < 10 ? 1 : 0)}×`;
}

function trimZero(fixed: string): string {
  return fixed.replace(/\.0$/, '');
}
