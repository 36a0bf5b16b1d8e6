// Containers through the engine API: one-shot runs, long-lived workers with
// timed execs, files put in as archives (never bind mounts of host paths).
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import tarStream from 'tar-stream';
import { InfraError } from '../model/errors.js';
import type { Engine } from './engine.js';
import { abortReason, signalOf } from './guard.js';
import { LineSplitter, MAX_LINE_CHARS, Tail } from './lines.js';
import KILL_EXEC_SH from './scripts/kill-exec.sh';

export interface ContainerSpec {
  image: string;
  name?: string;
  cmd?: string[];
  entrypoint?: string[];
  user?: string;
  env?: Record<string, string>;
  workdir?: string;
  labels: Record<string, string>;
  /** Named volumes: volume name → mount path. */
  volumes?: Record<string, string>;
  hostConfig?: Docker.HostConfig;
}

function envList(env: Record<string, string> | undefined): string[] {
  return Object.entries(env ?? {}).map(([k, v]) => `${k}=${v}`);
}

export async function createContainer(engine: Engine, spec: ContainerSpec): Promise<Docker.Container> {
  const mounts: Docker.MountSettings[] = Object.entries(spec.volumes ?? {}).map(([source, target]) => ({
    Type: 'volume',
    Source: source,
    Target: target,
  }));
  const options: Docker.ContainerCreateOptions = {
    Image: spec.image,
    Labels: spec.labels,
    Env: envList(spec.env),
    HostConfig: { ...spec.hostConfig, Mounts: [...(spec.hostConfig?.Mounts ?? []), ...mounts] },
  };
  if (spec.name) options.name = spec.name;
  if (spec.cmd) options.Cmd = spec.cmd;
  if (spec.entrypoint) options.Entrypoint = spec.entrypoint;
  if (spec.user !== undefined) options.User = spec.user;
  if (spec.workdir) options.WorkingDir = spec.workdir;
  return engine.createContainer(options);
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Create, start, wait for and remove one container (our own short scripts);
 * its output comes back whole. Past `timeoutSeconds` it is killed and the run fails.
 */
export async function runOnce(engine: Engine, spec: ContainerSpec, timeoutSeconds = 120): Promise<RunResult> {
  const container = await createContainer(engine, spec);
  try {
    await container.start();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new InfraError(`a container from ${spec.image} did not finish within ${timeoutSeconds} s`)),
        timeoutSeconds * 1000,
      );
      timer.unref();
    });
    // An interrupted run stops waiting too (the container goes with the clean-up).
    const signal = signalOf(container);
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal ? abortReason(signal) : new Error('aborted'));
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    const { StatusCode } = (await Promise.race([container.wait(), expired, aborted]).finally(() => {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    })) as { StatusCode: number };
    const raw = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
    const { stdout, stderr } = demuxBuffer(raw);
    return { exitCode: StatusCode, stdout, stderr };
  } finally {
    await removeContainer(container);
  }
}

/** Split the engine's multiplexed log format (8-byte frame headers) into stdout and stderr. */
export function demuxBuffer(raw: Buffer): { stdout: string; stderr: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= raw.length) {
    const kind = raw[offset];
    const size = raw.readUInt32BE(offset + 4);
    const chunk = raw.subarray(offset + 8, offset + 8 + size);
    (kind === 2 ? err : out).push(chunk);
    offset += 8 + size;
  }
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

export async function removeContainer(container: Docker.Container): Promise<void> {
  try {
    await container.remove({ force: true, v: true });
  } catch (err) {
    const code = (err as { statusCode?: number }).statusCode;
    if (code !== 404 && code !== 409) throw err;
  }
}

export interface ExecOptions {
  user?: string;
  env?: Record<string, string>;
  workdir?: string;
  /** Each line of combined output as it arrives (cut at 4 KiB). */
  onLine?: (line: string) => void;
  /**
   * Past this, the exec is stopped and the result says `timedOut`: by default every
   * process it started is killed (see killExec); with `stopContainer`, the whole
   * container is killed and removed, which works whatever the processes did (a
   * fork bomb at the pids limit leaves no room for a killer). Unset: no limit.
   */
  timeoutSeconds?: number;
  stopContainer?: boolean;
  /** Keep only the last N lines as `output` (a project's phase); unset: all of it (our own scripts). */
  tailLines?: number;
}

export interface ExecResult {
  exitCode: number | null;
  /** All the output, or its last `tailLines` lines. */
  output: string;
  /** How many lines there were in all. */
  lineCount: number;
  seconds: number;
  timedOut: boolean;
}

/** The variable that marks every process of one timed exec (inherited by all its descendants). */
export const EXEC_MARKER = 'WORKER_GATE_EXEC';

