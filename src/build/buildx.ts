// One BuildKit build, the way users and the Actions toolkit build: `docker
// buildx build --load` run through the run's process runner (its abort, its
// redactor) with the run's environment, so DOCKER_HOST and friends send the
// build to the run's engine. Its progress (`--progress rawjson`, on stderr) is
// read as it streams: the live log, then every step with its time and cache hit.
import { type BuildSecret, secretText } from '../config/build-secret.js';
import type { RunProcess } from '../process/run.js';
import { BuildkitProgress, type BuildkitVertex } from './buildkit-progress.js';

/** What the user asks of a build besides its Dockerfile: BuildKit takes all of it, the classic builder a part. */
export interface BuildOptions {
  target?: string;
  /** false: every step is built again (`--no-cache`). */
  cache: boolean;
  pull: boolean;
  secrets: readonly BuildSecret[];
  cacheFrom: readonly string[];
  cacheTo: readonly string[];
  buildContexts: Readonly<Record<string, string>>;
  ssh: readonly string[];
  platform?: string;
}

export interface BuildxRequest extends BuildOptions {
  dockerfile: string;
  context: string;
  tag: string;
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
}

export interface BuildxOutcome {
  exitCode: number;
  vertices: BuildkitVertex[];
  /** buildx's own lines between the progress objects (its closing `ERROR: …`). */
  messages: string[];
}

/** A build has no engine-timeout (a big image takes long), but no wait goes without a deadline. */
const BUILD_SECONDS = 4 * 3600;

/** The command line of a build, without `docker`: what the user would type. */
export function buildxArgs(req: BuildxRequest): string[] {
  const args = [
    'buildx',
    'build',
    '--load',
    '--progress',
    'rawjson',
    '--file',
    req.dockerfile,
    '--tag',
    req.tag,
  ];
  for (const [key, value] of Object.entries(req.buildArgs)) args.push('--build-arg', `${key}=${value}`);
  for (const [key, value] of Object.entries(req.labels)) args.push('--label', `${key}=${value}`);
  if (req.target) args.push('--target', req.target);
  if (!req.cache) args.push('--no-cache');
  if (req.pull) args.push('--pull');
  for (const secret of req.secrets) args.push('--secret', secretText(secret));
  // type=gha takes its url and token from ACTIONS_CACHE_URL and ACTIONS_RUNTIME_TOKEN in buildx's environment.
  for (const cache of req.cacheFrom) args.push('--cache-from', cache);
  for (const cache of req.cacheTo) args.push('--cache-to', cache);
  for (const [name, source] of Object.entries(req.buildContexts))
    args.push('--build-context', `${name}=${source}`);
  for (const ssh of req.ssh) args.push('--ssh', ssh);
  if (req.platform) args.push('--platform', req.platform);
  args.push(req.context);
  return args;
}

export async function runBuildx(
  req: BuildxRequest,
  deps: { runProcess: RunProcess; env: NodeJS.ProcessEnv; onLine: (line: string) => void },
): Promise<BuildxOutcome> {
  const progress = new BuildkitProgress(deps.onLine);
  const result = await deps.runProcess('docker', buildxArgs(req), {
    env: deps.env,
    timeoutSeconds: BUILD_SECONDS,
    allowFailure: true,
    keepBytes: 64 * 1024,
    onStderr: (chunk) => progress.push(chunk),
  });
  progress.end();
  return { exitCode: result.exitCode, vertices: progress.all(), messages: progress.messages };
}
