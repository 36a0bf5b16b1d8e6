// A worker container as production runs one, so that what passes here passes
// there: long-lived, each phase a timed exec in it; the image's user; no capabilities,
// no new privileges, a pids limit, memory and CPU limits; named volumes only
// (no bind mount of a host path, no Docker socket); on the run's own network;
// labelled with the run id.
import { removeContainer, runOnce } from '../../docker/containers.js';
import type {
  Container,
  ContainerSpec,
  Engine,
  ExecOptions,
  ExecResult,
  FileEntry,
} from '../../docker/engine-api.js';
import { runLabels } from '../../docker/labels.js';
import { confinement, type Limits } from '../../docker/limits.js';
import { InfraError } from '../../model/errors.js';
import { fields, parseRecords, type ScriptRecord, wholeNumber } from '../../model/script-records.js';
import RECORDS_SH from '../../model/script-records.sh';
import { withoutVariables } from './agent-env.js';
import IMAGE_PROBE_SH from './scripts/image-probe.sh';
import WHOAMI_SH from './scripts/whoami.sh';

export const ROLE_LABEL = 'worker-gate.role';

// Idles until removed; tini (Init) is PID 1 and reaps what a killed phase leaves behind.
const IDLE = ['sh', '-c', 'while :; do sleep 3600; done'];

export interface WorkerSettings {
  image: string;
  /** The image's user ('' keeps the image's default, which is what the worker manager does). */
  user: string;
  env: Record<string, string>;
  memoryBytes: number;
  cpus: number;
  runId: string;
  role: string;
  volumes: Record<string, string>;
  /** Variables every exec runs without (the image's included): absent, not empty. */
  unsetEnv?: readonly string[];
  /** The run's own network (network.ts); the e2e always gives one (unset: the engine's default bridge). */
  network?: string;
  /** --keep: labelled so the run's sweep can leave it when its phase fails. */
  keep?: boolean;
}

export function workerSpec(s: WorkerSettings): ContainerSpec {
  const spec: ContainerSpec = {
    image: s.image,
    entrypoint: IDLE,
    cmd: [],
    env: s.env,
    labels: { ...runLabels(s.runId, s.keep), [ROLE_LABEL]: s.role },
    volumes: s.volumes,
    hostConfig: { ...confinement(s), ...(s.network ? { NetworkMode: s.network } : {}), Init: true },
  };
  if (s.user) spec.user = s.user;
  return spec;
}

export interface Worker {
  container: Container;
  role: string;
  uid: number;
  gid: number;
  /**
   * The absolute path of python3 as the image's PATH found it when the worker started, before
   * any code under test ran (a python3 the project drops earlier on PATH later is not taken).
   */
  python?: string;
  /** The idle process that keeps the container up, when it was found at start (process-reaper.ts). */
  idle?: string;
  /** The image probe, when its start was asked for it (one exec fewer than probeWorker). */
  probe?: ImageProbe;
  exec(cmd: string[], opts?: ExecOptions): Promise<ExecResult>;
  /** Files in, owned by the worker (or by `owner`: root for the tools the project must not change). */
  put(dir: string, entries: readonly FileEntry[], owner?: { uid: number; gid: number }): Promise<void>;
}

// Who the worker is, and its python3 when that is a file the worker cannot change.
const WHOAMI = `${RECORDS_SH}${WHOAMI_SH}`;

export interface Whoami {
  uid?: number;
  gid?: number;
  /** python3, when the worker cannot write it. */
  python?: string;
  /** python3 as found, whoever can write it. */
  found?: string;
  /** The idle process (reap.sh idle), when the tools went in first. */
  idle?: string;
}

export function parseWhoami(output: string): Whoami {
  const records = parseRecords(output);
  const text = (kind: string) => records.find((r) => r.kind === kind)?.text;
  const [uid, gid] = fields(text('user') ?? '', 2) ?? [];
  const out: Whoami = {};
  if (wholeNumber(uid) !== undefined) out.uid = Number(uid);
  if (wholeNumber(gid) !== undefined) out.gid = Number(gid);
  for (const kind of ['python', 'found'] as const) if (text(kind)?.startsWith('/')) out[kind] = text(kind);
  if (wholeNumber(text('idle')) !== undefined) out.idle = text('idle');
  return out;
}

