// Images the engine lacks are pulled from a real registry on loopback (Debian's
// docker-registry with htpasswd auth, scripts/ensure-registry.sh), with
// credentials found as the docker CLI finds them: inline auths, credHelpers,
// credsStore (a helper script this test writes). Failures are one line that
// names the registry, the image and why, exit 2, and never show a secret.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { removeImage } from '../../src/docker/images.js';
import { ensureImage, PullError } from '../../src/docker/pull.js';
import type { Log } from '../../src/model/log.js';
import { SLIM_IMAGE } from './images.js';
import {
  assertRegistryAnswers,
  credentialHelper,
  dockerConfigDir,
  inlineAuth,
  type PushedImage,
  pushTinyImage,
  REGISTRY,
  REGISTRY_PASSWORD,
} from './registry.js';
import { cli, readReport } from './run-cli.js';
import { runProcess } from './run-process.js';

let engine: Engine;
let pushed: PushedImage;
const suffix = `${Date.now().toString(36)}${process.pid}`;
const helper = credentialHelper('wgtest');
const WRONG_PASSWORD = 'wrong-password-7f3a';

function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(m),
    warn: (m) => lines.push(`warn: ${m}`),
    group: async (title, fn) => {
      lines.push(`group: ${title}`);
      return fn();
    },
    detail: (l) => lines.push(`  ${l}`),
  };
}

const envWith = (config: unknown, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  DOCKER_CONFIG: dockerConfigDir(config),
  ...extra,
});
const withHelperOnPath = { PATH: `${helper.dir}:${process.env.PATH}` };

beforeAll(async () => {
  await assertRegistryAnswers();
  engine = await connectEngine();
  pushed = await pushTinyImage(`wg-test/tiny-${suffix}`, 'v1');
});

afterEach(async () => {
  await removeImage(engine, pushed.id);
});

afterAll(async () => {
  if (pushed) await removeImage(engine, pushed.id);
});

describe('pulling what the engine does not have', () => {
  test('by tag, with an inline auths entry, progress in a log group', async () => {
    expect(await engine.images.inspect(pushed.ref)).toBeUndefined();
    const log = recordingLog();
    const facts = await ensureImage(engine, pushed.ref, { log, env: envWith(inlineAuth()), runProcess });
    expect(facts.id).toBe(pushed.id);
    expect(log.lines).toContain(`group: docker pull ${pushed.ref}`);
    expect(log.lines.some((l) => /Status: Downloaded newer image/.test(l))).toBe(true);
  });

  test('by digest, through the credHelpers helper named for the registry', async () => {
    writeFileSync(helper.log, '');
    const env = envWith({ credHelpers: { [REGISTRY]: 'wgtest' } }, withHelperOnPath);
    const facts = await ensureImage(engine, pushed.digestRef, { log: recordingLog(), env, runProcess });
    expect(facts.id).toBe(pushed.id);
    expect(readFileSync(helper.log, 'utf8')).toBe(`get ${REGISTRY}\n`);
  });

  test('anonymous (no credentials anywhere): unauthorized, and says to log in', async () => {
    const run = ensureImage(engine, pushed.ref, { log: recordingLog(), env: envWith({}), runProcess });
    await expect(run).rejects.toBeInstanceOf(PullError);
    await expect(run).rejects.toMatchObject({ reason: 'unauthorized' });
    await expect(run).rejects.toThrow(
      `no credentials for ${REGISTRY} in the docker config: docker login ${REGISTRY}`,
    );
  });

  test('a registry that does not answer: unreachable', async () => {
    const run = ensureImage(engine, '127.0.0.1:1/wg-test/none:1', {
      log: recordingLog(),
      env: envWith({}),
      runProcess,
    });
    await expect(run).rejects.toMatchObject({ reason: 'unreachable' });
    await expect(run).rejects.toThrow(
      /^image 127\.0\.0\.1:1\/wg-test\/none:1 is not in the engine and cannot be pulled from 127\.0\.0\.1:1: unreachable/,
    );
  });
});

describe('the CLI pulls image, baseline-image and base images', () => {
  test('build: the base image comes through the credsStore helper', async () => {
    writeFileSync(helper.log, '');
    const dir = mkdtempSync(path.join(tmpdir(), 'wg-pull-build-'));
    writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${pushed.ref}\nCOPY note.txt /note.txt\n`);
    writeFileSync(path.join(dir, 'note.txt'), 'built on a pulled base\n');
    const tag = `worker-gate-test/on-pulled-base:${suffix}`;
    const env = envWith({ credsStore: 'wgtest' }, withHelperOnPath);
    const run = await cli(
      // The classic builder: the pull through a credential helper is worker-gate's own, ahead of it.
      [
        'build',
        '--build-backend',
        'classic',
        '--dockerfile',
        path.join(dir, 'Dockerfile'),
        '--context',
        dir,
        '--tag',
        tag,
      ],
      {
        env,
      },
    );
    try {
      expect(run.err).toContain(`base image ${pushed.ref} is not in the engine: pulling it`);
      expect(run.err).toContain(`▶ docker pull ${pushed.ref}`);
      expect(run.code).toBe(0);
      expect(readFileSync(helper.log, 'utf8')).toBe(`get ${REGISTRY}\n`);
    } finally {
      await engine.images.remove(tag).catch(() => {});
    }
  });

  test('check: baseline-image is pulled and compared', async () => {
    const report = path.join(mkdtempSync(path.join(tmpdir(), 'wg-pull-baseline-')), 'report.json');
    const run = await cli(
      ['check', '--image', SLIM_IMAGE, '--baseline-image', pushed.ref, '--report', report],
      {
        env: envWith(inlineAuth()),
      },
    );
    expect(run.err).toContain(`baseline image ${pushed.ref} is not in the engine: pulling it`);
    const r = readReport(report);
    expect(r.baseline?.image.ref).toBe(pushed.ref);
    expect(r.error).toBeUndefined();
    expect(run.code).toBe(0);
  });

  test('check --image with a wrong password: exit 2, one line (registry, image, unauthorized), no secret', async () => {
    const report = path.join(mkdtempSync(path.join(tmpdir(), 'wg-pull-denied-')), 'report.json');
    const run = await cli(['check', '--image', pushed.ref, '--report', report], {
      env: envWith(inlineAuth(WRONG_PASSWORD)),
    });
    expect(run.code).toBe(2);
    expect(run.err).toContain(
      `worker-gate: error: --image: image ${pushed.ref} is not in the engine and cannot be pulled from ${REGISTRY}: unauthorized (the credentials for ${REGISTRY} in the docker config were refused`,
    );
    const written = `${run.err}${run.out}${readFileSync(report, 'utf8')}`;
    expect(written).not.toContain(WRONG_PASSWORD);
    expect(written).not.toContain(REGISTRY_PASSWORD);
    expect(readReport(report).verdict).toBe('error');
  });

  test('check --image of an image the registry does not have: exit 2, not found', async () => {
    const missing = `${REGISTRY}/wg-test/no-such-${suffix}:v1`;
    const run = await cli(['check', '--image', missing], { env: envWith(inlineAuth()) });
    expect(run.code).toBe(2);
    expect(run.err).toContain(
      `worker-gate: error: --image: image ${missing} is not in the engine and cannot be pulled from ${REGISTRY}: not found`,
    );
  });
});
