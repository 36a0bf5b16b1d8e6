// How figures read in every human-facing rendering (summary, HTML), so the
// job summary and the HTML page never disagree on a number. Sizes are written
// by model/units.ts, beside the parser of the sizes people type.
import { stripAnsi } from '../model/text.js';
import { quotedCode } from './view/rich.js';

/** A change in percent, always signed: "+5.5 %". */
export function formatSignedPercent(percent: number): string {
  const text = trimZero(Math.abs(percent).toFixed(1));
  if (text === '0') return '±0 %';
  return `${percent > 0 ? '+' : '−'}${text} %`;
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

/** A ratio such as a speedup: 1.66 → "1.7×". */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return '—';
  return `${ratio.toFixed(ratio < 10 ? 1 : 0)}×`;
}

/** The last `count` lines of a log tail, without trailing blank lines. */
export function lastLines(text: string, count: number): string {
  const lines = text.replace(/\s+$/, '').split(/\r?\n/);
  return lines.slice(-count).join('\n');
}

function trimZero(fixed: string): string {
  return fixed.replace(/\.0$/, '');
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
