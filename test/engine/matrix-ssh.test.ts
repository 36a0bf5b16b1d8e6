// `worker-gate matrix` over ssh:// engines, as the Docker CLI reaches them: an
// sshd of the test's own on 127.0.0.1 (sshd.ts) whose `docker` is this
// machine's. The cell on ssh://root@… runs whole through it (its report records
// the ssh endpoint and the engine's ID; sshd's log and the wrapping ssh's calls
// prove the traffic went that way); ssh://nobody@… (a user sshd refuses) and an
// ssh:// port that accepts and never speaks are error cells naming their
// endpoint and what to do; the engine is left as it was. The tiny template, one
// warm run.
import { execFileSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { toolRoot } from '../../src/config/shipped.js';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { engineState, expectEngineState } from './helpers.js';
import { SLIM_IMAGE, STANDIN_PYTHON } from './images.js';
import { cli, readReport } from './run-cli.js';
import { type Sshd, startSshd } from './sshd.js';

const TINY = path.join(toolRoot(), 'test', 'fixtures', 'e2e', 'templates', 'tiny');
const SOCKET = process.env.DOCKER_HOST?.startsWith('unix://')
  ? process.env.DOCKER_HOST.slice('unix://'.length)
  : '/var/run/docker.sock';
// Short, so the silent endpoint's cell ends soon; a whole cell's calls fit in it many times over.
const ENGINE_TIMEOUT = 30;

let engine: Engine;
let sshd: Sshd;
let mute: net.Server;
let mutePort = 0;

beforeAll(async () => {
  engine = await connectEngine();
  sshd = await startSshd(`unix://${SOCKET}`);
  // Accepts connections and never says a word: an ssh that hangs.
  mute = net.createServer(() => {});
  await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
  mutePort = (mute.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await sshd?.stop();
  mute?.close();
});

test('the sshd lets the test in and its docker reaches this engine (positive control)', async () => {
  const version = execFileSync(
    'ssh',
    ['-p', String(sshd.port), 'root@127.0.0.1', 'docker', 'version', '--format', '{{.Server.Version}}'],
    { env: sshd.env, encoding: 'utf8' },
  );
  expect(version.trim()).toMatch(/^\d+\.\d+/);
});

test('matrix runs a cell through ssh://, and a refused key or a silent host is an error cell naming the endpoint', async () => {
  const before = await engineState(engine);
  const callsBefore = sshd.calls().length;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wg-matrix-ssh-'));
  writeFileSync(
    path.join(dir, '.worker-gate-matrix.yml'),
    [
      `options: { warm-runs: 1, engine-timeout: ${ENGINE_TIMEOUT} }`,
      `images: [{ name: slim, image: "${SLIM_IMAGE}" }]`,
      'templates:',
      `  - { name: tiny, template: "${TINY}", data-sets: [{ name: a, data: [flood=0] }, { name: b, data: [flood=1] }, { name: c, data: [flood=2] }] }`,
      '',
    ].join('\n'),
  );
  const good = `ssh://root@127.0.0.1:${sshd.port}`;
  const refused = `ssh://nobody@127.0.0.1:${sshd.port}`;
  const silent = `ssh://root@127.0.0.1:${mutePort}`;
  const run = await cli(
    // One cell an engine, all at once: the error cells end while the good one runs.
    [
      'matrix',
      '--engine',
      good,
      '--engine',
      refused,
      '--engine',
      silent,
      '--jobs',
      '3',
      '--report',
      'merged.json',
    ],
    { cwd: dir, env: sshd.env },
  );
  expect(run.code, run.err).toBe(2);
  const merged = readReport(path.join(dir, 'merged.json'));
  const identity = await engine.identity();
  expect(merged.cells?.map((c) => [c.id, c.verdict, c.engine])).toEqual([
    ['slim+tiny+b', 'error', { endpoint: refused }],
    ['slim+tiny+c', 'error', { endpoint: silent }],
    ['slim+tiny+a', 'pass', { endpoint: good, ...identity }],
  ]);
  const [refusedCell, silentCell, goodCell] = merged.cells ?? [];
  expect(refusedCell?.error?.message).toContain(`no Docker engine answers at DOCKER_HOST=${refused}`);
  expect(refusedCell?.error?.message).toContain(`ssh -p ${sshd.port} nobody@127.0.0.1 docker version`);
  expect(refusedCell?.error?.detail).toMatch(/Permission denied \(publickey\)/);
  expect(silentCell?.error?.message).toContain(`no Docker engine answers at DOCKER_HOST=${silent}`);
  expect(silentCell?.error?.message).toContain(`ssh -p ${mutePort} root@127.0.0.1 docker version`);
  // Ended by the deadline: the run's (a ping not answered) or ssh's own (ConnectTimeout), whichever came first.
  expect(silentCell?.error?.detail).toMatch(
    new RegExp(`within ${ENGINE_TIMEOUT} s \\(engine-timeout\\)|timed out during banner exchange`),
  );
  expect(goodCell?.figures.warmSetupSeconds).toBeGreaterThan(0);
  // The traffic went through the sshd, as root, and through the system ssh with the Docker CLI's arguments.
  expect(sshd.log()).toMatch(/Accepted publickey for root from 127\.0\.0\.1/);
  expect(sshd.log()).toMatch(/User nobody from 127\.0\.0\.1 not allowed/);
  const calls = sshd.calls().slice(callsBefore);
  expect(calls).toContain(
    `-o ConnectTimeout=${ENGINE_TIMEOUT} -o BatchMode=yes -T -l root -p ${sshd.port} -- 127.0.0.1 docker system dial-stdio`,
  );
  await expectEngineState(engine, before);
});

test('a BuildKit build reaches the ssh:// engine too: docker buildx gets the same DOCKER_HOST and dials through ssh itself', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wg-ssh-buildkit-'));
  writeFileSync(
    path.join(dir, 'Dockerfile'),
    `FROM ${STANDIN_PYTHON}\nRUN echo built-over-ssh > /over-ssh\n`,
  );
  const tag = 'worker-gate-test/ssh-buildkit:latest';
  const callsBefore = sshd.calls().length;
  const run = await cli(
    [
      'build',
      '--build-backend',
      'buildkit',
      '--dockerfile',
      path.join(dir, 'Dockerfile'),
      '--tag',
      tag,
      '--report',
      path.join(dir, 'r.json'),
    ],
    { env: { ...sshd.env, DOCKER_HOST: `ssh://root@127.0.0.1:${sshd.port}` } },
  );
  try {
    expect(run.code, run.err).toBe(0);
    const report = readReport(path.join(dir, 'r.json'));
    expect(report.build?.backend).toBe('buildkit');
    expect((await engine.images.inspect(tag))?.id).toBe(report.image?.id);
    // buildx's own ssh (the docker CLI's connection helper: no BatchMode) beside worker-gate's.
    const calls = sshd.calls().slice(callsBefore);
    expect(calls.filter((c) => c.includes('BatchMode=yes')).length).toBeGreaterThan(0);
    expect(
      calls.filter((c) => !c.includes('BatchMode=yes') && c.endsWith('docker system dial-stdio')).length,
    ).toBeGreaterThan(0);
  } finally {
    await engine.images.remove(tag).catch(() => {});
  }
});

test('over ssh://, execs and archives leave no abort listener on the run’s signal (an ssh connection ends without closing)', async () => {
  const before = await engineState(engine);
  const control = new AbortController();
  const env = { ...sshd.env, DOCKER_HOST: `ssh://root@127.0.0.1:${sshd.port}` };
  const viaSsh = await connectEngine(env, { timeoutSeconds: ENGINE_TIMEOUT, signal: control.signal });
  const container = await viaSsh.containers.create({
    image: SLIM_IMAGE,
    labels: { 'worker-gate.role': 'abort-listeners' },
    cmd: ['sleep', '300'],
  });
  try {
    await container.start();
    for (let i = 0; i < 12; i++) expect((await container.exec(['true'])).exitCode).toBe(0);
    const archive = await container.archive('/etc/hostname');
    for await (const _ of archive ?? []);
    expect(getEventListeners(control.signal, 'abort')).toHaveLength(0);
  } finally {
    await container.remove();
  }
  await expectEngineState(engine, before);
});
