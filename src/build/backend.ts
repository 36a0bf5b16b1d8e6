// Which builder builds the image. `auto` takes BuildKit when `docker buildx`
// answers (GitHub's hosted runners have it, and the engine calls the classic
// builder deprecated), else the engine's classic builder; the report says which
// ran and why.
import { describeError, InfraError } from '../model/errors.js';
import type { BuildBackend } from '../model/report.js';
import type { RunProcess } from '../process/run.js';

export type BackendChoice = 'auto' | BuildBackend;

export interface ResolvedBackend {
  backend: BuildBackend;
  reason: string;
}

/** What the classic builder was asked for by name (and what tests that build on its path pin). */
export const CLASSIC: ResolvedBackend = { backend: 'classic', reason: 'build-backend classic' };

/** `docker buildx version` answers at once; a slower one is not a builder to wait for. */
const VERSION_SECONDS = 30;

export async function resolveBackend(
  choice: BackendChoice,
  runProcess: RunProcess,
  env: NodeJS.ProcessEnv,
): Promise<ResolvedBackend> {
  if (choice === 'classic') return CLASSIC;
  const buildx = await buildxVersion(runProcess, env);
  if (buildx.ok)
    return { backend: 'buildkit', reason: `build-backend ${choice}: ${buildx.version} answered` };
  if (choice === 'buildkit') {
    throw new InfraError(
      'build-backend buildkit needs docker buildx, which did not answer: install the buildx plugin (scripts/ensure-buildx.sh does) or set build-backend classic',
      buildx.why,
    );
  }
  return { backend: 'classic', reason: `build-backend auto: docker buildx did not answer (${buildx.why})` };
}

async function buildxVersion(
  runProcess: RunProcess,
  env: NodeJS.ProcessEnv,
): Promise<{ ok: true; version: string } | { ok: false; why: string }> {
  try {
    const result = await runProcess('docker', ['buildx', 'version'], {
      env,
      timeoutSeconds: VERSION_SECONDS,
      keepBytes: 4096,
    });
    // `github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3`: its name and version.
    const [name = 'docker buildx', version = ''] = result.stdout.trim().split(/\s+/);
    return { ok: true, version: `${name.replace(/^github\.com\/docker\//, 'docker ')} ${version}`.trim() };
  } catch (err) {
    const { message, detail } = describeError(err);
    return { ok: false, why: (detail ?? message).split('\n').filter(Boolean).pop() ?? message };
  }
}

/** The builder `docker buildx build` uses: its driver (`docker` for the engine's own), its BuildKit and the platforms it can build for. */
export interface BuilderInfo {
  driver: string;
  platforms: string[];
  /** `v0.8+unknown` (Docker 20.10's built-in BuildKit), when buildx says. */
  buildkitVersion?: string;
}

export async function inspectBuilder(runProcess: RunProcess, env: NodeJS.ProcessEnv): Promise<BuilderInfo> {
  const result = await runProcess('docker', ['buildx', 'inspect'], {
    env,
    timeoutSeconds: VERSION_SECONDS,
    keepBytes: 16 * 1024,
  });
  return parseBuildxInspect(result.stdout);
}

/** `docker buildx inspect`'s text: `Driver: docker`, and its node's `Platforms: linux/amd64*, linux/386` (`*`: set by hand). */
export function parseBuildxInspect(text: string): BuilderInfo {
  const driver = /^Driver:\s*(\S+)/m.exec(text)?.[1] ?? 'unknown';
  const listed = /^Platforms:\s*(.*)$/m.exec(text)?.[1] ?? '';
  const platforms = listed
    .split(',')
    .map((p) => p.trim().replace(/\*$/, ''))
    .filter(Boolean);
  const buildkitVersion = /^BuildKit version:\s*(\S+)/m.exec(text)?.[1];
  return { driver, platforms, ...(buildkitVersion ? { buildkitVersion } : {}) };
}
