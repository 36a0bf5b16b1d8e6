// Every engine call of a run goes through one guard that gives it a deadline,
// so no stage can hang on an engine that stopped
// answering, and an interrupted run creates nothing more:
//   - each call that returns a promise gets the run's deadline (`engine-timeout`);
//     the long waits a caller bounds itself (`wait`: a container's own run) are
//     left alone;
//   - once the run is aborted (a signal, an engine that hangs), calls that would
//     create an object are refused, streams in flight are destroyed, and
//     removals still go through, so the clean-up can run;
//   - what the run created and has not removed yet is kept in a ledger, for the
//     report of an engine that hangs ("which objects may be left").
// A Proxy rather than a wrapper per call site: dockerode's objects (containers,
// execs, volumes, ...) come back wrapped too, so the rule is written once.
import type { Duplex, Readable } from 'node:stream';
import type Docker from 'dockerode';
import { InfraError } from '../model/errors.js';

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
  /** The engine in words, for messages (`DOCKER_HOST=tcp://…`). */
  engine: string;
  signal?: AbortSignal;
  ledger?: Ledger;
}

// Calls that make a new object on the engine: refused once the run is aborted.
const CREATES = new Set([
  'createContainer',
  'createVolume',
  'createNetwork',
  'buildImage',
  'exec',
  'start',
  'run',
]);
// Calls whose wait the caller bounds: a container's whole run.
const UNBOUNDED = new Set(['wait']);
const GUARDED = Symbol('worker-gate.guarded');
const SIGNAL = Symbol('worker-gate.signal');

/** The abort signal of the guard an engine object came from, if any. */
export function signalOf(object: object): AbortSignal | undefined {
  return (object as { [SIGNAL]?: AbortSignal })[SIGNAL];
}

/** The abort reason as an Error, for a caller that notices the abort. */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new InfraError(String(signal.reason));
}

function isStream(value: unknown): value is Readable | Duplex {
  return (
    typeof (value as Readable | undefined)?.pipe === 'function' &&
    typeof (value as Readable).destroy === 'function'
  );
}

function isEngineObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && 'modem' in value && !isStream(value);
}

export function guardEngine(docker: Docker, options: GuardOptions): Docker {
  const ms = options.timeoutSeconds * 1000;
  const { signal, ledger } = options;

  const withDeadline = <T>(promise: Promise<T>, operation: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new EngineTimeout(options.engine, operation, options.timeoutSeconds)),
        ms,
      );
      timer.unref();
    });
    return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
  };

  const record = (kind: string, method: string, target: object, value: unknown): void => {
    if (!ledger) return;
    const idOf = (o: unknown) => (o as { id?: string; name?: string }).id ?? (o as { name?: string }).name;
    const created: Record<string, LedgerEntry['kind']> = {
      createContainer: 'container',
      createVolume: 'volume',
      createNetwork: 'network',
    };
    const made = created[method];
    if (made && isEngineObject(value)) {
      const id = idOf(value);
      if (id) ledger.add({ kind: made, id });
    } else if (method === 'remove' && (kind === 'container' || kind === 'volume' || kind === 'network')) {
      const id = idOf(target);
      if (id) ledger.remove(kind, id);
    }
  };

  const onResult = (value: unknown): unknown => {
    if (isStream(value) && signal) {
      // A stream in flight (an exec's output, a build) ends when the run is aborted.
      // With the reason, so every consumer's error path runs (a bare destroy() emits only close).
      // A stream nobody listens to for errors any more must not crash the process with it.
      const stop = () => {
        value.on('error', () => {});
        value.destroy(abortReason(signal));
      };
      if (signal.aborted) stop();
      else {
        signal.addEventListener('abort', stop, { once: true });
        value.once('close', () => signal.removeEventListener('abort', stop));
      }
      return value;
    }
    return isEngineObject(value) ? wrap(value, kindOf(value)) : value;
  };

  const call = (
    kind: string,
    method: string,
    fn: (...a: unknown[]) => unknown,
    target: object,
    args: unknown[],
  ) => {
    const operation = `${kind}.${method}`;
    if (signal?.aborted && CREATES.has(method)) return Promise.reject(abortReason(signal));
    const result = fn.apply(target, args);
    if (!(result instanceof Promise)) return onResult(result);
    // An engine known to hang answers nothing more: fail at once, the ledger says what is left.
    if (signal?.aborted && signal.reason instanceof EngineTimeout) {
      result.catch(() => {});
      return Promise.reject(signal.reason);
    }
    const bounded = UNBOUNDED.has(method) ? result : withDeadline(result, operation);
    return bounded.then((value) => {
      record(kind, method, target, value);
      return onResult(value);
    });
  };

  function wrap<T extends object>(target: T, kind: string): T {
    if ((target as { [GUARDED]?: boolean })[GUARDED]) return target;
    return new Proxy(target, {
      get(obj, prop, receiver) {
        if (prop === GUARDED) return true;
        if (prop === SIGNAL) return signal;
        const value = Reflect.get(obj, prop, receiver);
        if (typeof value !== 'function' || typeof prop !== 'string' || prop === 'constructor') return value;
        return (...args: unknown[]) => call(kind, prop, value as (...a: unknown[]) => unknown, obj, args);
      },
    });
  }

  return wrap(docker, 'engine');
}

function kindOf(value: object): string {
  return (value.constructor?.name ?? 'object').toLowerCase();
}
