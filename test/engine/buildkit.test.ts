// Builds through BuildKit (`docker buildx build --load`), on this engine's
// built-in BuildKit: what only BuildKit builds, a failing step named by its
// line, cache hits per step, the shipped image built both ways, and what
// neither builder here can read. Small builds on the stand-in base.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { toolRoot } from '../../src/config/shipped.js';
import { runOnce } from '../../src/docker/containers.js';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { newRunId, runLabels } from '../../src/docker/labels.js';
import { instructionKeyword } from '../../src/model/layers/history.js';
import type { Report } from '../../src/model/report.js';
import { engineState, expectEngineState, rawDocker } from './helpers.js';
import { STANDIN_PYTHON, STANDIN_UV } from './images.js';
import {
  assertRegistryAnswers,
  REGISTRY,
  REGISTRY_AUTH,
  REGISTRY_PASSWORD,
  REGISTRY_USER,
} from './registry.js';
import { cli, readReport } from './run-cli.js';

const fixtures = path.join(toolRoot(), 'test', 'fixtures', 'build');
const SYNTAX = path.join(fixtures, 'buildkit-syntax', 'Dockerfile');
let engine: Engine;
let tmp: string;

beforeAll(async () => {
  engine = await connectEngine();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'wg-buildkit-'));
});

async function build(name: string, args: string[]): Promise<{ code: number; err: string; report: Report }> {
  const file = path.join(tmp, `${name}.json`);
  const run = await cli(['build', ...args, '--report', file]);
  return { code: run.code, err: run.err, report: readReport(file) };
}

describe('RUN --mount and multi-stage COPY --from', () => {
  const tag = 'worker-gate-test/buildkit-syntax:latest';
  let first: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    first = await build('syntax', [
      '--dockerfile',
      SYNTAX,
      '--build-arg',
      `BASE_IMAGE=${STANDIN_PYTHON}`,
      '--tag',
      tag,
    ]);
  });

  test('auto builds with BuildKit here, and the report says which builder and why', () => {
    expect(first.code, first.err).toBe(0);
    expect(first.report.build).toMatchObject({ backend: 'buildkit' });
    expect(first.report.build?.backendReason).toMatch(/^build-backend auto: docker buildx \S+ answered$/);
  });

  test('the cache mount worked in the RUN and stayed out of the layer', async () => {
    const ls = await runOnce(engine, {
      image: tag,
      cmd: ['sh', '-c', 'cat /uv-cache-listing; ls -A /root/.cache/uv 2>/dev/null | wc -l'],
      labels: runLabels(newRunId()),
    });
    expect(ls.stdout.split('\n').filter(Boolean)).toEqual(['marker', '0']);
  });

  test("every layer of BuildKit's history has its Dockerfile line: the RUN --mount, the COPY --from", () => {
    const layers = first.report.image?.layers ?? [];
    const lineOf = (keyword: string) => layers.find((l) => instructionKeyword(l.createdBy) === keyword);
    expect(lineOf('RUN')?.createdBy).toMatch(/# buildkit$/);
    expect(lineOf('RUN')?.dockerfileLine).toBe(8);
    expect(lineOf('COPY')?.dockerfileLine).toBe(10);
    expect(lineOf('COPY')?.sizeBytes).toBeGreaterThanOrEqual(300_000);
    expect(lineOf('ENV')?.dockerfileLine).toBe(11);
  });

  test('its steps carry their lines, times, and cache hits when built again', async () => {
    const steps = first.report.build?.steps ?? [];
    expect(steps.map((s) => s.dockerfileLine)).toEqual(expect.arrayContaining([4, 5, 8, 10]));
    const again = await build('syntax-again', [
      '--dockerfile',
      SYNTAX,
      '--build-arg',
      `BASE_IMAGE=${STANDIN_PYTHON}`,
      '--tag',
      tag,
    ]);
    expect(again.code, again.err).toBe(0);
    const ran = (again.report.build?.steps ?? []).filter((s) => s.dockerfileLine !== 4);
    expect(ran.map((s) => [s.dockerfileLine, s.cached])).toEqual(
      expect.arrayContaining([
        [5, true],
        [8, true],
        [10, true],
      ]),
    );
  });

  test('the classic builder refuses the RUN --mount before building, naming its line and the remedy', async () => {
    const run = await cli([
      'build',
      '--build-backend',
      'classic',
      '--dockerfile',
      SYNTAX,
      '--build-arg',
      `BASE_IMAGE=${STANDIN_PYTHON}`,
    ]);
    expect(run.code, run.err).toBe(2);
    expect(run.err).toMatch(
      /Dockerfile:8 RUN --mount=type=cache,target=\/root\/\.cache\/uv: the classic builder cannot run it; build with BuildKit/,
    );
  });
});

