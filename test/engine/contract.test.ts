// The image contract against the real engine: the shipped slim image passes
// with the defaults; images that break one rule fail that rule, with where and why.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toReportImage } from '../../src/build/image-info.js';
import { shippedDockerfile } from '../../src/config/shipped.js';
import { runContract } from '../../src/contract/contract.js';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { newRunId } from '../../src/docker/labels.js';
import { PullError } from '../../src/docker/pull.js';
import { probeNeeds } from '../../src/judge/draft.js';
import { GATES } from '../../src/judge/gates.js';
import { silentLog } from '../../src/model/log.js';
import { formatBytes } from '../../src/model/units.js';
import {
  buildFixture,
  contractOptions,
  engineState,
  expectEngineState,
  rawDocker,
  runContractChecked,
} from './helpers.js';
import { SLIM_IMAGE, STANDIN_UV, standinBuildArgs } from './images.js';
import { runProcess } from './run-process.js';

let engine: Engine;
const LATEST_UV = 'worker-gate-test/uv:latest';

function lineOf(text: string, start: string): number {
  const index = text.split('\n').findIndex((line) => line.startsWith(start));
  if (index < 0) throw new Error(`no line starting with ${start}`);
  return index + 1;
}

beforeAll(async () => {
  engine = await connectEngine();
  // The plan's Dockerfile copies from uv:latest: a local copy of the uv stand-in under that tag.
  await rawDocker().getImage(STANDIN_UV).tag({ repo: 'worker-gate-test/uv', tag: 'latest' });
});

afterAll(async () => {
  await engine.images.remove(LATEST_UV);
});

describe('the shipped slim image', () => {
  const dockerfile = {
    path: shippedDockerfile(),
    text: readFileSync(shippedDockerfile(), 'utf8'),
    buildArgs: standinBuildArgs,
  };

  test('passes every check with the defaults, and reports its Python and uv', async () => {
    const { result, report } = await runContractChecked(engine, SLIM_IMAGE, contractOptions(), dockerfile);
    expect(result.checks.filter((c) => c.check.status !== 'pass').map((c) => c.check)).toEqual([]);
    expect(result.checks.map((c) => c.check.id)).toEqual([
      'require:uv',
      'require:uvx',
      'require:git',
      'require:make',
      'require:python3',
      'forbid-command:ruff',
      'forbid-command:pytest',
      'forbid-command:py.test',
      'forbid-command:mypy',
      'forbid-command:xenon',
      'forbid-command:copier',
      'forbid-package:ruff',
      'forbid-package:xenon',
      'forbid-package:pytest',
      'forbid-package:pytest-cov',
      'forbid-package:mypy',
      'forbid-package:pyyaml',
      'forbid-package:jinja2',
      'forbid-package:copier',
      'non-root-user',
      'cache-dir-writable',
      'pinned-images',
    ]);
    expect(result.pythonVersion).toBe('3.12.1');
    expect(result.uvVersion).toBe('0.13.9');
    expect(result.checks.find((c) => c.check.id === 'require:uv')?.check.found).toEqual([
      { path: '/usr/local/bin/uv', version: '0.13.9' },
    ]);
    expect(report.verdict).toBe('pass');
  });

  test('a size budget below its size fails with both figures in the message', async () => {
    const facts = await engine.images.inspect(SLIM_IMAGE);
    if (!facts) throw new Error('no slim image');
    const budget = facts.sizeBytes - 1_000_000;
    const { byId, report } = await runContractChecked(
      engine,
      SLIM_IMAGE,
      contractOptions({ 'max-image-size': `${budget}B` }),
    );
    const check = byId.get('max-image-size')?.check;
    expect(check?.status).toBe('fail');
    expect(check?.detail).toContain(formatBytes(facts.sizeBytes, { exact: true }));
    expect(check?.detail).toContain(formatBytes(budget, { exact: true }));
    expect(report.failures.map((f) => f.gate)).toEqual(['max-image-size']);
  });

  test('a budget above its size passes', async () => {
    const { byId } = await runContractChecked(
      engine,
      SLIM_IMAGE,
      contractOptions({ 'max-image-size': '1GB' }),
    );
    expect(byId.get('max-image-size')?.check.status).toBe('pass');
  });

  test('a skipped check is not run', async () => {
    const { byId } = await runContractChecked(
      engine,
      SLIM_IMAGE,
      contractOptions({ 'skip-checks': ['cache-dir-writable', 'forbid-package', 'require:git'] }),
    );
    expect(
      [...byId.keys()].filter((id) => /^(cache-dir-writable|forbid-package:|require:git)/.test(id)),
    ).toEqual([]);
    expect(byId.has('require:uv')).toBe(true);
  });
});

