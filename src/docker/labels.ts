// Every container, volume, network and run-only image a run creates carries
// the run label, so the run (and the post step, after a crash, and `worker-gate
// clean`) can remove exactly what it made. The host and process id beside it
// tell `clean --all` whether the run that made an object is still alive.
import { randomBytes } from 'node:crypto';
import os from 'node:os';

export const RUN_LABEL = 'worker-gate.run';
export const HOST_LABEL = 'worker-gate.host';
export const PID_LABEL = 'worker-gate.pid';

export function newRunId(): string {
  return `wg-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/**
 * On every e2e worker and volume of a run started with --keep: labels are set
 * when an object is created, so this says "keep may apply"; what a failed
 * phase kept is what the run's own clean-up left (the failed worker, its volumes).
 */
export const KEEP_LABEL = 'worker-gate.keep';

/** The labels of everything a run creates, naming this process as its owner (and --keep, when on). */
export function runLabels(runId: string, keep = false): Record<string, string> {
  const labels = { [RUN_LABEL]: runId, [HOST_LABEL]: os.hostname(), [PID_LABEL]: String(process.pid) };
  return keep ? { ...labels, [KEEP_LABEL]: 'on-failure' } : labels;
}

export function runFilter(runId?: string): { label: string[] } {
  return { label: [runId ? `${RUN_LABEL}=${runId}` : RUN_LABEL] };
}

/** A run's owner from its labels; undefined where an older version labelled the run only. */
export function ownerOf(
  labels: Record<string, string> | undefined,
): { host: string; pid: number } | undefined {
  const host = labels?.[HOST_LABEL];
  const pid = Number(labels?.[PID_LABEL]);
  return host && Number.isInteger(pid) && pid > 0 ? { host, pid } : undefined;
}

/** Whether a process of this host still runs (signal 0 only asks). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
