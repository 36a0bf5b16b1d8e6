// Text helpers every output shares: terminal colour codes out, long text cut,
// a list in words, an image id as people know it.

// An ANSI control sequence (CSI): ESC [, parameters, intermediates, one final byte.
// Tools paint their output with them; a forced-colour template does even without a TTY.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the sequences start with ESC
const ANSI_ESCAPE = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_ESCAPE, '');
}

/**
 * Cut long text to `max` characters, an ellipsis last, keeping the start (where
 * a command's name is). `tidy` drops white space left before the ellipsis, as a
 * table cell wants; the checks' messages and build errors keep the cut exactly
 * where it falls (`tidy: false`), as their readers and tests know them.
 */
export function truncate(text: string, max: number, { tidy = true } = {}): string {
  if (text.length <= max) return text;
  const kept = text.slice(0, max - 1);
  return `${tidy ? kept.trimEnd() : kept}…`;
}

/** `a`, `a and b`, `a, b and c` */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The short form people recognise from `docker images`: "sha256:0a1b…" → "0a1b2c3d4e5f". */
export function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
