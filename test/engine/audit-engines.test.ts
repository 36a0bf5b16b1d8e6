// `worker-gate audit` over two endpoints of this machine's engine (its socket,
// and tcp on 127.0.0.1 through a relay that counts the requests it carries)
// and one where nothing answers: each host is named by its endpoint with the
// engine that answered, the relay's count proves its host's audit went through
// it, the silent endpoint is an error row, and the engine is left as it was.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createOptions } from '../../src/docker/dockerode-engine.js';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { newRunId, runLabels } from '../../src/docker/labels.js';
import { workerSpec } from '../../src/e2e/worker/worker.js';
import { engineState, expectEngineState, rawDocker } from './helpers.js';
import { SLIM_IMAGE } from './images.js';
import { ENGINE_SOCKET, type Relay, silentEndpoint, startRelay } from './relay.js';
import { cli, readReport } from './run-cli.js';

const SET = 'worker-gate-test.audit-engines';
const testRun = newRunId();
const uvCache = `${testRun}-uv-cache`;
let engine: Engine;
let relay: Relay;
const containers: Docker.Container[] = [];

beforeAll(async () => {
  engine = await connectEngine();
  relay = await startRelay();
  await engine.volumes.create(uvCache, runLabels(testRun));
  for (const name of ['w1', 'w2']) {
    const spec = workerSpec({
      image: SLIM_IMAGE,
      user: '',
      env: {},
      memoryBytes: 2 ** 30,
      cpus: 1,
      runId: testRun,
      role: 'audit-fixture',
      volumes: { [uvCache]: '/home/worker/.cache/uv' },
    });
    spec.name = `${testRun}-${name}`;
    spec.labels[SET] = testRun;
    const container = await rawDocker().createContainer(createOptions(spec));
    containers.push(container);
    await container.start();
  }
});

afterAll(async () => {
  for (const c of containers) await c.remove({ force: true }).catch(() => {});
  await engine.volumes.remove(uvCache).catch(() => {});
  await relay.close();
});

test('audit over the socket, a relay to it and a silent port: a row per host, the relay carried its audit, an error row', async () => {
  const before = await engineState(engine);
  const dir = mkdtempSync(path.join(tmpdir(), 'wg-audit-engines-'));
  const socket = `unix://${ENGINE_SOCKET}`;
  const silent = await silentEndpoint();
  const run = await cli(
    [
      'audit',
      '--filter',
      `label=${SET}=${testRun}`,
      '--engine',
      socket,
      '--engine',
      relay.endpoint,
      '--engine',
      silent,
      '--report',
      'r.json',
      '--summary',
      's.md',
    ],
    { cwd: dir },
  );
  expect(run.code, run.err).toBe(2);
  const report = readReport(path.join(dir, 'r.json'));
  const identity = await engine.identity();
  expect(report.hosts?.map((h) => [h.host, h.verdict, h.engine])).toEqual([
    [socket, 'pass', { endpoint: socket, ...identity }],
    [relay.endpoint, 'pass', { endpoint: relay.endpoint, ...identity }],
    [silent, 'error', { endpoint: silent }],
  ]);
  expect(report.hosts?.[2]?.error?.message).toContain(`no Docker engine answers at DOCKER_HOST=${silent}`);
  for (const host of report.hosts?.slice(0, 2) ?? []) {
    expect(host.audit?.containers.map((c) => c.name).sort()).toEqual([`${testRun}-w1`, `${testRun}-w2`]);
    expect(host.audit?.containers[0]?.image.created).toMatch(/^\d{4}-\d\d-\d\dT/);
  }
  // The relay's host was audited through it: the engine's identity, the list, each inspect.
  expect(relay.requests()).toBeGreaterThan(4);
  expect(report.checks.map((c) => [c.id, c.status])).toEqual([
    ['image-drift', 'pass'],
    ['cache-volume-hosts', 'pass'],
  ]);
  expect(report.checks[1]?.detail).toContain(
    `reach one engine (ID ${identity.id} at ${identity.rootDir}): their ${uvCache} is one volume`,
  );
  expect(readFileSync(path.join(dir, 's.md'), 'utf8')).toContain(`**\`${silent}\`** could not be audited`);
  await expectEngineState(engine, before);
});
