// No process of one phase survives into the next (design.md): after every
// phase, before the next one and before the evidence is gathered, every
// process of the worker's user goes but the idle process that keeps the
// container up. Killed as the worker's own user (scripts/reap.sh): with
// cap_drop ALL a root exec cannot signal them.
import { InfraError } from '../errors.js';
import type { Worker } from './worker.js';
import { REAP_PATH } from './worker-tools.js';

export interface Reaper {
  /** Kill what the last phase left; the number killed. */
  reap(): Promise<number>;
}

/** Learn the idle process while nothing else runs (right after the tools went in). */
export async function reaperFor(worker: Worker): Promise<Reaper> {
  const idle = await worker.exec(['/bin/sh', REAP_PATH, 'idle'], { timeoutSeconds: 30 });
  const pid = idle.output.trim();
  if (idle.exitCode !== 0 || !/^\d+$/.test(pid)) {
    throw new InfraError(`worker ${worker.role}: cannot find its idle process (reap.sh idle): ${pid}`);
  }
  return {
    async reap() {
      const result = await worker.exec(['/bin/sh', REAP_PATH, 'kill', pid], { timeoutSeconds: 60 });
      const m = /killed (\d+) left (\d+)/.exec(result.output);
      if (m?.[2] !== '0') {
        throw new InfraError(
          `worker ${worker.role}: processes of the last phase survive (reap.sh kill): ${result.output.trim()}`,
        );
      }
      return Number(m?.[1]);
    },
  };
}
