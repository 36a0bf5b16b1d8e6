// The timing shell's marker lines, as the rest of the output sees them: gone
// from every log tail, and the failing recipe line named in a failure.
import type { PhaseProfile } from '../../report/types.js';

/** The text without the timing shell's marker lines. */
export function withoutMarkers(text: string): string {
  if (!text.includes('\u001ewg-')) return text;
  return text
    .split('\n')
    .filter((line) => !/\u001ewg-(?:begin|cmd|end) /.test(line))
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
