// Every container, volume and network a run creates carries the run label, so
// the run (and the post step, after a crash) can remove exactly what it made.
import { randomBytes } from 'node:crypto';

export const RUN_LABEL = 'worker-gate.run';

export function newRunId(): string {
  return `wg-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/**
 * On every e2e worker and volume of a run started with --keep: labels are set
 * when an object is created, so this says "keep may apply"; what a failed
 * phase kept is what the run's own clean-up left (the failed worker, its volumes).
 */
export const KEEP_LABEL = 'worker-gate.keep';

export function runLabels(runId: string, keep = false): Record<string, string> {
  return keep ? { [RUN_LABEL]: runId, [KEEP_LABEL]: 'on-failure' } : { [RUN_LABEL]: runId };
}

export function runFilter(runId?: string): { label: string[] } {
  return { label: [runId ? `${RUN_LABEL}=${runId}` : RUN_LABEL] };
}
