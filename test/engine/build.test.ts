// The walking skeleton against the real engine: the shipped slim image, the
// build stage's exit codes, and the engine left as it was found.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { shippedDockerfile, toolRoot } from '../../src/config/shipped.js';
import { runOnce } from '../../src/docker/containers.js';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { newRunId, runLabels } from '../../src/docker/labels.js';
import { removeVolume } from '../../src/docker/volumes.js';
import { engineState, expectEngineState } from './helpers.js';
import { SLIM_IMAGE, STANDIN_PYTHON, STANDIN_UV } from './images.js';
import { cli, readReport } from './run-cli.js';

const fixtures = path.join(toolRoot(), 'test', 'fixtures', 'build');
let engine: Engine;
let tmp: string;

beforeAll(async () => {
  engine = await connectEngine();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'wg-build-'));
});

/** One shell command in the slim image, as its configured user. */
async function inSlim(script: string, volumes?: Record<string, string>) {
  return runOnce(engine, {
    image: SLIM_IMAGE,
    cmd: ['sh', '-c', script],
    labels: runLabels(newRunId()),
    volumes,
  });
}

describe('the shipped slim image', () => {
  test('builds through the CLI on the stand-ins and reports its size and layers', async () => {
    const report = path.join(tmp, 'build.json');
    const run = await cli([
      'build',
      '--build-backend',
      'classic',
      '--build-arg',
      `PYTHON_IMAGE=${STANDIN_PYTHON}`,
      '--build-arg',
      `UV_IMAGE=${STANDIN_UV}`,
      '--tag',
      'worker-gate-test/slim-cli:latest',
      '--report',
      report,
    ]);
    expect(run.code, run.err).toBe(0);
    const r = readReport(report);
    expect(r.verdict).toBe('pass');
    expect(r.image?.user).toBe('worker');
    expect(r.image?.sizeBytes).toBeGreaterThan(50_000_000);
    const facts = await engine.images.inspect('worker-gate-test/slim-cli:latest');
    expect(r.image?.id).toBe(facts?.id);
    // The apt RUN is the largest layer the Dockerfile adds, and it points at its line.
    const aptLayer = r.image?.layers.find((l) => l.createdBy.includes('apt-get install'));
    expect(aptLayer?.dockerfileLine).toBeGreaterThan(0);
  });

  test('runs uv and uvx as the worker user', async () => {
    const run = await inSlim('id -un; uv --version; uvx --version');
    expect(run.exitCode, run.stderr).toBe(0);
    const [user, uv, uvx] = run.stdout.trim().split('\n');
    expect(user).toBe('worker');
    expect(uv).toMatch(/^uv \d+\.\d+\.\d+/);
    expect(uvx).toMatch(/^uvx \d+\.\d+\.\d+/);
  });

  test('has Python 3.12', async () => {
    const run = await inSlim('python3 --version');
    expect(run.stdout.trim()).toMatch(/^Python 3\.12\.\d+$/);
  });

  test('has neither ruff nor pytest', async () => {
    const run = await inSlim(
      'for t in ruff pytest; do command -v $t >/dev/null && echo "found $t"; done; echo done',
    );
    expect(run.stdout.trim()).toBe('done');
    const imports = await inSlim('python3 -c "import pytest" 2>&1; echo "exit $?"');
    expect(imports.stdout).toMatch(/No module named 'pytest'[\s\S]*exit 1/);
  });

  test('lets the worker write a fresh named volume mounted at its uv cache directory', async () => {
    const facts = await engine.images.inspect(SLIM_IMAGE);
    const cacheDir = facts?.env.UV_CACHE_DIR;
    expect(cacheDir).toBe('/home/worker/.cache/uv');
    const runId = newRunId();
    const volume = `${runId}-cache`;
    await engine.volumes.create(volume, runLabels(runId));
    try {
      const run = await inSlim(`touch ${cacheDir}/probe && rm ${cacheDir}/probe && echo writable`, {
        [volume]: cacheDir ?? '',
      });
      expect(run.stdout.trim(), run.stderr).toBe('writable');
    } finally {
      await removeVolume(engine, volume);
    }
  });
});

