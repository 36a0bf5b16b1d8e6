// Docker contexts as the docker CLI keeps them, and `matrix --engine` values
// (an endpoint or a context's name) resolved to the engines cells run on. The
// CLI's config folder is $DOCKER_CONFIG, else ~/.docker; a context is
// contexts/meta/<sha256 of its name>/meta.json (Name, Endpoints.docker.Host and
// SkipTLSVerify), its TLS material contexts/tls/<same sha256>/docker/*.pem.
// `default` is never stored: it is the environment's engine. With no DOCKER_HOST,
// the current context (DOCKER_CONTEXT, else config.json's currentContext) names
// the engine a command runs on, as for the docker CLI.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closest } from './closest.js';
import { engineEndpoint } from './engine-endpoint.js';
import type { Problem } from './validate.js';

export const DEFAULT_CONTEXT = 'default';
const ENDPOINT = /^(unix|tcp|https?|ssh):\/\//;
const TLS_FILES = ['ca.pem', 'cert.pem', 'key.pem'] as const;
// The variables a context's endpoint replaces: a context never inherits the environment's TLS.
const TLS_VARIABLES = ['DOCKER_TLS_VERIFY', 'DOCKER_TLS', 'DOCKER_CERT_PATH'] as const;

export interface DockerContext {
  name: string;
  host: string;
  skipTlsVerify: boolean;
  /** The folder holding ca.pem, cert.pem and key.pem, when the context has TLS material. */
  tlsDir?: string;
}

/** An engine a matrix cell runs on. */
export interface EngineTarget {
  /** The address the cell's report records. */
  endpoint: string;
  /** The Docker context that named it. */
  context?: string;
  /** Set over the cell's environment; undefined removes a variable. */
  env: Record<string, string | undefined>;
}

export function dockerConfigDir(env: NodeJS.ProcessEnv, home: string = os.homedir()): string {
  return env.DOCKER_CONFIG || path.join(home, '.docker');
}

const contextKey = (name: string): string => createHash('sha256').update(name).digest('hex');

/** Every stored context, by name; a meta.json that cannot be read is a problem naming it. */
export function readContexts(configDir: string): { contexts: DockerContext[]; problems: string[] } {
  const metaRoot = path.join(configDir, 'contexts', 'meta');
  const contexts: DockerContext[] = [];
  const problems: string[] = [];
  const keys = existsSync(metaRoot) ? readdirSync(metaRoot).sort() : [];
  for (const key of keys) {
    const file = path.join(metaRoot, key, 'meta.json');
    if (!existsSync(file)) continue;
    let meta: { Name?: unknown; Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } };
    try {
      meta = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      problems.push(
        `Docker context ${file} cannot be read: ${err instanceof Error ? err.message : String(err)}`,
      );
      continue;
    }
    const name = typeof meta.Name === 'string' ? meta.Name : undefined;
    const host = meta.Endpoints?.docker?.Host;
    if (!name || typeof host !== 'string' || host === '') {
      problems.push(
        `Docker context ${file} has no ${name ? 'Endpoints.docker.Host' : 'Name'}: fix it or remove it (docker context rm)`,
      );
      continue;
    }
    const tlsDir = path.join(configDir, 'contexts', 'tls', contextKey(name), 'docker');
    contexts.push({
      name,
      host,
      skipTlsVerify: meta.Endpoints?.docker?.SkipTLSVerify === true,
      ...(existsSync(tlsDir) ? { tlsDir } : {}),
    });
  }
  return { contexts: contexts.sort((a, b) => a.name.localeCompare(b.name)), problems };
}

/** An engine named by its endpoint, as DOCKER_HOST takes it. */
export const endpointTarget = (endpoint: string): EngineTarget => ({
  endpoint,
  env: { DOCKER_HOST: endpoint },
});

function contextTarget(context: DockerContext): EngineTarget | Problem {
  const env: Record<string, string | undefined> = Object.fromEntries(
    TLS_VARIABLES.map((v) => [v, undefined]),
  );
  env.DOCKER_HOST = context.host;
  if (context.tlsDir) {
    const dir = context.tlsDir;
    const missing = TLS_FILES.filter((file) => !existsSync(path.join(dir, file)));
    if (missing.length > 0) {
      return {
        message: `Docker context "${context.name}": ${dir} lacks ${missing.join(', ')} (worker-gate needs all of ${TLS_FILES.join(', ')}): recreate it with docker context create --docker "host=…,ca=…,cert=…,key=…"`,
        input: '--engine',
      };
    }
    env.DOCKER_CERT_PATH = dir;
    // DOCKER_TLS: TLS without checking the engine's certificate, as SkipTLSVerify asks.
    if (context.skipTlsVerify) env.DOCKER_TLS = '1';
    else env.DOCKER_TLS_VERIFY = '1';
  }
  return { endpoint: context.host, context: context.name, env };
}

/** Where the current context's name came from, as a message names it. */
interface CurrentContext {
  name: string;
  /** `DOCKER_CONTEXT`, or `currentContext in /home/u/.docker/config.json`. */
  from: string;
  input: string;
}

