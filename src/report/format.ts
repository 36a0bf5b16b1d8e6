// How figures read in every human-facing rendering (summary, HTML), so the
// job summary and the HTML page never disagree on a number. Sizes are decimal,
// as `docker images` prints them and as size options parse them.

const SIZE_UNITS: readonly [number, string][] = [
  [1e9, 'GB'],
  [1e6, 'MB'],
  [1e3, 'kB'],
];

/** 251_300_000 → "251.3 MB"; 812 → "812 B". */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  for (const [factor, unit] of SIZE_UNITS) {
    if (abs >= factor) return `${trimZero((bytes / factor).toFixed(1))} ${unit}`;
  }
  return `${bytes} B`;
}

/** A change in size, always signed: "+13.2 MB", "−4 kB", "±0 B". */
export function formatSignedBytes(bytes: number): string {
  if (bytes === 0) return '±0 B';
  return bytes > 0 ? `+${formatBytes(bytes)}` : `−${formatBytes(-bytes)}`;
}

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

/** The short form people recognise from `docker images`: "sha256:0a1b…" → "0a1b2c3d4e5f". */
export function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/**
 * The Dockerfile instruction behind a history entry, as a person wrote it:
 * the classic builder records `/bin/sh -c #(nop)  COPY …` for metadata steps and
 * `|2 A=B /bin/sh -c apt-get …` for RUN steps with build args; BuildKit records
 * `RUN /bin/sh -c … # buildkit`.
 */
export function instructionOf(createdBy: string): string {
  // Content hashes say nothing to a reader: keep the first 12 digits, as docker does for ids.
  const text = createdBy
    .replace(/\s+/g, ' ')
    .replace(/\b(file|multi|dir):([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1:$2…')
    .replace(/ # buildkit$/, '')
    .trim();
  // An imported or squashed base records no instruction.
  if (!text) return '(base image layer, no instruction recorded)';
  const nop = /^(?:\|\d+ .*?)?\/bin\/sh -c #\(nop\) ?(.*)$/.exec(text);
  if (nop) return (nop[1] ?? '').trim();
  const run = /^(?:RUN )?(?:\|\d+ (?:\S+=\S* )*)?\/bin\/sh -c (.*)$/.exec(text);
  if (run) return `RUN ${(run[1] ?? '').trim()}`;
  return text;
}

/** Cut long text for a table cell, keeping the start (where the command is). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
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

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes start with ESC
const ANSI = /\u001B\[[0-9;?]*[A-Za-z]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to match them
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;

/**
 * A log tail made fit to show: colour codes and control characters dropped (XML
 * cannot carry them at all), carriage-return progress lines reduced to their last state.
 */
export function cleanLog(text: string): string {
  return text
    .replace(ANSI, '')
    .split('\n')
    .map((line) => line.replace(/\r+$/, '').split('\r').pop() ?? '')
    .join('\n')
    .replace(CONTROL, '');
}