describe('bad input found while probing', () => {
  test('a baseline image the engine does not have is bad input, and the probe containers are still removed', async () => {
    const facts = await engine.images.inspect(SLIM_IMAGE);
    if (!facts) throw new Error('no slim image');
    const before = await engineState(engine);
    const run = runContract(engine, {
      imageRef: SLIM_IMAGE,
      facts,
      layers: toReportImage(SLIM_IMAGE, facts).layers,
      config: contractOptions({ 'baseline-image': '127.0.0.1:1/worker-gate-test/no-such-baseline:1' }),
      needs: probeNeeds(
        contractOptions({ 'baseline-image': '127.0.0.1:1/worker-gate-test/no-such-baseline:1' }),
        GATES,
      ),
      runId: newRunId(),
      log: silentLog,
      runProcess,
    });
    await expect(run).rejects.toThrow(PullError);
    await expect(run).rejects.toThrow(
      /^baseline image 127\.0\.0\.1:1\/worker-gate-test\/no-such-baseline:1 is not in the engine \(--baseline-image \/ baseline-image\) and cannot be pulled/,
    );
    await expectEngineState(engine, before);
  });
});

describe('images that break one rule', () => {
  test('an image running as root fails non-root-user, pointing at its USER line', async () => {
    const fixture = await buildFixture(engine, 'root-user');
    const { byId } = await runContractChecked(engine, fixture.ref, contractOptions(), fixture.dockerfile);
    const entry = byId.get('non-root-user');
    expect(entry?.check.status).toBe('fail');
    expect(entry?.check.detail).toContain('uid 0');
    expect(entry?.annotate).toEqual({
      file: expect.stringMatching(/root-user\/Dockerfile$/),
      line: lineOf(fixture.dockerfile.text, 'USER root'),
    });
  });

  test('an image whose cache folder the worker cannot write fails cache-dir-writable, naming the layer that made it', async () => {
    const fixture = await buildFixture(engine, 'cache-unwritable');
    const { byId } = await runContractChecked(engine, fixture.ref, contractOptions(), fixture.dockerfile);
    const entry = byId.get('cache-dir-writable');
    expect(entry?.check.status).toBe('fail');
    expect(entry?.check.detail).toContain('cannot create a file in /opt/uv-cache');
    expect(entry?.check.detail).toContain('owned by uid 0:0');
    expect(entry?.check.detail).toContain('`RUN mkdir -p /opt/uv-cache`');
    expect(entry?.annotate?.line).toBe(lineOf(fixture.dockerfile.text, 'RUN mkdir -p /opt/uv-cache'));
    expect(byId.get('non-root-user')?.check.status).toBe('pass');
  });

  test('a Dockerfile that copies from an image tagged latest is reported, and fails when pins are required', async () => {
    const fixture = await buildFixture(engine, 'latest-copy');
    const line = lineOf(fixture.dockerfile.text, 'COPY --from=worker-gate-test/uv:latest');
    const warned = await runContractChecked(engine, fixture.ref, contractOptions(), fixture.dockerfile);
    const warn = warned.byId.get('pinned-images');
    expect(warn?.check.status).toBe('warn');
    expect(warn?.check.detail).toContain(`COPY --from ${LATEST_UV} at line ${line} has the tag latest`);
    expect(warn?.check.found).toEqual([
      { path: `${path.relative(process.cwd(), fixture.dockerfile.path)}:${line}` },
    ]);
    expect(warned.report.verdict).toBe('pass');

    const failed = await runContractChecked(
      engine,
      fixture.ref,
      contractOptions({ 'require-pinned-images': 'true' }),
      fixture.dockerfile,
    );
    expect(failed.byId.get('pinned-images')?.check.status).toBe('fail');
    expect(failed.byId.get('pinned-images')?.annotate?.line).toBe(line);
    expect(failed.report.failures.map((f) => f.gate)).toEqual(['pinned-images']);
  });
});
