// The engine interface (engine-api.ts) on dockerode: one-shot and long-lived
// containers with timed execs whose output is read as it passes, files put in as
// archives (never bind mounts of host paths), volumes, networks, images, and
// builds and pulls read from the engine's JSON progress stream. Given the run's
// abort signal, a stream in flight (an exec's output, a build, a pull) ends when
// the run is aborted, so nothing waits on an engine the run has left.
import { randomBytes } from 'node:crypto';
import { type Duplex, finished, PassThrough, type Readable } from 'node:stream';
import type Docker from 'dockerode';
import tarStream from 'tar-stream';
import type { InspectedImage } from '../model/facts/image.js';
import type {
  Container,
  ContainerSpec,
  Engine,
  ExecOptions,
  ExecResult,
  FileEntry,
  Filters,
  Listed,
  ProgressEvent,
} from './engine-api.js';
import { abortReason } from './guard.js';
import { envToRecord } from './images.js';
import { LineSplitter, MAX_LINE_CHARS, Tail } from './lines.js';
import KILL_EXEC_SH from './scripts/kill-exec.sh';

/** The variable that marks every process of one timed exec (inherited by all its descendants). */
export const EXEC_MARKER = 'WORKER_GATE_EXEC';

/**
 * What is kept of an exec's stderr read apart: its end, where our records are (a reap's, then
 * the evidence before a setup, a cache listing of thousands of lines); what leftovers wrote
 * before them is bounded by it.
 */
const STDERR_APART_BYTES = 8 * 1024 * 1024;

/** How long a killed exec's output stream may stay open before we stop waiting for it. */
const DRAIN_AFTER_KILL_MS = 10_000;

export function dockerEngine(docker: Docker, where: string, signal?: AbortSignal): Engine {
  /** A stream ends with the run's abort reason, so every consumer's error path runs. */
  const endOnAbort = <S extends Readable | Duplex>(stream: S): S => {
    if (!signal) return stream;
    // A stream nobody listens to for errors any more must not crash the process with it.
    const stop = () => {
      stream.on('error', () => {});
      stream.destroy(abortReason(signal));
    };
    if (signal.aborted) stop();
    else {
      signal.addEventListener('abort', stop, { once: true });
      // Released once the reading side is done: a stream that ends may never close (a half-open connection).
      const cleanup = finished(stream, { writable: false }, () => {
        signal.removeEventListener('abort', stop);
        cleanup();
      });
    }
    return stream;
  };
  const follow = (stream: NodeJS.ReadableStream, onEvent: (event: ProgressEvent) => void): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      // A stream destroyed mid-way (the run was aborted) may never end: settle on close too.
      (stream as Readable).once('close', () => {
        if (signal?.aborted) reject(abortReason(signal));
      });
      docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve()), onEvent);
    });
  const container = (c: Docker.Container): Container => wrapContainer(c, endOnAbort);
  const filtersOf = (filters: Filters | undefined) => (filters ? { filters: JSON.stringify(filters) } : {});

  return {
    where,
    async ping() {
      await docker.ping();
    },
    async cpuCount() {
      return (await docker.info()).NCPU as number;
    },
    async identity() {
      const info = await docker.info();
      const rootDir =
        typeof info.DockerRootDir === 'string' && info.DockerRootDir ? { rootDir: info.DockerRootDir } : {};
      return { id: String(info.ID ?? ''), name: String(info.Name ?? ''), ...rootDir };
    },
    containers: {
      create: async (spec) => container(await docker.createContainer(createOptions(spec))),
      get: (id) => container(docker.getContainer(id)),
      list: async ({ all, filters }) =>
        (await docker.listContainers({ all: all ?? false, ...filtersOf(filters) })).map((c) => ({
          id: c.Id,
          name: c.Names?.[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12),
          labels: c.Labels ?? {},
        })),
    },
    volumes: {
      async create(name, labels) {
        await docker.createVolume({ Name: name, Labels: labels });
      },
      async remove(name) {
        await docker.getVolume(name).remove({ force: true });
      },
      list: async (filters) =>
        ((await docker.listVolumes(filtersOf(filters))).Volumes ?? []).map(
          (v): Listed => ({ id: v.Name, name: v.Name, labels: v.Labels ?? {} }),
        ),
    },
    networks: {
      async create(name, labels) {
        await docker.createNetwork({ Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: labels });
      },
      async remove(idOrName) {
        await docker.getNetwork(idOrName).remove();
      },
      list: async (filters) =>
        (await docker.listNetworks(filtersOf(filters))).map((n) => ({
          id: n.Id,
          name: n.Name,
          labels: n.Labels ?? {},
        })),
    },
    images: {
      inspect: (ref) => inspectImage(docker, ref),
      async remove(ref) {
        await docker.getImage(ref).remove({ force: true });
      },
      list: async (filters) =>
        (await docker.listImages({ all: false, ...filtersOf(filters) })).map((i) => ({
          id: i.Id,
          name: i.RepoTags?.find((t) => t !== '<none>:<none>') ?? i.Id.replace(/^sha256:/, '').slice(0, 12),
          labels: i.Labels ?? {},
        })),
      export: async (ref) => endOnAbort((await docker.getImage(ref).get()) as unknown as Readable),
      async pull({ name, tag }, auth, onEvent) {
        const stream = await docker.createImage(auth ?? {}, { fromImage: name, tag });
        await follow(endOnAbort(stream as unknown as Readable), onEvent);
      },
      async build(req, onEvent) {
        const stream = await docker.buildImage(req.context, {
          dockerfile: req.dockerfile,
          t: req.tag,
          buildargs: req.buildArgs,
          labels: req.labels,
          rm: true,
          forcerm: true,
          registryconfig: req.registryAuth,
          ...(req.target ? { target: req.target } : {}),
          ...(req.noCache ? { nocache: true } : {}),
          ...(req.pull ? { pull: 'true' } : {}),
          ...(req.platform ? { platform: req.platform } : {}),
        } as Parameters<Docker['buildImage']>[1]);
        await follow(endOnAbort(stream as unknown as Readable), onEvent);
      },
    },
  };
}