/**
 * Create and start a worker, and learn its uid and gid from inside it. Removes it again when that
 * fails. `tools`: root's files put in first, and `idleBy` (the reaper's script among them) finds
 * the idle process in the same exec as the uid: one exec at start, not three; with `probe`, the
 * image probe follows them there (after whoami's end, whose records it would otherwise shadow).
 */
export async function startWorker(
  engine: Engine,
  settings: WorkerSettings,
  tools?: { entries: readonly FileEntry[]; idleBy: string; probe?: boolean },
): Promise<Worker> {
  const container = await engine.containers.create(workerSpec(settings));
  try {
    await container.start();
    if (tools) await container.put('/', tools.entries, { uid: 0, gid: 0 });
    const probing = tools?.probe ? IMAGE_PROBE_SH : '';
    const script = tools ? `${WHOAMI}/bin/sh ${tools.idleBy} idle\n${probing}` : WHOAMI;
    const id = await container.exec(['sh', '-c', script]);
    const { uid, gid, python, found, idle } = parseWhoami(id.output);
    if (uid === undefined || gid === undefined) {
      throw new InfraError(
        `worker ${settings.role} cannot tell its own uid and gid (id -u; id -g): ${id.output.trim()}`,
      );
    }
    const owner = { uid, gid };
    // Root can change any root-owned file, its interpreter included: a root container's evidence
    // (the scaffolder's) is informational and never the proof of a gate (scaffold-cache shared,
    // where the scaffolder's setup is the cold run, refuses a root scaffolder).
    const evidence = python ? { python } : uid === 0 && found ? { python: found } : {};
    return {
      container,
      role: settings.role,
      uid,
      gid,
      ...evidence,
      ...(idle ? { idle } : {}),
      ...(probing ? { probe: probeAfterWhoami(id.output) } : {}),
      exec: (cmd, opts) => container.exec(withoutVariables(cmd, settings.unsetEnv ?? []), opts),
      put: (dir, entries, as = owner) => container.put(dir, entries, as),
    };
  } catch (err) {
    await removeContainer(container);
    throw err;
  }
}

export async function stopWorker(worker: Worker): Promise<void> {
  await removeContainer(worker.container);
}

export interface ImageProbe {
  home: string;
  python?: string;
  uv?: string;
  /** The image's copier: an absolute path on its PATH. */
  copier?: string;
}

// The user's HOME (it decides the cache folder when the image names none), and the
// versions of Python and uv the report gives.
const PROBE = ['sh', '-c', `${RECORDS_SH}${IMAGE_PROBE_SH}`];

export function parseProbe(output: string): ImageProbe {
  return probeOf(parseRecords(output));
}

/** The probe's records in a worker's start exec: those after whoami's end. */
export function probeAfterWhoami(output: string): ImageProbe {
  const records = parseRecords(output);
  const end = records.findIndex((r) => r.kind === 'done');
  return probeOf(end < 0 ? [] : records.slice(end + 1));
}

function probeOf(records: readonly ScriptRecord[]): ImageProbe {
  const value = (kind: string) => records.find((r) => r.kind === kind)?.text.trim() || undefined;
  const probe: ImageProbe = { home: value('home') ?? '/' };
  const python = value('python');
  const uv = /(\d+\.\d+\.\d+\S*)/.exec(value('uv') ?? '')?.[1];
  const copier = value('copier');
  if (python) probe.python = python;
  if (uv) probe.uv = uv;
  if (copier?.startsWith('/') && !/\s/.test(copier)) probe.copier = copier;
  return probe;
}

/** The probe as an exec in a running worker. */
export async function probeWorker(worker: Worker): Promise<ImageProbe> {
  const result = await worker.exec(PROBE);
  return parseProbe(result.output);
}

/**
 * The probe in a short container of its own, for when the cache folder depends on
 * HOME: mounts are fixed when the worker is created.
 */
export async function probeImage(
  engine: Engine,
  image: string,
  user: string,
  runId: string,
  limits: Limits,
): Promise<ImageProbe> {
  const spec: ContainerSpec = {
    image,
    entrypoint: PROBE,
    cmd: [],
    labels: { ...runLabels(runId), [ROLE_LABEL]: 'e2e-probe' },
    hostConfig: { ...confinement(limits), NetworkMode: 'none' },
  };
  if (user) spec.user = user;
  const result = await runOnce(engine, spec);
  if (result.exitCode !== 0) {
    throw new InfraError(
      `cannot start a shell in ${image} as its user (exit ${result.exitCode})`,
      result.stderr.trim(),
    );
  }
  return parseProbe(result.stdout);
}
