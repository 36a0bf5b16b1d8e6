// All runtime probes of an image in one container start: the container idles
// as the image's user (a shell blocked reading its open stdin), and the two
// views run as execs in it, side by side: the image's user, then root. The
// user's view tells what uv's cache folder rule needs (its variables, HOME);
// the folder it resolves is looked at in one more exec while root's view runs.
import { removeContainer } from '../docker/containers.js';
import type { Container, ContainerSpec, Engine } from '../docker/engine-api.js';
import { runLabels } from '../docker/labels.js';
import { confinement, type Limits } from '../docker/limits.js';
import { InfraError } from '../model/errors.js';
import type { ProbeViews, ViewOutput } from '../model/facts/contract.js';
import { uvCacheDir } from '../model/uv-cache-dir.js';
import { parseViewOutput } from './probe-output.js';
import { type ProbeFragment, probeCommand, viewCommand } from './probe-script.js';

export const PROBE_TIMEOUT_MS = 120_000;

/**
 * What every contract container shares: the run label, a worker's confinement (the image is
 * untrusted code too), no network (probes need none, and start faster).
 */
function probeContainerSpec(imageRef: string, runId: string, limits: Limits): ContainerSpec {
  return {
    image: imageRef,
    labels: runLabels(runId),
    hostConfig: { ...confinement(limits), NetworkMode: 'none' },
  };
}

async function startIdle(
  engine: Engine,
  imageRef: string,
  runId: string,
  limits: Limits,
): Promise<Container> {
  let container: Container | undefined;
  try {
    // No User: the container runs as the image's own user, as a worker does.
    container = await engine.containers.create({
      ...probeContainerSpec(imageRef, runId, limits),
      entrypoint: ['/bin/sh', '-c', 'read -r _ || :'],
      cmd: [],
      openStdin: true,
    });
    await container.start();
    return container;
  } catch (err) {
    if (container) await removeContainer(container);
    throw new InfraError(
      `cannot start a probe container from ${imageRef} (it needs /bin/sh and a user that exists in the image)`,
      err instanceof Error ? err.message : String(err),
    );
  }
}

async function runView(container: Container, view: 'user' | 'root', command: string[]): Promise<ViewOutput> {
  const opts = view === 'root' ? { user: '0:0' } : {};
  const result = await container.exec(command, opts);
  const parsed = parseViewOutput(result.output);
  if (!parsed.complete) {
    throw new InfraError(
      `the contract probe (${view === 'root' ? 'as root' : "as the image's user"}) stopped before its end (exit ${result.exitCode})`,
      result.output.slice(-2000),
    );
  }
  return parsed;
}

/** The user's view with the state of the uv cache folder its variables and HOME resolve to. */
async function withCacheDir(container: Container, view: ViewOutput): Promise<ViewOutput> {
  if (!view.identity) return view;
  const dir = uvCacheDir(view.env, view.identity.home).path;
  const { cacheDir } = await runView(container, 'user', probeCommand(['cache-dir', dir]));
  return cacheDir ? { ...view, cacheDir } : view;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InfraError(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Run the user's and root's fragments in one container; the container is removed pass or fail. */
export async function runProbes(
  engine: Engine,
  imageRef: string,
  runId: string,
  fragments: readonly ProbeFragment[],
  limits: Limits,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<ProbeViews> {
  const container = await startIdle(engine, imageRef, runId, limits);
  try {
    const userCommand = viewCommand(fragments.filter((f) => f.view === 'user'));
    const rootCommand = viewCommand(fragments.filter((f) => f.view === 'root'));
    const [user, root] = await withTimeout(
      Promise.all([
        runView(container, 'user', userCommand).then((view) => withCacheDir(container, view)),
        runView(container, 'root', rootCommand),
      ]),
      timeoutMs,
      `the contract probes in ${imageRef}`,
    );
    return { user, root };
  } finally {
    await removeContainer(container);
  }
}
