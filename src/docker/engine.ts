// The engine connection: whatever the environment names, as the docker CLI
// reads it (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH). docker-modem
// reads those variables itself; we only check that something answers.
import Docker from 'dockerode';
import { InfraError } from '../errors.js';

export type Engine = Docker;

export function describeEngine(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_HOST ? `DOCKER_HOST=${env.DOCKER_HOST}` : 'unix:///var/run/docker.sock';
}

export async function connectEngine(env: NodeJS.ProcessEnv = process.env): Promise<Engine> {
  const docker = new Docker();
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
