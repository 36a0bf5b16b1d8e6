// A fake of the engine interface (src/docker/engine-api.ts) for unit tests of
// orchestration: containers, volumes, networks and images kept in memory, with
// the engine's rules that ordering depends on (a volume or network a container
// still holds cannot be removed; an exec needs a started container; a missing
// object is a 404). Every call is written to a journal, so a test reads the
// order things happened in. Execs answer through a handler the test gives;
// any call can be made to fail or to hang (never answer), by operation name.
import { Readable } from 'node:stream';
import type {
  Container,
  ContainerInfo,
  ContainerSpec,
  Engine,
  EngineIdentity,
  ExecOptions,
  ExecResult,
  FileEntry,
  Filters,
  ImageBuild,
  Listed,
  ProgressEvent,
} from '../../../src/docker/engine-api.js';
import type { InspectedImage } from '../../../src/model/facts/image.js';

export interface FakeContainer {
  id: string;
  spec: ContainerSpec;
  /** Its role label, or its id: how the journal names it. */
  name: string;
  started: boolean;
  removed: boolean;
  /** Everything put into it, by path. */
  files: Map<string, FileEntry>;
}

export interface ExecCall {
  container: FakeContainer;
  cmd: string[];
  /** The command as one string, for matching. */
  text: string;
  opts: ExecOptions;
}

/** What an exec answers: its output and exit code (0 and nothing by default). */
export type ExecAnswer = Partial<Pick<ExecResult, 'exitCode' | 'output' | 'timedOut' | 'stderr'>>;

export type ExecHandler = (call: ExecCall) => ExecAnswer | undefined | Promise<ExecAnswer | undefined>;

export class EngineError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(`(HTTP code ${statusCode}) ${message}`);
  }
}

/** The ID the fake engine answers `docker info` with. */
export const FAKE_ENGINE_ID = 'FAKE:ENGINE:0001';

/** An operation name as the journal and failOn/hangOn spell it: `containers.create`, `volumes.remove`, `exec`. */
export type Operation =
  | 'ping'
  | 'cpuCount'
  | 'identity'
  | 'containers.create'
  | 'containers.list'
  | 'start'
  | 'wait'
  | 'logs'
  | 'exec'
  | 'put'
  | 'archive'
  | 'kill'
  | 'containers.remove'
  | 'inspect'
  | 'volumes.create'
  | 'volumes.remove'
  | 'volumes.list'
  | 'networks.create'
  | 'networks.remove'
  | 'networks.list'
  | 'images.inspect'
  | 'images.remove'
  | 'images.list'
  | 'images.export'
  | 'images.pull'
  | 'images.build';

interface Trap {
  operation: Operation;
  /** Only calls whose subject (a container's name, a volume's name, an exec's command) matches. */
  match?: (subject: string) => boolean;
  error?: Error;
  hang?: boolean;
  /** Left to fire; unset: every matching call. */
  times?: number;
}

export interface FakeEngineOptions {
  images?: InspectedImage[];
  cpus?: number;
  exec?: ExecHandler;
  /** Events of every build, in order (default: one line and the image id of the first image given). */
  build?: (request: ImageBuild) => ProgressEvent[];
}

export class FakeEngine implements Engine {
  readonly where = 'fake://engine';
  /** Every call, in order: `containers.create e2e-scaffolder`, `exec e2e-scaffolder: sh -c …`. */
  readonly journal: string[] = [];
  readonly containerState = new Map<string, FakeContainer>();
  readonly volumeState = new Map<string, Record<string, string>>();
  readonly networkState = new Map<string, Record<string, string>>();
  readonly imageState = new Map<string, InspectedImage>();
  private readonly traps: Trap[] = [];
  private stalled = false;
  /** Image refs (tags) to image ids. */
  private readonly tags = new Map<string, string>();
  private next = 0;
  private readonly execHandler: ExecHandler;
  private readonly buildEvents: (request: ImageBuild) => ProgressEvent[];
  private readonly cpus: number;

  constructor(options: FakeEngineOptions = {}) {
    for (const image of options.images ?? []) this.imageState.set(image.id, image);
    this.execHandler = options.exec ?? (() => undefined);
    this.cpus = options.cpus ?? 2;
    const firstImage = options.images?.[0]?.id ?? 'sha256:built';
    this.buildEvents =
      options.build ?? (() => [{ stream: 'Step 1/1 : FROM base\n' }, { aux: { ID: firstImage } }]);
  }

