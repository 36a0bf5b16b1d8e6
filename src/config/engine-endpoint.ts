// The address of the engine the environment names, free of any Docker client,
// so the option layer (Docker contexts' `default`) can name it too.

export const DEFAULT_SOCKET = '/var/run/docker.sock';

/** The engine's address as a report records it: DOCKER_HOST, else the default socket. */
export function engineEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_HOST || `unix://${DEFAULT_SOCKET}`;
}
