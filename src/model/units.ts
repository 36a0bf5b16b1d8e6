// Sizes, percents and plain numbers, as people type them and as the outputs
// write them: config parses options with it, the gates and the views format with it.
import { ValueError } from './errors.js';

/**
 * Pure parsers for the numbers people type: sizes, percents, plain numbers.
 * Each returns the value or throws ValueError saying what was expected.
 *
 * Sizes: `B`, `kB`, `MB`, `GB` are decimal (1000, as `docker images` prints),
 * `KiB`, `MiB`, `GiB` binary (1024). The unit's case does not matter (`kb`, `KB`
 * and `kB` are all 1000), but the `i` does. A bare number is bytes; decimals are
 * allowed (`1.5GB`) and rounded to whole bytes. Docker's one-letter units (`2g`)
 * are refused: docker reads them as binary, most people as decimal.
 *
 * Percents need the `%` sign: a bare `10` next to ratios like 1.25 could mean
 * 10% or 10×, so we do not guess.
 */

export type SizeOrPercent = { kind: 'bytes'; bytes: number } | { kind: 'percent'; percent: number };

export const SIZE_UNITS_EXAMPLE = '2GiB or 500MB (units B, kB, MB, GB, KiB, MiB, GiB)';
export const SIZE_EXPECTED = 'a size like 500MB, 1.5GiB or 312000000 (units B, kB, MB, GB, KiB, MiB, GiB)';
export const PERCENT_EXPECTED = 'a percent like 10%';
export const SIZE_OR_PERCENT_EXPECTED =
  'a size like 50MB or a percent like 10% (units B, kB, MB, GB, KiB, MiB, GiB)';

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

const UNSIGNED = String.raw`(\d+(?:\.\d+)?|\.\d+)`;
const SIZE = new RegExp(`^${UNSIGNED}\\s*([A-Za-z]*)$`);
const PERCENT = new RegExp(`^${UNSIGNED}\\s*%$`);
const DECIMAL = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/;
const INTEGER = /^[+-]?\d+$/;

/** `500MB` → 500000000; `1.5GiB` → 1610612736; `312000000` → 312000000. */
export function parseSize(text: string): number {
  const match = SIZE.exec(text.trim());
  const factor = match ? UNITS[(match[2] ?? '').toLowerCase()] : undefined;
  if (!match || factor === undefined) throw new ValueError(SIZE_EXPECTED);
  return Math.round(Number(match[1]) * factor);
}

/** `10%` → 10. */
export function parsePercent(text: string): number {
  const match = PERCENT.exec(text.trim());
  if (!match) throw new ValueError(PERCENT_EXPECTED);
  return Number(match[1]);
}

/** `50MB` → bytes, `10%` → percent: the two ways to bound a size change. */
export function parseSizeOrPercent(text: string): SizeOrPercent {
  const trimmed = text.trim();
  try {
    return trimmed.endsWith('%')
      ? { kind: 'percent', percent: parsePercent(trimmed) }
      : { kind: 'bytes', bytes: parseSize(trimmed) };
  } catch {
    throw new ValueError(SIZE_OR_PERCENT_EXPECTED);
  }
}

/** A plain decimal number; no exponents, hex or `Infinity`, which nobody means in a config. */
export function parseNumber(text: string, expected = 'a number'): number {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) throw new ValueError(expected);
  return Number(trimmed);
}

export const SECONDS_RANGE_EXPECTED = 'a range of seconds LOW-HIGH with LOW ≤ HIGH, like 15-35';
const SECONDS_RANGE = /^(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)$/;

/** `15-35` → { low: 15, high: 35 }: an expected range of seconds (expect-cold-setup-seconds). */
export function parseSecondsRange(text: string): { low: number; high: number } {
  const m = SECONDS_RANGE.exec(text.trim());
  const low = Number(m?.[1]);
  const high = Number(m?.[2]);
  if (!m || low > high) throw new ValueError(SECONDS_RANGE_EXPECTED);
  return { low, high };
}

/** A whole number written as digits. */
export function parseInteger(text: string, expected = 'a whole number'): number {
  const trimmed = text.trim();
  if (!INTEGER.test(trimmed)) throw new ValueError(expected);
  return Number(trimmed);
}

// Sizes read the way they parse: decimal units, as `docker images` prints them.
const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const STEPS: ReadonlyArray<[number, string]> = [
  [1e9, 'GB'],
  [1e6, 'MB'],
  [1e3, 'kB'],
];

/**
 * `251.3 MB`, `1 MB`, `812 B` for tables and cards. `exact`, for the checks'
 * messages that a budget is compared against: `312.4 MB (312,400,000 B)`,
 * `1.0 MB (1,000,000 B)`, `999 B`. Negative for shrinkage.
 */
export function formatBytes(bytes: number, { exact = false } = {}): string {
  const magnitude = Math.abs(bytes);
  const step = STEPS.find(([size]) => magnitude >= size);
  if (exact) {
    const count = `${GROUPED.format(bytes)} B`;
    return step ? `${(bytes / step[0]).toFixed(1)} ${step[1]} (${count})` : count;
  }
  return step ? `${(bytes / step[0]).toFixed(1).replace(/\.0$/, '')} ${step[1]}` : `${bytes} B`;
}

/** A change in size, always signed: "+13.2 MB", "−4 kB", "±0 B". */
export function formatSignedBytes(bytes: number): string {
  if (bytes === 0) return '±0 B';
  return bytes > 0 ? `+${formatBytes(bytes)}` : `−${formatBytes(-bytes)}`;
}

/** A size as it was most likely written (`explain`): `2GiB` for a whole number of GiB or MiB, else decimal units. */
export function sizeAsWritten(bytes: number): string {
  for (const [unit, factor] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
  ] as const) {
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return formatBytes(bytes, { exact: true });
}

/** A size or a percent as it was most likely written; `percentOf` follows a percent (` of the image`). */
export function limitAsWritten(limit: SizeOrPercent, percentOf = ''): string {
  return limit.kind === 'bytes' ? sizeAsWritten(limit.bytes) : `${limit.percent}%${percentOf}`;
}
