// BuildKit builds as the action runs them, where only a hosted runner can show
// the real thing. A `type=gha` cache: the runner's cache variables reach buildx,
// and its token, which the runner gives every JavaScript action, is hidden from
// the build's output, the log and the report. And buildx's own refusal of named
// contexts, when it did not say which BuildKit its builder runs. The engine is
// the fake one; `docker` is a stand-in script on PATH that records what it was
// given and prints BuildKit's rawjson progress (by default, a step that echoes
// the token).
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import { toolRoot } from '../../src/config/shipped.js';
import { connectTo } from '../../src/docker/engine.js';
import { CHECKS } from '../../src/judge/registry.js';
import type { Log } from '../../src/model/log.js';
import { exitCodeOf } from '../../src/model/report-building.js';
import { runPipeline } from '../../src/pipeline.js';
import { FakeEngine, fakeImage } from './docker/fake-engine.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wg-pipeline-buildx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.runtime-token-of-this-job';
const RUNNER = {
  ACTIONS_RUNTIME_TOKEN: TOKEN,
  ACTIONS_CACHE_URL: 'https://artifactcache.actions.example/abc/',
  ACTIONS_RESULTS_URL: 'https://results-receiver.actions.example/',
};

/** BuildKit's rawjson progress of a RUN that prints the token and fails. */
function progress(): string {
  const vertex = {
    digest: 'sha256:run',
    name: '[2/2] RUN env | grep ACTIONS_',
    started: '2026-01-01T00:00:00Z',
    completed: '2026-01-01T00:00:01Z',
    error: `process "/bin/sh -c env" did not complete successfully: exit code: 1 (${TOKEN})`,
  };
  const log = {
    vertex: 'sha256:run',
    data: Buffer.from(`ACTIONS_RUNTIME_TOKEN=${TOKEN}\n`).toString('base64'),
  };
  return `${JSON.stringify({ vertexes: [vertex] }, null, 2)}\n${JSON.stringify({ logs: [log] })}\nERROR: failed to solve: exit code: 1\n`;
}

/** `docker` for this test: buildx answers, its builder's driver is $WG_FAKE_DRIVER, and a build records its arguments and environment and prints $WG_FAKE_PROGRESS (default: the token's step). */
function fakeDocker(): { bin: string; calls: string } {
  const bin = path.join(dir, 'bin');
  const calls = path.join(dir, 'docker-calls');
  const progressFile = path.join(dir, 'progress.json');
  writeFileSync(progressFile, progress());
  writeFileSync(path.join(dir, 'Dockerfile'), 'FROM base:1\nRUN env | grep ACTIONS_\n');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    path.join(bin, 'docker'),
    [
      '#!/bin/sh',
      'case "$1 $2" in',
      '"buildx version") echo "github.com/docker/buildx 0.13.1 fake" ;;',
      '"buildx inspect") printf "Name: b\\nDriver: %s\\n" "$WG_FAKE_DRIVER" ;;',
      '"buildx build")',
      `  { echo "ARGS $*"; env | grep '^ACTIONS_' | sort; } > '${calls}'`,
      `  cat "\${WG_FAKE_PROGRESS:-${progressFile}}" >&2`,
      '  exit 1 ;;',
      '*) echo "unexpected: docker $*" >&2; exit 2 ;;',
      'esac',
      '',
    ].join('\n'),
  );
  chmodSync(path.join(bin, 'docker'), 0o755);
  return { bin, calls };
}