  /** Calls of `operation` (whose subject matches) fail with `error`. */
  failOn(operation: Operation, error: Error, match?: (subject: string) => boolean, times?: number): this {
    this.traps.push({ operation, error, ...(match ? { match } : {}), ...(times ? { times } : {}) });
    return this;
  }

  /** Calls of `operation` (whose subject matches) never answer. */
  hangOn(operation: Operation, match?: (subject: string) => boolean): this {
    this.traps.push({ operation, hang: true, ...(match ? { match } : {}) });
    return this;
  }

  /** From now on the engine answers nothing at all, as one that stopped answering. */
  stall(): void {
    this.stalled = true;
  }

  /** `ref` names the image `id` (a tag, as `docker tag` gives one). */
  tag(ref: string, id: string): this {
    this.tags.set(ref, id);
    return this;
  }

  /** The journal lines of these operations only, without the operation's prefix when it is the only one. */
  calls(...operations: Operation[]): string[] {
    return this.journal.filter((line) => operations.some((op) => line.startsWith(`${op} `) || line === op));
  }

  /** What is left on the engine: live containers by name, volumes, networks. */
  left(): { containers: string[]; volumes: string[]; networks: string[] } {
    return {
      containers: [...this.containerState.values()].filter((c) => !c.removed).map((c) => c.name),
      volumes: [...this.volumeState.keys()],
      networks: [...this.networkState.keys()],
    };
  }

  /** Records the call, then fails, hangs or runs it as its traps say. */
  private async call<T>(operation: Operation, subject: string, run: () => T | Promise<T>): Promise<T> {
    this.journal.push(subject ? `${operation} ${subject}` : operation);
    if (this.stalled) return new Promise<T>(() => {});
    const trap = this.traps.find(
      (t) =>
        t.operation === operation && (!t.match || t.match(subject)) && (t.times === undefined || t.times > 0),
    );
    if (trap) {
      if (trap.times !== undefined) trap.times--;
      if (trap.hang) return new Promise<T>(() => {});
      if (trap.error) throw trap.error;
    }
    // Answer on a later turn, as an engine over a socket does.
    await Promise.resolve();
    return run();
  }

  private container(id: string): FakeContainer {
    const found =
      this.containerState.get(id) ?? [...this.containerState.values()].find((c) => c.spec.name === id);
    if (!found || found.removed) throw new EngineError(404, `No such container: ${id}`);
    return found;
  }

  private holds(c: FakeContainer): { volumes: string[]; network?: string } {
    const volumes = [
      ...Object.keys(c.spec.volumes ?? {}),
      ...(c.spec.hostConfig?.Mounts ?? []).map((m) => m.Source),
    ];
    const network = c.spec.hostConfig?.NetworkMode;
    return network && network !== 'none' ? { volumes, network } : { volumes };
  }

