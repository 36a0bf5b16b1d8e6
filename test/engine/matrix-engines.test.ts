// `worker-gate matrix` over two endpoints of this machine's engine (its socket,
// and tcp on 127.0.0.1 through a relay that counts the requests it carries)
// and one where nothing answers: each cell runs whole on its endpoint and
// records it with the engine's ID, the relay's count proves its cell went
// through it, each cell's warm run is proved on a cache volume of its own, the
// silent endpoint gives an error cell, and the engine is left as it was. Cells
// on the tiny template with one warm run, to keep CI short.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { toolRoot } from '../../src/config/shipped.js';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { engineState, expectEngineState } from './helpers.js';
import { SLIM_IMAGE } from './images.js';
import { ENGINE_SOCKET, type Relay, silentEndpoint, startRelay } from './relay.js';
import { cli, readReport } from './run-cli.js';

const TINY = path.join(toolRoot(), 'test', 'fixtures', 'e2e', 'templates', 'tiny');

let engine: Engine;
let relay: Relay;

beforeAll(async () => {
  engine = await connectEngine();
  relay = await startRelay();
});

afterAll(async () => {
  await relay.close();
});

test('matrix runs each cell whole on its endpoint, records where, and an engine that does not answer is an error cell', async () => {
  const before = await engineState(engine);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wg-matrix-engines-'));
  writeFileSync(
    path.join(dir, '.worker-gate-matrix.yml'),
    [
      'options: { warm-runs: 1 }',
      `images: [{ name: slim, image: "${SLIM_IMAGE}" }]`,
      'templates:',
      `  - { name: tiny, template: "${TINY}", data-sets: [{ name: a, data: [flood=0] }, { name: b, data: [flood=1] }, { name: c, data: [flood=2] }] }`,
      '',
    ].join('\n'),
  );
  const socket = `unix://${ENGINE_SOCKET}`;
  const tcp = relay.endpoint;
  const silent = await silentEndpoint();
  const run = await cli(
    [
      'matrix',
      '--engine',
      socket,
      '--engine',
      tcp,
      '--engine',
      silent,
      '--jobs',
      '2',
      '--report',
      'merged.json',
    ],
    { cwd: dir },
  );
  expect(run.code, run.err).toBe(2);
  const merged = readReport(path.join(dir, 'merged.json'));
  const identity = await engine.identity();
  expect(merged.cells?.map((c) => [c.id, c.verdict, c.engine])).toEqual([
    ['slim+tiny+c', 'error', { endpoint: silent }],
    ['slim+tiny+a', 'pass', { endpoint: socket, ...identity }],
    ['slim+tiny+b', 'pass', { endpoint: tcp, ...identity }],
  ]);
  expect(merged.cells?.[0]?.error?.message).toContain(`no Docker engine answers at DOCKER_HOST=${silent}`);
  // Each cell's warm run was proved (a warm median) on a cache volume of its own: one each, never shared.
  const passed = merged.cells?.slice(1) ?? [];
  for (const cell of passed) {
    expect(cell.figures.warmSetupSeconds).toBeGreaterThan(0);
    expect(cell.warmCacheVolumes, cell.id).toHaveLength(1);
  }
  const volumes = passed.flatMap((cell) => cell.warmCacheVolumes ?? []);
  expect(new Set(volumes).size).toBe(passed.length);
  // The relay's cell went through it: every call of a whole run.
  expect(relay.requests()).toBeGreaterThan(20);
  expect(run.err).toContain('[slim+tiny+b]');
  await expectEngineState(engine, before);
});
