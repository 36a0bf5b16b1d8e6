// Registry credentials found as the docker CLI finds them: config.json under
// DOCKER_CONFIG (default ~/.docker), where `credHelpers` names a helper per
// registry, `credsStore` a helper for all the rest, and `auths` holds inline
// entries (docker/login-action writes those). A helper is the program
// docker-credential-NAME, asked with `get` and the server on stdin. Secrets
// only ever go to the engine: no message here carries one.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InfraError } from '../model/errors.js';
import { ProcessError, type RunProcess } from '../process/run.js';
import { authKeyHost, DOCKER_HUB, DOCKER_HUB_AUTH_KEY } from './image-ref.js';

/** The engine's AuthConfig (X-Registry-Auth for pulls, X-Registry-Config for builds). */
export interface RegistryAuth {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

interface DockerConfig {
  auths?: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.DOCKER_CONFIG ?? path.join(env.HOME ?? os.homedir(), '.docker'), 'config.json');
}

function readDockerConfig(env: NodeJS.ProcessEnv): DockerConfig {
  const file = dockerConfigPath(env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  try {
    return JSON.parse(text) as DockerConfig;
  } catch (err) {
    throw new InfraError(
      `${file} is not valid JSON (the docker CLI's config; DOCKER_CONFIG names its folder): fix or remove it`,
      err instanceof Error ? err.message : String(err),
    );
  }
}

function fromEntry(server: string, entry: AuthEntry): RegistryAuth | undefined {
  let { username, password } = entry;
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  if (entry.identitytoken) return { identitytoken: entry.identitytoken, serveraddress: server };
  if (username && password !== undefined) return { username, password, serveraddress: server };
  return undefined;
}

/** Inline `auths` entries by server, in the shape the engine's build endpoint takes. */
export function parseDockerConfig(text: string): Record<string, RegistryAuth> {
  const config = JSON.parse(text) as DockerConfig;
  const out: Record<string, RegistryAuth> = {};
  for (const [server, entry] of Object.entries(config.auths ?? {})) {
    const auth = fromEntry(server, entry);
    if (auth) out[server] = auth;
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

/** The server name the CLI uses for a registry: Docker Hub's legacy URL, else the host. */
export function authServer(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_AUTH_KEY : registry;
}

/** Where the credentials for one registry come from, as the CLI decides. */
export type CredentialSource =
  | { kind: 'helper'; helper: string; server: string }
  | { kind: 'inline'; auth: RegistryAuth }
  | { kind: 'none' };

export function credentialSource(registry: string, config: DockerConfig): CredentialSource {
  const server = authServer(registry);
  const helpers = config.credHelpers ?? {};
  const helper =
    helpers[server] ?? Object.entries(helpers).find(([key]) => authKeyHost(key) === registry)?.[1];
  if (helper) return { kind: 'helper', helper, server };
  if (config.credsStore) return { kind: 'helper', helper: config.credsStore, server };
  const auths = config.auths ?? {};
  const entry = auths[server] ?? Object.entries(auths).find(([key]) => authKeyHost(key) === registry)?.[1];
  const auth = entry ? fromEntry(server, entry) : undefined;
  return auth ? { kind: 'inline', auth } : { kind: 'none' };
}

/** Credentials for a registry (undefined: pull anonymously), running a credential helper when one is named. */
export async function registryCredentials(
  registry: string,
  env: NodeJS.ProcessEnv,
  runProcess: RunProcess,
): Promise<RegistryAuth | undefined> {
  const source = credentialSource(registry, readDockerConfig(env));
  if (source.kind === 'none') return undefined;
  if (source.kind === 'inline') return source.auth;
  return runCredentialHelper(source.helper, source.server, env, runProcess);
}

/** `docker-credential-NAME get`: the server on stdin, {ServerURL, Username, Secret} on stdout. */
export async function runCredentialHelper(
  helper: string,
  server: string,
  env: NodeJS.ProcessEnv,
  runProcess: RunProcess,
): Promise<RegistryAuth | undefined> {
  const program = `docker-credential-${helper}`;
  const where = `the credential helper ${program} (named in ${dockerConfigPath(env)})`;
  let answered: { exitCode: number; stdout: string; stderr: string };
  try {
    answered = await runProcess(program, ['get'], { env, input: server, allowFailure: true });
  } catch (err) {
    if (err instanceof ProcessError && err.failure === 'not-started') {
      throw new InfraError(`${where} cannot be run: install it or fix credsStore/credHelpers`, err.message);
    }
    throw err;
  }
  const { exitCode, stdout, stderr } = answered;
  // The CLI's convention: "credentials not found" means log in first, so pull anonymously.
  if (/credentials not found/i.test(stdout) || /credentials not found/i.test(stderr)) return undefined;
  if (exitCode !== 0) {
    // stderr only: stdout is where a helper writes secrets.
    throw new InfraError(
      `${where} failed for ${server} (exit ${exitCode})`,
      stderr.trim().split('\n')[0]?.slice(0, 300) || undefined,
    );
  }
  let answer: { Username?: string; Secret?: string };
  try {
    answer = JSON.parse(stdout) as typeof answer;
  } catch {
    throw new InfraError(`${where} answered ${server} with something that is not JSON`);
  }
  if (!answer.Secret) return undefined;
  // A helper keeps an identity token (OAuth refresh token) under the user name "<token>".
  if (answer.Username === '<token>') return { identitytoken: answer.Secret, serveraddress: server };
  return { username: answer.Username ?? '', password: answer.Secret, serveraddress: server };
}
