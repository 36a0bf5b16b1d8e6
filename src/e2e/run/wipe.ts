// The run's last volumes, emptied before the engine removes them: the engine
// deletes a volume's files one after another, which made the final clean-up
// the largest part of worker-gate's own time on a real-sized template (5.5 s
// for a uv cache and a workspace of six venvs, about 15,000 files). A short
// container of the image under test, as the workers' user, mounts them and
// deletes their files several at once (scripts/wipe.py). Best effort: what it
// leaves, the engine's removal still deletes.
import { removeContainer, runOnce } from '../../docker/containers.js';
import type { Container, ContainerSpec, Engine } from '../../docker/engine-api.js';
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

/** `wait`: it starts ahead and empties them when told (SIGUSR1: startWiper, runWiper). */
export function wipeSpec(w: Wiper, volumes: readonly string[], { wait = false } = {}): ContainerSpec {
  const dirs = volumes.map((_, i) => `${AT}/${i}`);
  const spec: ContainerSpec = {
    image: w.image,
    entrypoint: ['python3', '-I', '-S', '-c', WIPE_PY, ...(wait ? ['--wait'] : []), ...dirs],
    cmd: [],
    labels: { ...runLabels(w.runId), [ROLE_LABEL]: 'e2e-wipe' },
    hostConfig: {
      // Not the workers' CPU limit: it runs after their last phase, beside nothing (10,000 files:
      // 1.14–1.15 s with one CPU, 1.00–1.05 s with the machine's two, its start included).
      ...withoutCpuLimit(confinement(w.limits)),
      NetworkMode: 'none',
      Mounts: volumes.map((v, i) => ({ Type: 'volume' as const, Source: v, Target: dirs[i] as string })),
    },
  };
  if (w.user) spec.user = w.user;
  return spec;
}

function withoutCpuLimit({
  NanoCpus: _,
  ...rest
}: ReturnType<typeof confinement>): ReturnType<typeof confinement> {
  return rest;
}

export type Wiped = { wiped: number; left: number } | undefined;

const WIPE_TIMEOUT_SECONDS = 120;

/** What the wiper said: paths handed to rm and how many are left; undefined when it did not finish. */
export function wipedOf(exitCode: number, stdout: string): Wiped {
  const [wiped, left] = (parseRecords(stdout).find((x) => x.kind === 'wiped')?.text ?? '')
    .split(' ')
    .map(Number);
  return exitCode === 0 && Number.isInteger(wiped) && Number.isInteger(left)
    ? { wiped: wiped as number, left: left as number }
    : undefined;
}

/** Empties the volumes (none in use); what it could not do is left to their removal. Never throws. */
export async function wipeVolumes(engine: Engine, w: Wiper, volumes: readonly string[]): Promise<Wiped> {
  if (volumes.length === 0) return undefined;
  try {
    const r = await runOnce(engine, wipeSpec(w, volumes), WIPE_TIMEOUT_SECONDS);
    return wipedOf(r.exitCode, r.stdout);
  } catch {
    return undefined;
  }
}

/** A wiper started ahead on the volumes the run will leave last, waiting to be told. */
export interface AheadWiper {
  container: Container;
  volumes: readonly string[];
}

/** Created and started now, beside a phase that may have company; it empties nothing until runWiper. */
export async function startWiper(engine: Engine, w: Wiper, volumes: readonly string[]): Promise<AheadWiper> {
  const container = await engine.containers.create(wipeSpec(w, volumes, { wait: true }));
  try {
    await container.start();
  } catch (err) {
    await removeContainer(container);
    throw err;
  }
  return { container, volumes };
}

/** How often the signal is sent again until the wiper ends. */
export const RETELL_MS = 250;

/**
 * Told to empty its volumes (every phase over), waited for, then removed. Never throws. Told
 * again every RETELL_MS until it ends: a signal that comes before its Python has blocked SIGUSR1
 * (a run whose last checks were quicker than its start) is lost, PID 1 ignoring what it has no
 * handler for; one that comes after is taken, and any further one waits blocked until it exits.
 */
export async function runWiper(ahead: AheadWiper, retellMs = RETELL_MS): Promise<Wiped> {
  const { container } = ahead;
  try {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the wiper did not finish')), WIPE_TIMEOUT_SECONDS * 1000);
      timer.unref();
    });
    const ended = Promise.race([container.wait(), expired]).finally(() => clearTimeout(timer));
    let exitCode: number | undefined;
    ended.then(
      (code) => {
        exitCode = code;
      },
      () => {},
    );
    while (exitCode === undefined) {
      await container.kill('SIGUSR1').catch(() => {});
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, retellMs))]);
    }
    return wipedOf(exitCode, (await container.logs()).stdout);
  } catch {
    return undefined;
  } finally {
    await removeContainer(container).catch(() => {});
  }
}
