// Every container, volume and network a run creates carries the run label, so
// the run (and the post step, after a crash) can remove exactly what it made.
import { randomBytes } from 'node:crypto';

export const RUN_LABEL = 'worker-gate.run';

export function newRunId(): string {
  return `wg-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export function runLabels(runId: string): Record<string, string> {
  return { [RUN_LABEL]: runId };
}

export function runFilter(runId?: string): { label: string[] } {
  return { label: [runId ? `${RUN_LABEL}=${runId}` : RUN_LABEL] };
}
