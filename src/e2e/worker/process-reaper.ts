// No process of one phase survives into the next (a leftover would skew the
// next phase's timing or touch its evidence): after every phase, before the
// next one and before the evidence is gathered, every process of the worker's
// user goes but the idle process that keeps the container up. Killed as the
// worker's own user (scripts/reap.sh): with cap_drop ALL a root exec cannot signal them.
import { InfraError } from '../../model/errors.js';
import { fields, parseRecords, wholeNumber } from '../../model/script-records.js';
import type { Worker } from './worker.js';
import { REAP_PATH } from './worker-tools.js';

export interface Reaper {
  /** Kill what the last phase left; the number killed. */
  reap(): Promise<number>;
}

/** Learn the idle process while nothing else runs (right after the tools went in). */
export async function reaperFor(worker: Worker): Promise<Reaper> {
  const idle = await worker.exec(['/bin/sh', REAP_PATH, 'idle'], { timeoutSeconds: 30 });
  const pid = parseRecords(idle.output).find((r) => r.kind === 'idle')?.text ?? '';
  if (idle.exitCode !== 0 || wholeNumber(pid) === undefined) {
    throw new InfraError(
      `worker ${worker.role}: cannot find its idle process (reap.sh idle): ${idle.output.trim()}`,
    );
  }
  return {
    async reap() {
      const result = await worker.exec(['/bin/sh', REAP_PATH, 'kill', pid], { timeoutSeconds: 60 });
      const { killed, left } = reapedOf(result.output);
      if (left !== 0) {
        const told = killed !== undefined ? `killed ${killed} left ${left}` : result.output.trim();
        throw new InfraError(
          `worker ${worker.role}: processes of the last phase survive (reap.sh kill): ${told}`,
        );
      }
      return killed ?? 0;
    },
  };
}

/** reap.sh kill's record: how many it killed and how many are left. */
function reapedOf(output: string): { killed?: number; left?: number } {
  const [killed, left] = fields(parseRecords(output).find((r) => r.kind === 'reaped')?.text ?? '', 2) ?? [];
  const out: { killed?: number; left?: number } = {};
  const [k, l] = [wholeNumber(killed), wholeNumber(left)];
  if (k !== undefined) out.killed = k;
  if (l !== undefined) out.left = l;
  return out;
}