/** The docker CLI's current context when DOCKER_HOST is unset; undefined: `default`. */
function currentContext(env: NodeJS.ProcessEnv, configDir: string): CurrentContext | Problem | undefined {
  if (env.DOCKER_HOST) return undefined;
  if (env.DOCKER_CONTEXT) {
    return env.DOCKER_CONTEXT === DEFAULT_CONTEXT
      ? undefined
      : { name: env.DOCKER_CONTEXT, from: 'DOCKER_CONTEXT', input: 'DOCKER_CONTEXT' };
  }
  const file = path.join(configDir, 'config.json');
  if (!existsSync(file)) return undefined;
  let config: { currentContext?: unknown };
  try {
    config = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return {
      message: `${file} cannot be read (the docker CLI's config, for its currentContext): ${err instanceof Error ? err.message : String(err)}; fix it, or set DOCKER_HOST`,
      input: 'DOCKER_CONFIG',
    };
  }
  const name = config?.currentContext;
  if (typeof name !== 'string' || name === '' || name === DEFAULT_CONTEXT) return undefined;
  return { name, from: `currentContext in ${file}`, input: 'DOCKER_CONFIG' };
}

/**
 * The engine a command runs on when nothing names one (no `--engine`): none when
 * DOCKER_HOST is set or the current context is `default` (the environment's
 * engine), else the current context's, as the docker CLI picks it.
 */
export function currentEngine(
  env: NodeJS.ProcessEnv,
  configDir: string,
): { target?: EngineTarget; problems: Problem[] } {
  const current = currentContext(env, configDir);
  if (!current) return { problems: [] };
  if (!('name' in current)) return { problems: [current] };
  const stored = readContexts(configDir);
  const problems: Problem[] = stored.problems.map((message) => ({ message, input: current.input }));
  const context = stored.contexts.find((c) => c.name === current.name);
  if (!context) {
    const names = [DEFAULT_CONTEXT, ...stored.contexts.map((c) => c.name)];
    const near = closest(current.name, names);
    problems.push({
      message: `${current.from} names the Docker context "${current.name}", which is not in ${path.join(configDir, 'contexts')}${near ? ` (did you mean "${near}"?)` : ''}: its contexts are ${names.join(', ')}; pick one with docker context use, or set DOCKER_HOST`,
      input: current.input,
    });
    return { problems };
  }
  const target = contextTarget(context);
  if (!('endpoint' in target)) return { problems: [...problems, { ...target, input: current.input }] };
  return { target, problems };
}

export interface ResolvedEngines {
  targets: EngineTarget[];
  problems: Problem[];
  warnings: string[];
}

/**
 * `--engine` values (endpoints or context names, as spelled) and, with
 * `allContexts`, every context, `default` included: one target per endpoint.
 * Problems name the options as `options` spells them (the action: `engines`).
 */
export function resolveEngines(
  spelled: readonly string[],
  allContexts: boolean,
  where: { env: NodeJS.ProcessEnv; configDir: string },
  options: { engines: string; allContexts: string } = { engines: '--engine', allContexts: '--all-contexts' },
): ResolvedEngines {
  // Nothing named: the engine the docker CLI would use (DOCKER_HOST, else the current context).
  if (spelled.length === 0 && !allContexts) {
    const current = currentEngine(where.env, where.configDir);
    return { targets: current.target ? [current.target] : [], problems: current.problems, warnings: [] };
  }
  const needsContexts = allContexts || spelled.some((value) => !ENDPOINT.test(value));
  const stored = needsContexts ? readContexts(where.configDir) : { contexts: [], problems: [] };
  const readFor = spelled.every((value) => ENDPOINT.test(value)) ? options.allContexts : options.engines;
  const problems: Problem[] = stored.problems.map((message) => ({ message, input: readFor }));
  const byName = new Map(stored.contexts.map((c) => [c.name, c]));
  const names = [DEFAULT_CONTEXT, ...byName.keys()];
  const defaultTarget: EngineTarget = {
    endpoint: engineEndpoint(where.env),
    context: DEFAULT_CONTEXT,
    env: {},
  };

  const candidates: EngineTarget[] = [];
  const add = (target: EngineTarget | Problem) => {
    if ('endpoint' in target) candidates.push(target);
    else problems.push(target);
  };
  for (const value of spelled) {
    if (ENDPOINT.test(value)) add(endpointTarget(value));
    else if (value === DEFAULT_CONTEXT) add(defaultTarget);
    else {
      const context = byName.get(value);
      if (context) add(contextTarget(context));
      else {
        const near = closest(value, names);
        problems.push({
          message: `${options.engines} "${value}" is neither an engine endpoint (unix://, tcp://, ssh://) nor a Docker context in ${path.join(where.configDir, 'contexts')}${near ? ` (did you mean "${near}"?)` : ''}: its contexts are ${names.join(', ')} (DOCKER_CONFIG names another folder)`,
          input: options.engines,
        });
      }
    }
  }
  if (allContexts) {
    add(defaultTarget);
    for (const context of byName.values()) add(contextTarget(context));
  }

  // One engine once, however many names it has.
  const targets: EngineTarget[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, EngineTarget>();
  const label = (t: EngineTarget) => (t.context ? `context "${t.context}"` : `"${t.endpoint}"`);
  for (const target of candidates) {
    const key = target.endpoint.replace(/\/+$/, '');
    const first = seen.get(key);
    if (!first) {
      seen.set(key, target);
      targets.push(target);
    } else if (first !== target && label(first) !== label(target)) {
      warnings.push(
        `${label(target)} names the same engine as ${label(first)} (${target.endpoint}): it counts once`,
      );
    }
  }
  return { targets, problems, warnings };
}

/** The environment a cell on `target` runs in. */
export function targetEnv(env: NodeJS.ProcessEnv, target: EngineTarget): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...env };
  for (const [name, value] of Object.entries(target.env)) {
    if (value === undefined) delete result[name];
    else result[name] = value;
  }
  return result;
}
