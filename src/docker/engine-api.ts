// The engine as the stages see it: a small interface over what a run does on a
// Docker engine (containers, volumes, networks, images, builds), in worker-gate's
// words rather than the engine API's. Two implementations: the dockerode one
// (dockerode-engine.ts), which every run and the engine tests use, and a fake in
// the unit tests, so the pipeline, the scenario and the clean-up are tested for
// their order and failure paths without an engine. Every run's engine is wrapped
// by guard.ts (deadlines, aborts, the ledger), whichever implementation is below.
//
// An object the engine does not have fails a call with an error whose
// `statusCode` is 404, as the engine API says (isGone).
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { InspectedImage } from '../model/facts/image.js';
import type { RegistryAuth } from './registry-auth.js';

/** What the engine's list calls filter on: `{ label: ['worker-gate.run=wg-…'] }`, docker ps's filters. */
export type Filters = Readonly<Record<string, readonly string[]>>;

/** The part of a container's host configuration worker-gate sets. */
export interface HostConfig {
  CapDrop?: string[];
  CapAdd?: string[];
  SecurityOpt?: string[];
  PidsLimit?: number;
  Memory?: number;
  NanoCpus?: number;
  NetworkMode?: string;
  /** tini as PID 1: it reaps what a killed phase leaves behind. */
  Init?: boolean;
  Mounts?: { Type: 'volume'; Source: string; Target: string; ReadOnly?: boolean }[];
}

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
  hostConfig?: HostConfig;
  /** Keep stdin open (a container that idles reading it). */
  openStdin?: boolean;
}

export interface FileEntry {
  /** Path inside the archive, relative to the extraction folder. */
  name: string;
  content?: Buffer | string;
  type?: 'file' | 'directory' | 'symlink';
  linkname?: string;
  mode?: number;
}

export interface ExecOptions {
  user?: string;
  env?: Record<string, string>;
  workdir?: string;
  /** Each line of combined output as it arrives (cut at 4 KiB). */
  onLine?: (line: string) => void;
  /**
   * Past this, the exec is stopped and the result says `timedOut`: by default every
   * process it started is killed; with `stopContainer`, the whole container is killed
   * and removed, which works whatever the processes did (a fork bomb at the pids limit
   * leaves no room for a killer). Unset: no limit.
   */
  timeoutSeconds?: number;
  stopContainer?: boolean;
  /** Keep only the last N lines as `output` (a project's phase); unset: all of it (our own scripts). */
  tailLines?: number;
  /**
   * stderr kept apart as `stderr` (whole, never in `output` or `onLine`): a channel of ours where
   * the command hands stderr to nothing of the project's (process-reaper.ts).
   */
  stderrApart?: boolean;
}

export interface ExecResult {
  /** null when its container is gone (stopped after a timeout). */
  exitCode: number | null;
  /** All the output (stdout and stderr interleaved), or its last `tailLines` lines. */
  output: string;
  /** How many lines there were in all. */
  lineCount: number;
  seconds: number;
  timedOut: boolean;
  /** With `stderrApart`: what was written to stderr. */
  stderr?: string;
}

/** A container as the engine's inspect describes it (the audit reads it). */
export type ContainerInfo = Docker.ContainerInspectInfo;

export interface Container {
  readonly id: string;
  start(): Promise<void>;
  /** Waits until it stops; its exit code. The caller bounds the wait. */
  wait(): Promise<number>;
  /** What it printed, stdout and stderr apart. */
  logs(): Promise<{ stdout: string; stderr: string }>;
  /** A command in the running container; the caller's timeout bounds it. */
  exec(cmd: string[], opts?: ExecOptions): Promise<ExecResult>;
  /** Files in at `dir` (running or not), owned by uid:gid: an archive through the API, never a bind mount. */
  put(dir: string, entries: readonly FileEntry[], owner: { uid: number; gid: number }): Promise<void>;
  /** One path of it as a tar archive; undefined when it has no such path. */
  archive(path: string): Promise<Readable | undefined>;
  /** SIGKILL, or `signal` (`SIGUSR1`: a signal the container's process waits for). */
  kill(signal?: string): Promise<void>;
  /** Removed, running or not, with its anonymous volumes. */
  remove(): Promise<void>;
  inspect(): Promise<ContainerInfo>;
}

/** A listed object: its id (a volume's is its name), name and labels. */
export interface Listed {
  id: string;
  name: string;
  labels: Record<string, string>;
}

export interface Containers {
  create(spec: ContainerSpec): Promise<Container>;
  /** One the run did not create (the audit's, a kept worker's), by id or name. */
  get(id: string): Container;
  /** `all`: stopped ones too. A container's name is its first, without the slash. */
  list(query: { all?: boolean; filters?: Filters }): Promise<Listed[]>;
}

export interface Volumes {
  create(name: string, labels: Record<string, string>): Promise<void>;
  remove(name: string): Promise<void>;
  list(filters?: Filters): Promise<Listed[]>;
}

export interface Networks {
  /** A bridge network. */
  create(name: string, labels: Record<string, string>): Promise<void>;
  remove(idOrName: string): Promise<void>;
  list(filters?: Filters): Promise<Listed[]>;
}

/** One event of a build's or a pull's progress stream, as the engine sends it. */
export interface ProgressEvent {
  stream?: string;
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

export interface ImageBuild {
  /** The build context as a tar stream. */
  context: Readable;
  /** The Dockerfile's path inside the context. */
  dockerfile: string;
  tag: string;
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  /** Registry credentials for base images, by registry. */
  registryAuth: Record<string, RegistryAuth>;
  /** The stage to build (default the last). */
  target?: string;
  /** Build every step again. */
  noCache?: boolean;
  /** Pull newer base images first. */
  pull?: boolean;
  /** `os/arch`: the one platform to build for. */
  platform?: string;
}

export interface Images {
  /** The engine's facts of an image; undefined when it does not have it. */
  inspect(ref: string): Promise<InspectedImage | undefined>;
  /** Removed, tags and all. */
  remove(ref: string): Promise<void>;
  /** `name` is a tag (`repo:tag`) when it has one, else the short id. */
  list(filters?: Filters): Promise<Listed[]>;
  /** The image as `docker save` writes it. */
  export(ref: string): Promise<Readable>;
  /** Pulls one image; resolves when the stream ends (an error event does not reject). */
  pull(
    image: { name: string; tag: string },
    auth: RegistryAuth | undefined,
    onEvent: (event: ProgressEvent) => void,
  ): Promise<void>;
  /** One build with the classic builder (no container left behind by a failing step). */
  build(request: ImageBuild, onEvent: (event: ProgressEvent) => void): Promise<void>;
}

/** Who answered: docker info's ID and host name, and its root folder (several daemons on one host share the ID). */
export interface EngineIdentity {
  id: string;
  name: string;
  rootDir?: string;
}

export interface Engine {
  /** The engine in words, for messages: `DOCKER_HOST=tcp://…` or `unix:///var/run/docker.sock`. */
  readonly where: string;
  ping(): Promise<void>;
  /** How many CPUs it has (`docker info`: NCPU). */
  cpuCount(): Promise<number>;
  /** Who answers (`docker info`: ID and Name): two endpoints with one ID are one engine. */
  identity(): Promise<EngineIdentity>;
  readonly containers: Containers;
  readonly volumes: Volumes;
  readonly networks: Networks;
  readonly images: Images;
}

/** The engine does not have the object a call named. */
export function isGone(err: unknown): boolean {
  return (err as { statusCode?: number } | undefined)?.statusCode === 404;
}