/** The action's build with these caches, on a builder of this driver: its report, its log, and what docker buildx build was given (undefined: never started). */
async function actionBuild(
  driver: string,
  options: { 'cache-from'?: string[]; 'cache-to'?: string[]; 'build-contexts'?: string[] },
  fakeEnv: Record<string, string> = {},
) {
  const docker = fakeDocker();
  rmSync(docker.calls, { force: true });
  const env = { PATH: `${docker.bin}:/usr/bin:/bin`, WG_FAKE_DRIVER: driver, ...RUNNER, ...fakeEnv };
  const config = resolveConfig({
    frontDoor: 'action',
    checks: CHECKS,
    command: 'build',
    overrides: {
      dockerfile: path.join(dir, 'Dockerfile'),
      context: dir,
      'build-backend': 'buildkit',
      ...options,
    },
    env,
    cwd: dir,
    assetsDir: toolRoot(),
    readFile: (file) => {
      throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    },
  });
  const lines: string[] = [];
  const log: Log = {
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    group: (title, fn) => {
      lines.push(title);
      return fn();
    },
    detail: (line) => lines.push(line),
  };
  const fake = new FakeEngine({ images: [fakeImage('sha256:base')] }).tag('base:1', 'sha256:base');
  const report = await runPipeline('build', config, {
    log,
    runId: 'wg-gha1-abcdef',
    env,
    connect: (options) => connectTo(fake, options),
  });
  const recorded = existsSync(docker.calls) ? readFileSync(docker.calls, 'utf8') : undefined;
  return { report, lines, recorded };
}

test('type=gha in the action: the runner variables reach buildx, and the token is masked in the build output, the log and the report', async () => {
  const { report, lines, recorded } = await actionBuild('docker-container', {
    'cache-from': ['type=gha'],
    'cache-to': ['type=gha,mode=max'],
  });
  expect(recorded).toContain('--cache-from type=gha --cache-to type=gha,mode=max');
  for (const [name, value] of Object.entries(RUNNER)) expect(recorded).toContain(`${name}=${value}`);

  // The step printed it, and the failure quotes the step: both are there, masked.
  expect(lines).toContain('#1 ACTIONS_RUNTIME_TOKEN=***');
  expect(report.failures[0]?.message).toContain('ACTIONS_RUNTIME_TOKEN=***');
  expect(report.failures[0]?.message).toContain('exit code: 1 (***)');
  expect(lines.join('\n')).not.toContain(TOKEN);
  expect(JSON.stringify(report)).not.toContain(TOKEN);
});

test("on the engine's own builder (the docker driver), cache-to type=gha and type=local are refused together before the build, exit 2, naming the input and the driver", async () => {
  const { report, recorded } = await actionBuild('docker', {
    'cache-to': ['type=gha,mode=max', 'type=local,dest=/tmp/cache'],
  });
  expect(exitCodeOf(report)).toBe(2);
  expect([report.error?.message, ...(report.error?.detail?.split('\n') ?? [])]).toEqual([
    "cache-to input type=gha,mode=max: the builder's driver, docker, cannot export a gha cache (only type=inline); create a builder that can (docker buildx create --use --driver docker-container) or write type=inline",
    "cache-to input type=local,dest=/tmp/cache: the builder's driver, docker, cannot export a local cache (only type=inline); create a builder that can (docker buildx create --use --driver docker-container) or write type=inline",
  ]);
  expect(recorded).toBeUndefined();
});

test("named contexts that buildx's builder refuses mid-build, when it named no BuildKit version: exit 2, naming the input as spelled", async () => {
  const refused = path.join(dir, 'contexts-refused.txt');
  writeFileSync(
    refused,
    'ERROR: failed to solve: rpc error: code = Unknown desc = failed to solve with frontend dockerfile.v0: unsupported frontend capability moby.buildkit.frontend.contexts\n',
  );
  const { report, recorded } = await actionBuild(
    'docker',
    { 'build-contexts': [`extra=${dir}`] },
    { WG_FAKE_PROGRESS: refused },
  );
  expect(recorded).toContain(`--build-context extra=${dir}`);
  expect(exitCodeOf(report)).toBe(2);
  expect(report.error?.message).toBe(
    "build-contexts input needs BuildKit 0.10 or later (Dockerfile frontend 1.4; Docker 23 or later), and the engine's built-in BuildKit is older: leave build-contexts input out (COPY --from a stage or an image instead), build on Docker 23 or later, or create a builder that reads them (docker buildx create --use --driver docker-container)",
  );
  expect(report.error?.detail).toContain('unsupported frontend capability moby.buildkit.frontend.contexts');
});
