// Registry credentials as the docker CLI keeps them (~/.docker/config.json,
// which docker/login-action writes), in the shape the engine's build and pull
// endpoints take. Credential helpers are not run: only inline `auth` entries.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RegistryAuth {
  username: string;
  password: string;
  serveraddress: string;
}

export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.DOCKER_CONFIG ?? path.join(os.homedir(), '.docker'), 'config.json');
}

export function parseDockerConfig(text: string): Record<string, RegistryAuth> {
  const config = JSON.parse(text) as {
    auths?: Record<string, { auth?: string; username?: string; password?: string }>;
  };
  const out: Record<string, RegistryAuth> = {};
  for (const [server, entry] of Object.entries(config.auths ?? {})) {
    let { username, password } = entry;
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1);
    }
    if (username && password !== undefined) out[server] = { username, password, serveraddress: server };
  }
  return out;
}

export function readRegistryAuths(env: NodeJS.ProcessEnv = process.env): Record<string, RegistryAuth> {
  try {
    return parseDockerConfig(readFileSync(dockerConfigPath(env), 'utf8'));
  } catch {
    return {};
  }
}
