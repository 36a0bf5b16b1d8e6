// A remote engine, as DOCKER_HOST names it: the whole verify against the local
// engine reached over tcp on 127.0.0.1 (a loopback proxy to its socket), so
// nothing may depend on host paths or the default socket.
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { engineState, expectEngineState } from './helpers.js';
import { STANDIN_PYTHON, STANDIN_UV } from './images.js';
import { cli, readReport } from './run-cli.js';

let engine: Engine;
let proxy: net.Server;
let port = 0;
let proxied = 0;

beforeAll(async () => {
  engine = await connectEngine();
  const socket = process.env.DOCKER_HOST?.startsWith('unix://')
    ? process.env.DOCKER_HOST.slice('unix://'.length)
    : '/var/run/docker.sock';
  proxy = net.createServer((client) => {
    proxied++;
    const upstream = net.connect(socket);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  port = (proxy.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
});

test('verify runs whole against an engine reached over tcp://127.0.0.1', async () => {
  const before = await engineState(engine);
  const report = path.join(mkdtempSync(path.join(os.tmpdir(), 'wg-tcp-')), 'report.json');
  const env = { ...process.env, DOCKER_HOST: `tcp://127.0.0.1:${port}` };
  const run = await cli(
    [
      'verify',
      '--build-arg',
      `PYTHON_IMAGE=${STANDIN_PYTHON}`,
      '--build-arg',
      `UV_IMAGE=${STANDIN_UV}`,
      '--tag',
      'worker-gate-test/tcp:latest',
      '--warm-runs',
      '1',
      '--report',
      report,
    ],
    { env },
  );
  expect(run.code, run.err).toBe(0);
  const r = readReport(report);
  expect(r.verdict).toBe('pass');
  expect(r.checks.find((c) => c.id === 'cache-dir-writable')?.status).toBe('pass');
  expect(r.e2e?.runs.map((x) => `${x.worker}:${x.kind}`)).toEqual(['A:cold', 'B:warm']);
  // Every call went through the proxy: the CLI never touched the default socket.
  expect(proxied).toBeGreaterThan(10);
  // The report says where it ran: the endpoint as given, and the engine behind it (the socket's own).
  expect(r.engine).toEqual({ endpoint: `tcp://127.0.0.1:${port}`, ...(await engine.identity()) });
  expect(r.engine?.id).toMatch(/\S/);
  await expectEngineState(engine, before);
});
