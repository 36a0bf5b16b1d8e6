// How figures read in every human-facing rendering (summary, HTML), so the
// job summary and the HTML page never disagree on a number. Seconds, ratios
// and percents are written by model/numbers.ts (the stages' prose uses the same
// rule), sizes by model/units.ts, beside the parser of the sizes people type.

import { formatSeconds } from '../model/numbers.js';
import type { Interval, Spread } from '../model/report.js';
import { stripAnsi } from '../model/text.js';
import { quotedCode } from './view/rich.js';

/** A 95 % interval in the figure's own words: `7.6 … 8.5 s`, `1.1× … 1.3×`. */
export function formatInterval(interval: Interval, figure: (value: number) => string): string {
  return `${figure(interval.low)} … ${figure(interval.high)}`;
}

/**
 * What a benchmarking tool says beside a median: `n = 3, mean 8.0 ± 0.5 s, 95 % interval 7.6 … 8.5 s`,
 * and the outliers; undefined for a spread recorded before it carried them.
 */
export function formatSpreadStats(s: Spread): string | undefined {
  if (s.n === undefined || s.mean === undefined) return undefined;
  const parts = [`n = ${s.n}`];
  parts.push(
    s.sd === undefined
      ? `mean ${formatSeconds(s.mean)}`
      : `mean ${formatSeconds(s.mean)} ± ${formatSeconds(s.sd)}`,
  );
  if (s.interval) parts.push(`95 % interval ${formatInterval(s.interval, formatSeconds)}`);
  const outliers = s.outliers ?? [];
  if (outliers.length > 0)
    parts.push(`${outliers.length === 1 ? 'outlier' : 'outliers'} ${outliers.map(formatSeconds).join(', ')}`);
  return parts.join(', ');
}

/** The last `count` lines of a log tail, without trailing blank lines. */
export function lastLines(text: string, count: number): string {
  const lines = text.replace(/\s+$/, '').split(/\r?\n/);
  return lines.slice(-count).join('\n');
}

/** Text and attribute values for HTML, SVG and XML alike. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to match them
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;

/**
 * A log tail made fit to show: colour codes and control characters dropped (XML
 * cannot carry them at all), carriage-return progress lines reduced to their last state.
 */
export function cleanLog(text: string): string {
  return stripAnsi(text)
    .split('\n')
    .map((line) => line.replace(/\r+$/, '').split('\r').pop() ?? '')
    .join('\n')
    .replace(CONTROL, '');
}

/** Prose whose `quoted` spans render as <code>, the rest escaped. */
export function htmlProse(text: string): string {
  return quotedCode(text)
    .map((part) => (typeof part === 'string' ? escapeHtml(part) : `<code>${escapeHtml(part.code)}</code>`))
    .join('');
}
