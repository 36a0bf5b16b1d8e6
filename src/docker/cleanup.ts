// Removes everything a run labelled: containers first (they hold volumes),
// then volumes and networks. Used at the end of every run and by the post step.
import type { Engine } from './engine.js';
import { KEEP_LABEL, runFilter } from './labels.js';

export interface Swept {
  containers: number;
  volumes: number;
  networks: number;
  errors: string[];
}

export interface SweepOptions {
  /** Leave objects labelled worker-gate.keep alone (what --keep kept after a failed phase). */
  skipKept?: boolean;
}

/** Remove what carries the run label; with no run id, everything worker-gate labelled. */
export async function sweep(engine: Engine, runId?: string, options: SweepOptions = {}): Promise<Swept> {
  const filters = JSON.stringify(runFilter(runId));
  const swept: Swept = { containers: 0, volumes: 0, networks: 0, errors: [] };
  const kept = (labels: Record<string, string> | null | undefined) =>
    options.skipKept === true && labels?.[KEEP_LABEL] !== undefined;
  const attempt = async (what: string, fn: () => Promise<unknown>): Promise<boolean> => {
    try {
      await fn();
      return true;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return false;
      swept.errors.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  };
  for (const c of await engine.listContainers({ all: true, filters })) {
    if (kept(c.Labels)) continue;
    if (
      await attempt(`container ${c.Id.slice(0, 12)}`, () => engine.getContainer(c.Id).remove({ force: true }))
    )
      swept.containers++;
  }
  const { Volumes } = await engine.listVolumes({ filters });
  for (const v of Volumes ?? []) {
    if (kept(v.Labels)) continue;
    if (await attempt(`volume ${v.Name}`, () => engine.getVolume(v.Name).remove({ force: true })))
      swept.volumes++;
  }
  for (const n of await engine.listNetworks({ filters })) {
    if (await attempt(`network ${n.Name}`, () => engine.getNetwork(n.Id).remove())) swept.networks++;
  }
  return swept;
}