function envList(env: Record<string, string> | undefined): string[] {
  return Object.entries(env ?? {}).map(([k, v]) => `${k}=${v}`);
}

/** The engine API's create options for a spec. */
export function createOptions(spec: ContainerSpec): Docker.ContainerCreateOptions {
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
  if (spec.openStdin) options.OpenStdin = true;
  return options;
}

async function inspectImage(docker: Docker, ref: string): Promise<InspectedImage | undefined> {
  const image = docker.getImage(ref);
  let info: Awaited<ReturnType<typeof image.inspect>>;
  try {
    info = await image.inspect();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return undefined;
    throw err;
  }
  const history = (await image.history()) as { CreatedBy?: string; Size?: number }[];
  return {
    id: info.Id,
    sizeBytes: info.Size,
    user: info.Config?.User ?? '',
    env: envToRecord(info.Config?.Env),
    labels: info.Config?.Labels ?? {},
    ...(info.Created ? { created: info.Created } : {}),
    ...(info.Os && info.Architecture
      ? {
          platform: [info.Os, info.Architecture, (info as { Variant?: string }).Variant]
            .filter(Boolean)
            .join('/'),
        }
      : {}),
    history: history.map((h) => ({ createdBy: h.CreatedBy ?? '', sizeBytes: h.Size ?? 0 })),
  };
}

function wrapContainer(c: Docker.Container, endOnAbort: <S extends Readable>(s: S) => S): Container {
  return {
    id: c.id,
    async start() {
      await c.start();
    },
    async wait() {
      return ((await c.wait()) as { StatusCode: number }).StatusCode;
    },
    async logs() {
      const raw = (await c.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
      return demuxBuffer(raw);
    },
    exec: (cmd, opts) => execIn(c, cmd, opts, endOnAbort),
    put: (dir, entries, owner) => putFiles(c, dir, entries, owner),
    async archive(path) {
      try {
        return endOnAbort((await c.getArchive({ path })) as unknown as Readable);
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode === 404) return undefined;
        throw err;
      }
    },
    async kill(signal) {
      await c.kill(signal ? { signal } : {});
    },
    async remove() {
      await c.remove({ force: true, v: true });
    },
    inspect: () => c.inspect(),
  };
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

/** Run a command in a running container and wait for it; output is stdout and stderr interleaved. */
async function execIn(
  container: Docker.Container,
  cmd: string[],
  opts: ExecOptions = {},
  endOnAbort: <S extends Readable>(s: S) => S = (s) => s,
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
  const stream = endOnAbort((await exec.start({ hijack: true, stdin: false })) as Duplex);
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
  // stderr apart is a channel of ours, but what came before our record is anyone's: its last 8 MiB.
  let errors = Buffer.alloc(0);
  const errSink = opts.stderrApart ? new PassThrough() : sink;
  if (opts.stderrApart)
    errSink.on('data', (chunk: Buffer) => {
      errors = Buffer.concat([errors, chunk]);
      if (errors.length > STDERR_APART_BYTES) errors = errors.subarray(errors.length - STDERR_APART_BYTES);
    });
  container.modem.demuxStream(stream, sink, errSink);
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
  const exitCode = await exitCodeOf(exec);
  const output = tail ? tail.text() : all.join('\n');
  const stderr = opts.stderrApart ? { stderr: errors.toString('utf8') } : {};
  return { exitCode, output, lineCount: count, seconds, timedOut, ...stderr };
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
  try {
    await container.remove({ force: true, v: true });
  } catch (err) {
    const code = (err as { statusCode?: number }).statusCode;
    if (code !== 404 && code !== 409) throw err;
  }
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

/** Put files into a container (running or not) at `dir`, owned by uid:gid. */
async function putFiles(
  container: Docker.Container,
  dir: string,
  entries: readonly FileEntry[],
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