  private handle(c: FakeContainer): Container {
    const name = () => c.name;
    return {
      id: c.id,
      start: () =>
        this.call('start', name(), () => {
          this.container(c.id).started = true;
        }),
      wait: () =>
        this.call('wait', name(), async () => {
          const answer = await this.execHandler({
            container: c,
            cmd: [...(c.spec.entrypoint ?? []), ...(c.spec.cmd ?? [])],
            text: [...(c.spec.entrypoint ?? []), ...(c.spec.cmd ?? [])].join(' '),
            opts: {},
          });
          return answer?.exitCode ?? 0;
        }),
      logs: () =>
        this.call('logs', name(), async () => {
          const answer = await this.execHandler({
            container: c,
            cmd: [...(c.spec.entrypoint ?? []), ...(c.spec.cmd ?? [])],
            text: [...(c.spec.entrypoint ?? []), ...(c.spec.cmd ?? [])].join(' '),
            opts: {},
          });
          return { stdout: answer?.output ?? '', stderr: '' };
        }),
      exec: (cmd, opts = {}) =>
        this.call('exec', `${name()}: ${cmd.join(' ').slice(0, 120)}`, async () => {
          const live = this.container(c.id);
          if (!live.started) throw new EngineError(409, `Container ${c.id} is not running`);
          const answer = (await this.execHandler({ container: live, cmd, text: cmd.join(' '), opts })) ?? {};
          const lines = (answer.output ?? '')
            .split('\n')
            .filter((l, i, all) => l !== '' || i < all.length - 1);
          for (const line of lines) opts.onLine?.(line);
          const kept = opts.tailLines !== undefined ? lines.slice(-opts.tailLines) : lines;
          return {
            exitCode: answer.exitCode === undefined ? 0 : answer.exitCode,
            output: kept.join('\n'),
            lineCount: lines.length,
            seconds: 0.5,
            timedOut: answer.timedOut ?? false,
            ...(opts.stderrApart ? { stderr: answer.stderr ?? '' } : {}),
          };
        }),
      put: (dir, entries) =>
        this.call('put', `${name()}: ${entries.length} entries at ${dir}`, () => {
          const live = this.container(c.id);
          for (const e of entries) live.files.set(`${dir.replace(/\/$/, '')}/${e.name}`, e);
        }),
      archive: (path) =>
        this.call('archive', `${name()}: ${path}`, () => {
          this.container(c.id);
          return undefined;
        }),
      kill: (signal) =>
        this.call('kill', signal ? `${name()} ${signal}` : name(), () => {
          // A signal it waits for leaves it running until it ends by itself (its wait).
          if (!signal) this.container(c.id).started = false;
        }),
      remove: () =>
        this.call('containers.remove', name(), () => {
          this.container(c.id).removed = true;
        }),
      inspect: () =>
        this.call('inspect', name(), () => {
          const live = this.container(c.id);
          return {
            Id: live.id,
            Name: `/${live.name}`,
            Config: { Labels: live.spec.labels },
          } as unknown as ContainerInfo;
        }),
    };
  }

  ping(): Promise<void> {
    return this.call('ping', '', () => undefined);
  }

  cpuCount(): Promise<number> {
    return this.call('cpuCount', '', () => this.cpus);
  }

  identity(): Promise<EngineIdentity> {
    return this.call('identity', '', () => ({
      id: FAKE_ENGINE_ID,
      name: 'fake-engine',
      rootDir: '/var/lib/docker',
    }));
  }

  readonly containers = {
    create: (spec: ContainerSpec): Promise<Container> =>
      this.call('containers.create', spec.labels['worker-gate.role'] ?? spec.name ?? spec.image, () => {
        const image = this.findImage(spec.image);
        if (!image) throw new EngineError(404, `No such image: ${spec.image}`);
        for (const volume of Object.keys(spec.volumes ?? {})) {
          if (!this.volumeState.has(volume)) this.volumeState.set(volume, {});
        }
        const id = `${(++this.next).toString(16).padStart(12, '0')}${'f'.repeat(52)}`;
        const name = spec.labels['worker-gate.role'] ?? spec.name ?? id.slice(0, 12);
        const made: FakeContainer = { id, spec, name, started: false, removed: false, files: new Map() };
        this.containerState.set(id, made);
        return this.handle(made);
      }),
    get: (id: string): Container => {
      const found =
        this.containerState.get(id) ?? [...this.containerState.values()].find((c) => c.spec.name === id);
      return this.handle(
        found ?? {
          id,
          spec: { image: '', labels: {} },
          name: id,
          started: false,
          removed: true,
          files: new Map(),
        },
      );
    },
    list: (query: { all?: boolean; filters?: Filters }): Promise<Listed[]> =>
      this.call('containers.list', '', () =>
        [...this.containerState.values()]
          .filter((c) => !c.removed && (query.all || c.started) && matches(c.spec.labels, query.filters))
          .map((c) => ({ id: c.id, name: c.name, labels: c.spec.labels })),
      ),
  };

