// The timing shell's marker lines, as the rest of the output sees them: gone
// from every log tail, and the failing recipe line named in a failure.
import type { PhaseProfile } from '../../model/report.js';

/** Every marker starts with RS (\036), which no tool prints: a line holding one is the profiler's. */
export const MARKER_START = '\u001ewg-';
// biome-ignore lint/suspicious/noControlCharactersInRegex: the markers start with RS on purpose (see above).
export const MARKER = /\u001ewg-(begin|cmd|end) (\d+) ?(.*)$/;

/** The text without the timing shell's marker lines. */
export function withoutMarkers(text: string): string {
  if (!text.includes(MARKER_START)) return text;
  return text
    .split('\n')
    .filter((line) => !MARKER.test(line))
    .join('\n');
}

/** ``failing in target setup at `false` (exit 1); `` for a failure message; '' when unknown. */
export function failedLineText(profile: PhaseProfile | undefined): string {
  const line = profile?.failedLine;
  if (!line) return '';
  const text = line.command.split('\n')[0] ?? '';
  const short = text.length > 120 ? `${text.slice(0, 117)}...` : text;
  return `failing in target ${line.target || '(none)'} at \`${short}\` (exit ${line.exitCode ?? '?'}); `;
}