test('a failing RUN under BuildKit gives exit 1, names its line and shows its output', async () => {
  const before = await engineState(engine);
  const dockerfile = path.join(fixtures, 'failing-run', 'Dockerfile');
  const run = await build('failing', [
    '--build-backend',
    'buildkit',
    '--dockerfile',
    dockerfile,
    '--build-arg',
    `BASE_IMAGE=${STANDIN_PYTHON}`,
  ]);
  expect(run.code, run.err).toBe(1);
  expect(run.err).toContain('Dockerfile:5 RUN echo "about to fail');
  expect(run.err).toContain("about to fail: the agent's tool is missing");
  expect(run.report.failures[0]).toMatchObject({ gate: 'build', file: dockerfile, line: 5 });
  expect(run.report.build?.backend).toBe('buildkit');
  expect(run.report.build?.steps.some((s) => s.dockerfileLine === 4)).toBe(true);
  await expectEngineState(engine, before);
});

describe('a build secret', () => {
  const SECRET_FILE = path.join(fixtures, 'buildkit-secret', 'Dockerfile');
  const token = `wg-tok-${newRunId()}`;
  const tag = 'worker-gate-test/buildkit-secret:latest';

  test('reaches the RUN, and appears in no log, report, output file or layer', async () => {
    const report = path.join(tmp, 'secret.json');
    const html = path.join(tmp, 'secret.html');
    const summary = path.join(tmp, 'secret.md');
    const run = await cli(
      [
        'build',
        '--dockerfile',
        SECRET_FILE,
        '--build-arg',
        `BASE_IMAGE=${STANDIN_PYTHON}`,
        '--secret',
        'id=index_token,env=WG_TEST_INDEX_TOKEN',
        '--no-build-cache',
        '--tag',
        tag,
        '--report',
        report,
        '--html',
        html,
        '--summary',
        summary,
      ],
      { env: { ...process.env, WG_TEST_INDEX_TOKEN: token } },
    );
    expect(run.code, run.err).toBe(0);
    // The step printed it: the log shows the line, redacted.
    expect(run.err).toContain('the token is ');
    const hash = await runOnce(engine, {
      image: tag,
      cmd: ['cat', '/token.sha256'],
      labels: runLabels(newRunId()),
    });
    expect(hash.stdout.trim()).toBe(createHash('sha256').update(token).digest('hex'));
    for (const text of [
      run.out,
      run.err,
      readFileSync(report, 'utf8'),
      readFileSync(html, 'utf8'),
      readFileSync(summary, 'utf8'),
    ]) {
      expect(text).not.toContain(token);
    }
    const saved = await engine.images.export(tag);
    const chunks: Buffer[] = [];
    for await (const chunk of saved) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).includes(token)).toBe(false);
  });

  test('is refused under the classic builder, and in its raw NAME=VALUE form, with exit 2 and no value shown', async () => {
    const classic = await cli(
      [
        'build',
        '--build-backend',
        'classic',
        '--dockerfile',
        SECRET_FILE,
        '--secret',
        'id=index_token,env=WG_TEST_INDEX_TOKEN',
      ],
      { env: { ...process.env, WG_TEST_INDEX_TOKEN: token } },
    );
    expect(classic.code, classic.err).toBe(2);
    expect(classic.err).toContain(
      '--secret needs BuildKit, which the classic builder is not (build-backend classic): install docker buildx, or set --build-backend buildkit',
    );
    const raw = await cli(['build', '--dockerfile', SECRET_FILE, '--secret', `INDEX_TOKEN=${token}`]);
    expect(raw.code).toBe(2);
    expect(raw.err).toContain('id=NAME,src=FILE or id=NAME,env=VARIABLE');
    expect(raw.err).not.toContain(token);
  });
});

