// Rounding for the figures a run keeps and prints (seconds, ratios, percents):
// one rule, so a gate's message and the output it is read beside show the same digits.

/** `value` to `decimals` places: round(1.23456, 3) → 1.235. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** The same as text, without trailing zeros: 1.5 → "1.5", 2 → "2". Three places say milliseconds. */
export function formatNumber(value: number, decimals = 3): string {
  return String(round(value, decimals));
}