/** How long a killed exec's output stream may stay open before we stop waiting for it. */
const DRAIN_AFTER_KILL_MS = 10_000;

/** Run a command in a running container and wait for it; output is stdout and stderr interleaved. */
export async function execIn(
  container: Docker.Container,
  cmd: string[],
  opts: ExecOptions = {},
): Promise<ExecResult> {
  const marker = opts.timeoutSeconds !== undefined ? randomBytes(8).toString('hex') : undefined;
  const env = marker ? { ...opts.env, [EXEC_MARKER]: marker } : opts.env;
  const createOpts: Docker.ExecCreateOptions = {
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
    Env: envList(env),
  };
  if (opts.user !== undefined) createOpts.User = opts.user;
  if (opts.workdir) createOpts.WorkingDir = opts.workdir;
  const exec = await container.exec(createOpts);
  const started = performance.now();
  const stream = await exec.start({ hijack: true, stdin: false });
  const sink = new PassThrough();
  const tail = opts.tailLines !== undefined ? new Tail(opts.tailLines) : undefined;
  const all: string[] = [];
  let count = 0;
  // Our own scripts' output (no tailLines) is read whole, lines uncut (a record holding a long path, say).
  const lines = new LineSplitter(
    (line) => {
      count++;
      if (tail) tail.add(line);
      else all.push(line);
      opts.onLine?.(line);
    },
    tail ? MAX_LINE_CHARS : Number.POSITIVE_INFINITY,
  );
  sink.on('data', (chunk: Buffer) => lines.push(chunk));
  container.modem.demuxStream(stream, sink, sink);
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  let timedOut = false;
  let killing: Promise<void> | undefined;
  const timer =
    marker && opts.timeoutSeconds !== undefined
      ? setTimeout(() => {
          timedOut = true;
          killing = opts.stopContainer ? killContainer(container) : killExec(container, marker, opts.user);
        }, opts.timeoutSeconds * 1000)
      : undefined;
  try {
    await ended;
  } finally {
    if (timer) clearTimeout(timer);
  }
  // The timer fired: wait for the kill, then give the stream a moment to close.
  if (killing) {
    await killing;
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, DRAIN_AFTER_KILL_MS).unref())]);
    stream.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  lines.end();
  // A run that was aborted (a signal, an engine that hangs) ends here, with its reason.
  const signal = signalOf(container);
  if (signal?.aborted) throw abortReason(signal);
  const exitCode = await exitCodeOf(exec);
  const output = tail ? tail.text() : all.join('\n');
  return { exitCode, output, lineCount: count, seconds, timedOut };
}

/** The exec's exit code; null when its container is gone (stopped after a timeout). */
async function exitCodeOf(exec: Docker.Exec): Promise<number | null> {
  try {
    return (await exec.inspect()).ExitCode ?? null;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
}

/** Kill the container outright, then remove it with its anonymous volumes. */
async function killContainer(container: Docker.Container): Promise<void> {
  try {
    await container.kill();
  } catch {
    // Already stopped or gone: the removal below settles it.
  }
  await removeContainer(container);
}

async function killExec(
  container: Docker.Container,
  marker: string,
  user: string | undefined,
): Promise<void> {
  try {
    const killer = await container.exec({
      Cmd: ['sh', '-c', KILL_EXEC_SH, 'worker-gate-kill', `${EXEC_MARKER}=${marker}`],
      AttachStdout: true,
      AttachStderr: true,
      ...(user !== undefined ? { User: user } : {}),
    });
    const stream = await killer.start({ hijack: true, stdin: false });
    stream.resume();
    await new Promise<void>((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
    });
  } catch {
    // The container is gone or stopping: nothing is left to kill.
  }
}

export interface FileEntry {
  /** Path inside the archive, relative to the extraction folder. */
  name: string;
  content?: Buffer | string;
  type?: 'file' | 'directory' | 'symlink';
  linkname?: string;
  mode?: number;
}

/** Put files into a container (running or not) at `dir`, owned by uid:gid. */
export async function putFiles(
  container: Docker.Container,
  dir: string,
  entries: FileEntry[],
  owner: { uid: number; gid: number },
): Promise<void> {
  const pack = tarStream.pack();
  for (const entry of entries) {
    const header = {
      name: entry.name,
      type: entry.type ?? 'file',
      mode: entry.mode ?? (entry.type === 'directory' ? 0o755 : 0o644),
      uid: owner.uid,
      gid: owner.gid,
      mtime: new Date(),
      ...(entry.linkname ? { linkname: entry.linkname } : {}),
    };
    if (header.type === 'file') pack.entry(header, entry.content ?? '');
    else pack.entry(header);
  }
  pack.finalize();
  await container.putArchive(pack as unknown as NodeJS.ReadableStream, { path: dir });
}