test("target builds the named stage, and its layers map to that stage's lines", async () => {
  const run = await build('target', [
    '--dockerfile',
    SYNTAX,
    '--build-arg',
    `BASE_IMAGE=${STANDIN_PYTHON}`,
    '--target',
    'tools',
    '--tag',
    'worker-gate-test/buildkit-target:latest',
  ]);
  expect(run.code, run.err).toBe(0);
  const layers = run.report.image?.layers ?? [];
  expect(layers.find((l) => instructionKeyword(l.createdBy) === 'RUN')?.dockerfileLine).toBe(5);
  expect(layers.some((l) => instructionKeyword(l.createdBy) === 'COPY')).toBe(false);
  expect(run.report.build?.steps.some((s) => s.dockerfileLine === 8)).toBe(false);
});

describe('a cache in the loopback registry', () => {
  // The docker CLI reads credentials and its plugins from DOCKER_CONFIG: a folder of the test's own with both.
  function dockerConfig(): string {
    const dir = mkdtempSync(path.join(tmp, 'docker-config-'));
    const auth = Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString('base64');
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { [REGISTRY]: { auth } } }));
    symlinkSync(path.join(os.homedir(), '.docker', 'cli-plugins'), path.join(dir, 'cli-plugins'));
    return dir;
  }

  test('cache-to type=inline, pushed; the build cache pruned; cache-from type=registry gives its steps from the cache', async () => {
    await assertRegistryAnswers();
    const env = { ...process.env, DOCKER_CONFIG: dockerConfig() };
    const dir = mkdtempSync(path.join(tmp, 'cache-'));
    const nonce = newRunId();
    writeFileSync(
      path.join(dir, 'Dockerfile'),
      `FROM ${STANDIN_PYTHON}\nRUN echo ${nonce} > /nonce && head -c 200000 /dev/urandom > /blob\nRUN echo second > /second\n`,
    );
    const ref = `${REGISTRY}/worker-gate-test/buildkit-cache:${nonce}`;
    const built = await cli(
      ['build', '--dockerfile', path.join(dir, 'Dockerfile'), '--cache-to', 'type=inline', '--tag', ref],
      { env },
    );
    expect(built.code, built.err).toBe(0);
    const docker = rawDocker();
    try {
      const push = await docker.getImage(ref).push({ authconfig: REGISTRY_AUTH });
      await new Promise((resolve, reject) =>
        docker.modem.followProgress(push, (err) => (err ? reject(err) : resolve(undefined))),
      );
      await docker.getImage(ref).remove();
      execFileSync('docker', ['builder', 'prune', '-af'], { env, stdio: 'ignore' });
      const file = path.join(tmp, 'from-cache.json');
      const again = await cli(
        [
          'build',
          '--dockerfile',
          path.join(dir, 'Dockerfile'),
          '--cache-from',
          `type=registry,ref=${ref}`,
          '--tag',
          `worker-gate-test/buildkit-cache:${nonce}`,
          '--report',
          file,
        ],
        { env },
      );
      expect(again.code, again.err).toBe(0);
      const steps = readReport(file).build?.steps ?? [];
      expect(
        steps.filter((s) => s.dockerfileLine === 2 || s.dockerfileLine === 3).map((s) => s.cached),
      ).toEqual([true, true]);
    } finally {
      await docker
        .getImage(`worker-gate-test/buildkit-cache:${nonce}`)
        .remove()
        .catch(() => {});
      await docker
        .getImage(ref)
        .remove()
        .catch(() => {});
    }
  });

  test("a cache export the engine's own builder cannot write is refused with exit 2, naming its driver", async () => {
    const run = await cli([
      'build',
      '--dockerfile',
      SYNTAX,
      '--cache-to',
      `type=registry,ref=${REGISTRY}/worker-gate-test/c:1`,
    ]);
    expect(run.code, run.err).toBe(2);
    expect(run.err).toContain(
      "the builder's driver, docker, cannot export a registry cache (only type=inline)",
    );
  });
});