describe('build failures', () => {
  test('a failing RUN gives exit 1, names the instruction, shows its output and leaves no container', async () => {
    const slim = await engine.images.inspect(SLIM_IMAGE);
    const before = await engineState(engine);
    const report = path.join(tmp, 'failing.json');
    const dockerfile = path.join(fixtures, 'failing-run', 'Dockerfile');
    // The classic builder takes an image id as its base; BuildKit would look it up on Docker Hub.
    const run = await cli([
      'build',
      '--build-backend',
      'classic',
      '--dockerfile',
      dockerfile,
      '--build-arg',
      `BASE_IMAGE=${slim?.id}`,
      '--report',
      report,
    ]);
    expect(run.code, run.err).toBe(1);
    expect(run.err).toContain('Dockerfile:5 RUN echo "about to fail');
    expect(run.err).toContain("about to fail: the agent's tool is missing");
    const r = readReport(report);
    expect(r.verdict).toBe('fail');
    expect(r.failures[0]).toMatchObject({ gate: 'build', file: dockerfile, line: 5 });
    await expectEngineState(engine, before);
  });

  test('a missing Dockerfile gives exit 2 and names the path', async () => {
    const missing = path.join(tmp, 'nowhere', 'Dockerfile');
    const report = path.join(tmp, 'missing.json');
    const run = await cli(['build', '--dockerfile', missing, '--report', report]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(missing);
  });

  test('a FROM of an image that does not exist gives exit 2 and names it', async () => {
    const before = await engineState(engine);
    const report = path.join(tmp, 'missing-base.json');
    const files = {
      summary: path.join(tmp, 'missing-base.md'),
      junit: path.join(tmp, 'missing-base.xml'),
      html: path.join(tmp, 'missing-base.html'),
    };
    const run = await cli([
      'build',
      '--dockerfile',
      path.join(fixtures, 'missing-base', 'Dockerfile'),
      '--report',
      report,
      '--summary',
      files.summary,
      '--junit',
      files.junit,
      '--html',
      files.html,
    ]);
    expect(run.code, run.err).toBe(2);
    expect(run.err).toContain('worker-gate-test/no-such-base-image:1.0');
    const r = readReport(report);
    expect(r.verdict).toBe('error');
    expect(r.error?.message).toContain('worker-gate-test/no-such-base-image:1.0');
    // A run that errors after it started still writes every file it was asked for, with the cause.
    for (const file of Object.values(files))
      expect(readFileSync(file, 'utf8')).toContain('no-such-base-image');
    await expectEngineState(engine, before);
  });

  test('the build context honours .dockerignore', async () => {
    const slim = await engine.images.inspect(SLIM_IMAGE);
    const tag = 'worker-gate-test/ignored:latest';
    const run = await cli([
      'build',
      '--build-backend',
      'classic',
      '--dockerfile',
      path.join(fixtures, 'ignored', 'Dockerfile'),
      '--build-arg',
      `BASE_IMAGE=${slim?.id}`,
      '--tag',
      tag,
    ]);
    expect(run.code, run.err).toBe(0);
    const ls = await runOnce(engine, {
      image: tag,
      cmd: ['ls', '-A', '/ctx'],
      labels: runLabels(newRunId()),
    });
    expect(ls.stdout.split('\n').filter(Boolean).sort()).toEqual(['.dockerignore', 'Dockerfile', 'kept.txt']);
  });

  test('check names an image that the engine does not have, with exit 2', async () => {
    const run = await cli(['check', '--image', '127.0.0.1:1/worker-gate-test/not-there:0']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('worker-gate-test/not-there:0');
  });
});

test('the shipped Dockerfile is found next to the tool', () => {
  expect(shippedDockerfile()).toBe(path.join(toolRoot(), 'images', 'worker-base-common', 'Dockerfile'));
});
