// `worker-gate matrix --engine NAME` on a Docker context made in a temporary
// DOCKER_CONFIG, as `docker context create` lays it out, whose endpoint is this
// machine's engine: while DOCKER_HOST names a port where nothing answers, the
// one cell runs whole on the context's engine, its report names the context,
// and the engine is left as it was. One cell on the tiny template, one warm run.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { toolRoot } from '../../src/config/shipped.js';
import { connectEngine } from '../../src/docker/engine.js';
import { engineState, expectEngineState } from './helpers.js';
import { SLIM_IMAGE } from './images.js';
import { cli, readReport } from './run-cli.js';

const TINY = path.join(toolRoot(), 'test', 'fixtures', 'e2e', 'templates', 'tiny');
const SOCKET = process.env.DOCKER_HOST?.startsWith('unix://')
  ? process.env.DOCKER_HOST.slice('unix://'.length)
  : '/var/run/docker.sock';

test("matrix --engine runs a cell on a Docker context's endpoint, not DOCKER_HOST's, and records the context", async () => {
  const engine = await connectEngine();
  const before = await engineState(engine);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wg-matrix-contexts-'));
  const config = path.join(dir, 'docker-config');
  const meta = path.join(config, 'contexts', 'meta', createHash('sha256').update('here').digest('hex'));
  mkdirSync(meta, { recursive: true });
  const endpoint = `unix://${SOCKET}`;
  writeFileSync(
    path.join(meta, 'meta.json'),
    JSON.stringify({
      Name: 'here',
      Metadata: {},
      Endpoints: { docker: { Host: endpoint, SkipTLSVerify: false } },
    }),
  );
  writeFileSync(
    path.join(dir, '.worker-gate-matrix.yml'),
    [
      'options: { warm-runs: 1 }',
      `images: [{ name: slim, image: "${SLIM_IMAGE}" }]`,
      `templates: [{ name: tiny, template: "${TINY}", data-sets: [{ name: a, data: [flood=0] }] }]`,
      '',
    ].join('\n'),
  );
  // A port that was just free: were the context ignored, the cell would find no engine there.
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const silent = `tcp://127.0.0.1:${(probe.address() as net.AddressInfo).port}`;
  await new Promise<void>((resolve) => probe.close(() => resolve()));

  const run = await cli(['matrix', '--engine', 'here', '--report', 'merged.json'], {
    cwd: dir,
    env: { ...process.env, DOCKER_CONFIG: config, DOCKER_HOST: silent },
  });
  expect(run.code, run.err).toBe(0);
  const merged = readReport(path.join(dir, 'merged.json'));
  const identity = await engine.identity();
  expect(merged.cells?.map((c) => [c.id, c.verdict, c.engine])).toEqual([
    ['slim+tiny+a', 'pass', { endpoint, context: 'here', ...identity }],
  ]);
  expect(merged.cells?.[0]?.figures.warmSetupSeconds).toBeGreaterThan(0);
  await expectEngineState(engine, before);
});