  readonly volumes = {
    create: (name: string, labels: Record<string, string>): Promise<void> =>
      this.call('volumes.create', name, () => {
        this.volumeState.set(name, labels);
      }),
    remove: (name: string): Promise<void> =>
      this.call('volumes.remove', name, () => {
        if (!this.volumeState.has(name)) throw new EngineError(404, `no such volume: ${name}`);
        const user = [...this.containerState.values()].find(
          (c) => !c.removed && this.holds(c).volumes.includes(name),
        );
        if (user) throw new EngineError(409, `remove ${name}: volume is in use - [${user.id}]`);
        this.volumeState.delete(name);
      }),
    list: (filters?: Filters): Promise<Listed[]> =>
      this.call('volumes.list', '', () =>
        [...this.volumeState]
          .filter(([, labels]) => matches(labels, filters))
          .map(([name, labels]) => ({ id: name, name, labels })),
      ),
  };

  readonly networks = {
    create: (name: string, labels: Record<string, string>): Promise<void> =>
      this.call('networks.create', name, () => {
        if (this.networkState.has(name))
          throw new EngineError(409, `network with name ${name} already exists`);
        this.networkState.set(name, labels);
      }),
    remove: (name: string): Promise<void> =>
      this.call('networks.remove', name, () => {
        if (!this.networkState.has(name)) throw new EngineError(404, `network ${name} not found`);
        const user = [...this.containerState.values()].find(
          (c) => !c.removed && this.holds(c).network === name,
        );
        if (user)
          throw new EngineError(403, `error while removing network: network ${name} has active endpoints`);
        this.networkState.delete(name);
      }),
    list: (filters?: Filters): Promise<Listed[]> =>
      this.call('networks.list', '', () =>
        [...this.networkState]
          .filter(([, labels]) => matches(labels, filters))
          .map(([name, labels]) => ({ id: `net-${name}`, name, labels })),
      ),
  };

  private findImage(ref: string): InspectedImage | undefined {
    return this.imageState.get(this.tags.get(ref) ?? ref);
  }

  readonly images = {
    inspect: (ref: string): Promise<InspectedImage | undefined> =>
      this.call('images.inspect', ref, () => this.findImage(ref)),
    remove: (ref: string): Promise<void> =>
      this.call('images.remove', ref, () => {
        const image = this.findImage(ref);
        if (!image) throw new EngineError(404, `No such image: ${ref}`);
        this.imageState.delete(image.id);
      }),
    list: (filters?: Filters): Promise<Listed[]> =>
      this.call('images.list', '', () =>
        [...this.imageState.values()]
          .filter((i) => matches(i.labels, filters))
          .map((i) => ({ id: i.id, name: i.id.slice(7, 19), labels: i.labels })),
      ),
    export: (ref: string): Promise<Readable> =>
      this.call('images.export', ref, () => {
        if (!this.findImage(ref)) throw new EngineError(404, `No such image: ${ref}`);
        return Readable.from([]);
      }),
    pull: (
      image: { name: string; tag: string },
      _auth: unknown,
      onEvent: (event: ProgressEvent) => void,
    ): Promise<void> =>
      this.call('images.pull', `${image.name}:${image.tag}`, () => {
        onEvent({ error: `pull access denied for ${image.name}, repository does not exist` });
      }),
    build: (request: ImageBuild, onEvent: (event: ProgressEvent) => void): Promise<void> =>
      this.call('images.build', request.tag, async () => {
        // The context is read whole, as the engine reads it.
        for await (const _ of request.context) {
          // drained
        }
        const events = this.buildEvents(request);
        for (const event of events) onEvent(event);
        const id = events.find((e) => e.aux?.ID)?.aux?.ID;
        if (id) this.tags.set(request.tag, id);
      }),
  };
}

/** Whether labels pass `{ label: ['k=v', 'k'] }`. */
function matches(labels: Record<string, string>, filters: Filters | undefined): boolean {
  return (filters?.label ?? []).every((f) => {
    const eq = f.indexOf('=');
    return eq < 0 ? labels[f] !== undefined : labels[f.slice(0, eq)] === f.slice(eq + 1);
  });
}

/** An image as the engine's inspect gives it. */
export function fakeImage(id: string, over: Partial<InspectedImage> = {}): InspectedImage {
  return {
    id,
    sizeBytes: 100_000_000,
    user: 'worker',
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', UV_CACHE_DIR: '/home/worker/.cache/uv' },
    labels: {},
    history: [{ createdBy: '/bin/sh -c #(nop) ADD file:0 in /', sizeBytes: 100_000_000 }],
    ...over,
  };
}
