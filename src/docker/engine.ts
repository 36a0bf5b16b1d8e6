// The engine connection: whatever the environment names, as the docker CLI
// reads it (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH), so a remote
// engine works the same as the local socket.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { InputError } from '../config/errors.js';
import { InfraError } from '../errors.js';

export type Engine = Docker;

const DEFAULT_SOCKET = '/var/run/docker.sock';

export function describeEngine(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_HOST ? `DOCKER_HOST=${env.DOCKER_HOST}` : `unix://${DEFAULT_SOCKET}`;
}

/** dockerode options for the engine the environment names. */
export function engineOptions(env: NodeJS.ProcessEnv): Docker.DockerOptions {
  const host = env.DOCKER_HOST;
  if (!host) return { socketPath: DEFAULT_SOCKET };
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  const ssh = /^ssh:\/\/(?:([^@]+)@)?([^:/]+)(?::(\d+))?\/?$/.exec(host);
  if (ssh) {
    // Like the docker CLI: the ssh agent or ~/.ssh keys authenticate.
    const options: Docker.DockerOptions = { protocol: 'ssh', host: ssh[2] ?? '', port: Number(ssh[3] ?? 22) };
    if (ssh[1]) options.username = ssh[1];
    return options;
  }
  const match = /^(tcp|https?):\/\/([^:/]+|\[[^\]]+\])(?::(\d+))?\/?$/.exec(host);
  if (!match) {
    throw new InputError(
      `DOCKER_HOST "${host}" is not an engine address worker-gate can use: expected unix:///path, tcp://host:port or ssh://user@host`,
      { input: 'DOCKER_HOST' },
    );
  }
  const tls =
    env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '' && env.DOCKER_TLS_VERIFY !== '0';
  const options: Docker.DockerOptions = {
    host: match[2] ?? 'localhost',
    port: Number(match[3] ?? (tls ? 2376 : 2375)),
    protocol: tls || match[1] === 'https' ? 'https' : 'http',
  };
  if (tls) {
    const certs = env.DOCKER_CERT_PATH ?? path.join(os.homedir(), '.docker');
    const read = (name: string): Buffer => {
      try {
        return readFileSync(path.join(certs, name));
      } catch {
        throw new InputError(
          `DOCKER_TLS_VERIFY is set but ${path.join(certs, name)} cannot be read (DOCKER_CERT_PATH)`,
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

export async function connectEngine(env: NodeJS.ProcessEnv = process.env): Promise<Engine> {
  const docker = new Docker(engineOptions(env));
  try {
    await docker.ping();
  } catch (err) {
    throw new InfraError(
      `no Docker engine answers at ${describeEngine(env)}: start one (e.g. scripts/ensure-docker.sh) or set DOCKER_HOST`,
      err instanceof Error ? err.message : String(err),
    );
  }
  return docker;
}
