// Every engine call of a run goes through one guard that gives it a deadline,
// so no stage can hang on an engine that stopped answering, and an interrupted
// run creates nothing more. It wraps the engine interface (engine-api.ts), so the
// rule is the same over dockerode and over the unit tests' fake:
//   - each call gets the run's deadline (`engine-timeout`), except the long waits
//     a caller bounds itself (a container's own run, an exec, a build, a pull),
//     which end when the run is aborted;
//   - once the run is aborted (a signal, an engine that hangs), calls that would
//     create an object or start work are refused, and removals still go through,
//     so the clean-up can run; once the engine is known to hang, every call
//     fails at once with that reason;
//   - what the run created and has not removed yet is kept in a ledger, for the
//     report of an engine that hangs ("which objects may be left").
import { InfraError } from '../model/errors.js';
import type { Container, Engine } from './engine-api.js';

/** The engine stopped answering: the run ends with exit 2, naming the engine and the call. */
export class EngineTimeout extends InfraError {
  constructor(
    readonly engine: string,
    readonly operation: string,
    readonly seconds: number,
  ) {
    super(`the Docker engine at ${engine} did not answer ${operation} within ${seconds} s (engine-timeout)`);
    this.name = 'EngineTimeout';
  }
}

/** A signal stopped the run; the CLI exits 130 or 143 after the clean-up. */
export class Interrupted extends InfraError {
  constructor(readonly signal: 'SIGINT' | 'SIGTERM') {
    super(`interrupted by ${signal}: the run was stopped`);
    this.name = 'Interrupted';
  }
}

export interface LedgerEntry {
  kind: 'container' | 'volume' | 'network' | 'image';
  id: string;
}

/** What a run created on the engine and has not removed yet. */
export class Ledger {
  private readonly live = new Map<string, LedgerEntry>();
  add(entry: LedgerEntry): void {
    this.live.set(`${entry.kind}:${entry.id}`, entry);
  }
  remove(kind: LedgerEntry['kind'], id: string): void {
    this.live.delete(`${kind}:${id}`);
  }
  entries(): LedgerEntry[] {
    return [...this.live.values()];
  }
}

export interface GuardOptions {
  timeoutSeconds: number;
  signal?: AbortSignal;
  ledger?: Ledger;
}

/** The abort reason as an Error, for a caller that notices the abort. */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new InfraError(String(signal.reason));
}

/**
 * How the guard treats a call: `creates` (an object, or work in one) is refused once the run is
 * aborted; `waits` is bounded by its caller and ends on the abort, the rest by engine-timeout.
 */
type Kind = { creates: boolean; waits: boolean };
const CALL: Kind = { creates: false, waits: false };
const CREATE: Kind = { creates: true, waits: false };
const WORK: Kind = { creates: true, waits: true };
const WAIT: Kind = { creates: false, waits: true };

export function guardEngine(engine: Engine, options: GuardOptions): Engine {
  const ms = options.timeoutSeconds * 1000;
  const { signal, ledger } = options;

  const withDeadline = <T>(promise: Promise<T>, operation: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new EngineTimeout(engine.where, operation, options.timeoutSeconds)),
        ms,
      );
      timer.unref();
    });
    return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
  };

  /** A long wait ends with the run's abort reason as soon as the run is aborted. */
  const untilAborted = <T>(promise: Promise<T>): Promise<T> => {
    if (!signal) return promise;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(abortReason(signal));
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    return Promise.race([promise, aborted]).finally(() => {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    });
  };

  const guard = <T>(operation: string, kind: Kind, call: () => Promise<T>): Promise<T> => {
    if (signal?.aborted) {
      // An engine known to hang answers nothing more: fail at once, the ledger says what is left.
      if (signal.reason instanceof EngineTimeout || kind.creates) return Promise.reject(abortReason(signal));
    }
    const result = call();
    // Whoever stopped waiting, a late failure must not go unhandled.
    result.catch(() => {});
    return kind.waits ? untilAborted(result) : withDeadline(result, operation);
  };

  const container = (c: Container): Container => ({
    id: c.id,
    start: () => guard('container.start', WORK, () => c.start()),
    wait: () => guard('container.wait', WAIT, () => c.wait()),
    logs: () => guard('container.logs', CALL, () => c.logs()),
    exec: (cmd, opts) => guard('container.exec', WORK, () => c.exec(cmd, opts)),
    put: (dir, entries, owner) => guard('container.put', CALL, () => c.put(dir, entries, owner)),
    archive: (path) => guard('container.archive', CALL, () => c.archive(path)),
    kill: (signal) => guard('container.kill', CALL, () => c.kill(signal)),
    remove: async () => {
      await guard('container.remove', CALL, () => c.remove());
      ledger?.remove('container', c.id);
    },
    inspect: () => guard('container.inspect', CALL, () => c.inspect()),
  });

  return {
    where: engine.where,
    ping: () => guard('ping', CALL, () => engine.ping()),
    cpuCount: () => guard('info', CALL, () => engine.cpuCount()),
    identity: () => guard('info', CALL, () => engine.identity()),
    containers: {
      create: async (spec) => {
        const made = await guard('containers.create', CREATE, () => engine.containers.create(spec));
        ledger?.add({ kind: 'container', id: made.id });
        return container(made);
      },
      get: (id) => container(engine.containers.get(id)),
      list: (query) => guard('containers.list', CALL, () => engine.containers.list(query)),
    },
    volumes: {
      create: async (name, labels) => {
        await guard('volumes.create', CREATE, () => engine.volumes.create(name, labels));
        ledger?.add({ kind: 'volume', id: name });
      },
      remove: async (name) => {
        await guard('volumes.remove', CALL, () => engine.volumes.remove(name));
        ledger?.remove('volume', name);
      },
      list: (filters) => guard('volumes.list', CALL, () => engine.volumes.list(filters)),
    },
    networks: {
      create: async (name, labels) => {
        await guard('networks.create', CREATE, () => engine.networks.create(name, labels));
        ledger?.add({ kind: 'network', id: name });
      },
      remove: async (idOrName) => {
        await guard('networks.remove', CALL, () => engine.networks.remove(idOrName));
        ledger?.remove('network', idOrName);
      },
      list: (filters) => guard('networks.list', CALL, () => engine.networks.list(filters)),
    },
    images: {
      inspect: (ref) => guard('images.inspect', CALL, () => engine.images.inspect(ref)),
      remove: (ref) => guard('images.remove', CALL, () => engine.images.remove(ref)),
      list: (filters) => guard('images.list', CALL, () => engine.images.list(filters)),
      export: (ref) => guard('images.export', CALL, () => engine.images.export(ref)),
      pull: (image, auth, onEvent) =>
        guard('images.pull', WORK, () => engine.images.pull(image, auth, onEvent)),
      build: (request, onEvent) => guard('images.build', WORK, () => engine.images.build(request, onEvent)),
    },
  };
}