// This engine's built-in BuildKit (v0.8, Docker 20.10) has no named contexts: measured, and refused before the build.
test('a named build context on an engine whose BuildKit lacks them, and on the classic builder: exit 2 naming --build-context', async () => {
  const dir = mkdtempSync(path.join(tmp, 'contexts-'));
  const extra = mkdtempSync(path.join(tmp, 'extra-'));
  writeFileSync(path.join(extra, 'note.txt'), 'from the named context\n');
  writeFileSync(
    path.join(dir, 'Dockerfile'),
    `FROM ${STANDIN_PYTHON}\nCOPY --from=extra note.txt /note.txt\n`,
  );
  const args = ['build', '--dockerfile', path.join(dir, 'Dockerfile'), '--build-context', `extra=${extra}`];
  const run = await cli([...args, '--build-backend', 'buildkit']);
  expect(run.code, run.err).toBe(2);
  expect(run.err).toMatch(
    /--build-context needs BuildKit 0\.10 or later \(Dockerfile frontend 1\.4; Docker 23 or later\), and this engine's builder runs BuildKit v0\.8\S*: leave --build-context out/,
  );
  expect(run.err).not.toContain('docker buildx build');
  const classic = await cli([...args, '--build-backend', 'classic']);
  expect(classic.code).toBe(2);
  expect(classic.err).toContain('--build-context needs BuildKit');
});

test('a heredoc is refused under both builders, naming its line', async () => {
  const dir = mkdtempSync(path.join(tmp, 'heredoc-'));
  const dockerfile = path.join(dir, 'Dockerfile');
  writeFileSync(dockerfile, `FROM ${STANDIN_PYTHON}\nRUN <<EOS\necho one\necho two\nEOS\n`);
  for (const backend of ['classic', 'buildkit']) {
    const run = await cli(['build', '--build-backend', backend, '--dockerfile', dockerfile]);
    expect(run.code, `${backend}: ${run.err}`).toBe(2);
    expect(run.err).toMatch(
      /Dockerfile:2 RUN <<EOS: neither the classic builder nor the Dockerfile frontend/,
    );
  }
});

test('the shipped image built both ways gives the same contract verdict and the same layer-to-line mapping', async () => {
  const verify = async (backend: string) => {
    const file = path.join(tmp, `shipped-${backend}.json`);
    const run = await cli([
      'verify',
      '--skip-e2e',
      '--build-backend',
      backend,
      '--build-arg',
      `PYTHON_IMAGE=${STANDIN_PYTHON}`,
      '--build-arg',
      `UV_IMAGE=${STANDIN_UV}`,
      '--tag',
      `worker-gate-test/shipped-${backend}:latest`,
      '--report',
      file,
    ]);
    return { code: run.code, report: readReport(file) };
  };
  const classic = await verify('classic');
  const buildkit = await verify('buildkit');
  expect(buildkit.report.build?.backend).toBe('buildkit');
  expect(buildkit.code).toBe(classic.code);
  expect(buildkit.report.verdict).toBe(classic.report.verdict);
  const statuses = (r: Report) => r.checks.map((c) => `${c.id}: ${c.status}`);
  expect(statuses(buildkit.report)).toEqual(statuses(classic.report));
  const mapping = (r: Report) =>
    (r.image?.layers ?? []).map(
      (l) => `${instructionKeyword(l.createdBy) ?? '-'}@${l.dockerfileLine ?? '-'}`,
    );
  expect(mapping(buildkit.report)).toEqual(mapping(classic.report));
  expect(mapping(buildkit.report).filter((m) => !m.endsWith('@-')).length).toBeGreaterThanOrEqual(5);
});
