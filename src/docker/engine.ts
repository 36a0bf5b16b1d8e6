// The engine connection: whatever the environment names, as the docker CLI
// reads it (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_TLS, DOCKER_CERT_PATH), so a
// remote engine works the same as the local socket; ssh:// through the system
// ssh and the remote `docker system dial-stdio`, as the docker CLI does (ssh-dial.ts).
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { DEFAULT_SOCKET, engineEndpoint } from '../config/engine-endpoint.js';
import { defaultValue } from '../config/options.js';
import { InfraError, InputError } from '../model/errors.js';
import { Redactor } from '../model/redact.js';
import { dockerEngine } from './dockerode-engine.js';
import type { Engine } from './engine-api.js';
import { EngineTimeout, guardEngine, type Ledger } from './guard.js';
import { parseSshEndpoint, sshAgent, sshCheckCommand } from './ssh-dial.js';

export function describeEngine(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_HOST ? `DOCKER_HOST=${env.DOCKER_HOST}` : engineEndpoint(env);
}

/**
 * dockerode options for the engine the environment names; `connectSeconds`
 * bounds an ssh connection's handshake (engine-timeout).
 */
export function engineOptions(
  env: NodeJS.ProcessEnv,
  connectSeconds: number = defaultValue('engine-timeout'),
): Docker.DockerOptions {
  // docker-modem starts from what this process's DOCKER_HOST names and lays the options
  // over it: each field it would take from there is set, so a cell's engine is its own.
  return { ...MODEM_DEFAULTS, ...endpointOptions(env, connectSeconds) };
}

const MODEM_DEFAULTS: Docker.DockerOptions = {
  socketPath: undefined,
  host: undefined,
  port: undefined,
  protocol: undefined,
  username: undefined,
  ca: undefined,
  cert: undefined,
  key: undefined,
  timeout: undefined,
};

function endpointOptions(env: NodeJS.ProcessEnv, connectSeconds: number): Docker.DockerOptions {
  const host = env.DOCKER_HOST;
  if (!host) return { socketPath: DEFAULT_SOCKET };
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  if (host.startsWith('ssh://')) {
    const endpoint = parseSshEndpoint(host);
    if (!endpoint) {
      throw new InputError(
        `DOCKER_HOST "${host}" is not an ssh engine address worker-gate can use: expected ssh://[user@]host[:port]`,
        { input: 'DOCKER_HOST' },
      );
    }
    // docker-modem takes an http agent; dockerode's types omit it. The host only names the requests.
    const options: Docker.DockerOptions & { agent?: http.Agent } = {
      protocol: 'http',
      host: 'docker',
      agent: sshAgent(endpoint, { env, connectSeconds, redactor: new Redactor() }),
    };
    return options;
  }
  const match = /^(tcp|https?):\/\/([^:/]+|\[[^\]]+\])(?::(\d+))?\/?$/.exec(host);
  if (!match) {
    throw new InputError(
      `DOCKER_HOST "${host}" is not an engine address worker-gate can use: expected unix:///path, tcp://host:port or ssh://user@host`,
      { input: 'DOCKER_HOST' },
    );
  }
  const set = (value: string | undefined) => value !== undefined && value !== '' && value !== '0';
  const tls = set(env.DOCKER_TLS_VERIFY);
  // DOCKER_TLS alone: TLS without checking the engine's certificate (a context's SkipTLSVerify).
  const unverified = !tls && set(env.DOCKER_TLS);
  // docker-modem takes an https agent; dockerode's types omit it.
  const options: Docker.DockerOptions & { agent?: https.Agent } = {
    host: match[2] ?? 'localhost',
    port: Number(match[3] ?? (tls || unverified ? 2376 : 2375)),
    protocol: tls || unverified || match[1] === 'https' ? 'https' : 'http',
  };
  if (unverified) options.agent = new https.Agent({ rejectUnauthorized: false });
  if (tls || (unverified && env.DOCKER_CERT_PATH)) {
    const certs = env.DOCKER_CERT_PATH ?? path.join(os.homedir(), '.docker');
    const read = (name: string): Buffer => {
      try {
        return readFileSync(path.join(certs, name));
      } catch {
        throw new InputError(
          `${tls ? 'DOCKER_TLS_VERIFY' : 'DOCKER_TLS'} is set but ${path.join(certs, name)} cannot be read (DOCKER_CERT_PATH)`,
          {
            input: 'DOCKER_CERT_PATH',
          },
        );
      }
    };
    options.ca = read('ca.pem');
    options.cert = read('cert.pem');
    options.key = read('key.pem');
  }
  return options;
}

export interface ConnectOptions {
  /** engine-timeout: the deadline of every call (default: the option table's). */
  timeoutSeconds?: number;
  /** Aborting it stops the run's streams and refuses new objects (see guard.ts). */
  signal?: AbortSignal;
  ledger?: Ledger;
}

/** The engine the environment names, through dockerode, guarded and answering. */
export async function connectEngine(
  env: NodeJS.ProcessEnv = process.env,
  options: ConnectOptions = {},
): Promise<Engine> {
  const seconds = options.timeoutSeconds ?? defaultValue('engine-timeout');
  const docker = new Docker(engineOptions(env, seconds));
  const ssh = env.DOCKER_HOST ? parseSshEndpoint(env.DOCKER_HOST) : undefined;
  try {
    return await connectTo(
      dockerEngine(docker, describeEngine(env), options.signal),
      options,
      ssh
        ? `check that \`${sshCheckCommand(ssh)}\` works from here (worker-gate runs \`ssh … docker system dial-stdio\` with your ssh config and agent, as the docker CLI does)`
        : undefined,
    );
  } catch (err) {
    // An ssh that hangs past the deadline is stopped, not left behind.
    (docker.modem as { agent?: http.Agent }).agent?.destroy();
    throw err;
  }
}

/**
 * An engine guarded by the run's deadline, signal and ledger (guard.ts), once it
 * answers a ping; `advice` says what to do when it does not.
 */
export async function connectTo(
  engine: Engine,
  options: ConnectOptions = {},
  advice = 'start one (e.g. scripts/ensure-docker.sh) or set DOCKER_HOST',
): Promise<Engine> {
  const guarded = guardEngine(engine, {
    timeoutSeconds: options.timeoutSeconds ?? defaultValue('engine-timeout'),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.ledger ? { ledger: options.ledger } : {}),
  });
  try {
    await guarded.ping();
  } catch (err) {
    throw new InfraError(
      `no Docker engine answers at ${engine.where}: ${advice}`,
      err instanceof Error ? err.message : String(err),
    );
  }
  return guarded;
}

/**
 * Pings the engine while a run works, so an engine that stops answering in the
 * middle of a long, quiet phase is noticed within `engine-timeout`, not at the
 * end of `phase-timeout`. Calls `onHang` once with the error; stop() ends it.
 */
export function watchEngine(
  engine: Engine,
  timeoutSeconds: number,
  onHang: (err: Error) => void,
): { stop(): void } {
  let busy = false;
  let stopped = false;
  const timer = setInterval(
    () => {
      if (busy || stopped) return;
      busy = true;
      engine
        .ping()
        .catch((err: unknown) => {
          if (!stopped && err instanceof EngineTimeout) {
            stopped = true;
            clearInterval(timer);
            onHang(err);
          }
        })
        .finally(() => {
          busy = false;
        });
    },
    Math.min(15, Math.max(1, timeoutSeconds / 2)) * 1000,
  );
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
