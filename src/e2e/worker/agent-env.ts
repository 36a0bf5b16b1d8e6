// The environment a phase runs in, as the worker manager starts agents: the
// image's own environment, worker-gate's variables (host index/proxy/CA settings,
// git identity, UV_CACHE_DIR), then the user's --env, and without every
// --unset-env name. Docker can add variables to an exec but cannot remove the
// image's, so removed names are dropped by `env -u` in front of every command:
// unset means absent, not empty.
import { uvCacheDir } from '../../model/uv-cache-dir.js';

export interface AgentEnvOptions {
  env: Readonly<Record<string, string>>;
  unsetEnv: readonly string[];
}

export function withoutNames(
  env: Readonly<Record<string, string>>,
  names: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = { ...env };
  for (const name of names) delete out[name];
  return out;
}

/** Variables the workers are created with: worker-gate's own, then --env, without the --unset-env names. */
export function workerVariables(
  own: Readonly<Record<string, string>>,
  opts: AgentEnvOptions,
): Record<string, string> {
  return withoutNames({ ...own, ...opts.env }, opts.unsetEnv);
}

/** The command with the removed variables dropped from its environment first. */
export function withoutVariables(cmd: readonly string[], unset: readonly string[]): string[] {
  if (unset.length === 0) return [...cmd];
  return ['env', ...unset.flatMap((name) => ['-u', name]), '--', ...cmd];
}

/**
 * The uv cache folder the phases' uv uses (uv's rule: uv-cache-dir.ts), in the image's
 * environment as --env and --unset-env change it. `home` is asked for only when nothing
 * else decides.
 */
export async function agentCacheDir(
  imageEnv: Readonly<Record<string, string>>,
  opts: AgentEnvOptions,
  home: () => Promise<string>,
): Promise<string> {
  const env = withoutNames({ ...imageEnv, ...opts.env }, opts.unsetEnv);
  return (uvCacheDir(env) ?? uvCacheDir(env, env.HOME || (await home()))).path;
}
