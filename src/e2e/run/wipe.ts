// The run's last volumes, emptied before the engine removes them: the engine
// deletes a volume's files one after another, which made the final clean-up
// the largest part of worker-gate's own time on a real-sized template (5.5 s
// for a uv cache and a workspace of six venvs, about 15,000 files). A short
// container of the image under test, as the workers' user, mounts them and
// deletes their files several at once (scripts/wipe.py). Best effort: what it
// leaves, the engine's removal still deletes.
import { runOnce } from '../../docker/containers.js';
import type { ContainerSpec, Engine } from '../../docker/engine-api.js';
import { runLabels } from '../../docker/labels.js';
import { confinement, type Limits } from '../../docker/limits.js';
import { parseRecords } from '../../model/script-records.js';
import { ROLE_LABEL } from '../worker/worker.js';
import WIPE_PY from './scripts/wipe.py';

export interface Wiper {
  image: string;
  /** The workers' user: their files are theirs. */
  user: string;
  runId: string;
  limits: Limits;
}

const AT = '/wipe';

export function wipeSpec(w: Wiper, volumes: readonly string[]): ContainerSpec {
  const dirs = volumes.map((_, i) => `${AT}/${i}`);
  const spec: ContainerSpec = {
    image: w.image,
    entrypoint: ['python3', '-I', '-S', '-c', WIPE_PY, ...dirs],
    cmd: [],
    labels: { ...runLabels(w.runId), [ROLE_LABEL]: 'e2e-wipe' },
    hostConfig: {
      ...confinement(w.limits),
      NetworkMode: 'none',
      Mounts: volumes.map((v, i) => ({ Type: 'volume' as const, Source: v, Target: dirs[i] as string })),
    },
  };
  if (w.user) spec.user = w.user;
  return spec;
}

/** Empties the volumes (none in use); what it could not do is left to their removal. Never throws. */
export async function wipeVolumes(
  engine: Engine,
  w: Wiper,
  volumes: readonly string[],
): Promise<{ wiped: number; left: number } | undefined> {
  if (volumes.length === 0) return undefined;
  try {
    const r = await runOnce(engine, wipeSpec(w, volumes), 120);
    const [wiped, left] = (parseRecords(r.stdout).find((x) => x.kind === 'wiped')?.text ?? '')
      .split(' ')
      .map(Number);
    return r.exitCode === 0 && Number.isInteger(wiped) && Number.isInteger(left)
      ? { wiped: wiped as number, left: left as number }
      : undefined;
  } catch {
    return undefined;
  }
}
