import { hostname } from 'node:os';
import { describe, expect, test } from 'vitest';
import { createOptions } from '../../../../src/docker/dockerode-engine.js';
import { parseProbe, parseWhoami, probeAfterWhoami, workerSpec } from '../../../../src/e2e/worker/worker.js';

const settings = {
  image: 'worker-gate-test/slim:latest',
  user: '',
  env: { UV_CACHE_DIR: '/home/worker/.cache/uv' },
  memoryBytes: 2 * 1024 ** 3,
  cpus: 1.5,
  runId: 'wg-test-1',
  role: 'e2e-separate-a',
  volumes: { 'wg-test-1-separate-cache': '/home/worker/.cache/uv' },
  network: 'wg-test-1-net',
};

describe('the worker container spec', () => {
  test("as production runs a worker: no capabilities, no new privileges, pids, memory and CPU limits, tini as PID 1, the run's network", () => {
    const spec = workerSpec(settings);
    expect(spec.hostConfig).toEqual({
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      // A fork bomb in a phase stops at 256 processes, as in production's workers.
      PidsLimit: 256,
      Memory: 2 * 1024 ** 3,
      NanoCpus: 1_500_000_000,
      NetworkMode: 'wg-test-1-net',
      Init: true,
    });
  });

  test("memory and CPU are the run's own settings; without a network the engine's default bridge", () => {
    const { network: _, ...rest } = settings;
    const spec = workerSpec({ ...rest, memoryBytes: 512 * 1024 ** 2, cpus: 0.25 });
    expect(spec.hostConfig).toMatchObject({ Memory: 512 * 1024 ** 2, NanoCpus: 250_000_000 });
    expect(spec.hostConfig?.NetworkMode).toBeUndefined();
  });

  test('named volumes only, never a bind mount or the Docker socket; labelled with the run', () => {
    const spec = workerSpec(settings);
    expect(spec.volumes).toEqual(settings.volumes);
    // The engine interface has no bind mounts at all; the engine is asked for none either.
    expect(createOptions(spec).HostConfig?.Binds).toBeUndefined();
    expect(JSON.stringify(spec)).not.toContain('docker.sock');
    expect(spec.labels).toEqual({
      'worker-gate.run': 'wg-test-1',
      'worker-gate.host': hostname(),
      'worker-gate.pid': String(process.pid),
      'worker-gate.role': 'e2e-separate-a',
    });
  });

  test("the image's user is kept: no User unless the image names one", () => {
    expect(workerSpec(settings).user).toBeUndefined();
    expect(workerSpec({ ...settings, user: 'worker' }).user).toBe('worker');
  });
});

describe("the worker's own facts at start", () => {
  test('uid, gid and the absolute python3 (only one the worker cannot write)', () => {
    expect(parseWhoami('@@wg user 1000 1000\n@@wg python /usr/local/bin/python3\n@@wg done\n')).toEqual({
      uid: 1000,
      gid: 1000,
      python: '/usr/local/bin/python3',
    });
    expect(parseWhoami('@@wg user 1000 1000\n@@wg done\n')).toEqual({ uid: 1000, gid: 1000 });
    expect(parseWhoami('oops')).toEqual({});
    // Root's python3 is only found; with the tools in first, the idle process in the same exec.
    expect(
      parseWhoami('@@wg user 0 0\n@@wg found /usr/bin/python3\n@@wg done\n@@wg idle 6\n@@wg done\n'),
    ).toEqual({ uid: 0, gid: 0, found: '/usr/bin/python3', idle: '6' });
    expect(parseWhoami('@@wg user 0 0\n@@wg found python3\n@@wg idle x\n')).toEqual({ uid: 0, gid: 0 });
  });
});

describe('the image probe', () => {
  test('HOME, Python and uv versions', () => {
    expect(parseProbe('@@wg home /home/worker\n@@wg python 3.12.1\n@@wg uv uv 0.13.9\n@@wg done\n')).toEqual({
      home: '/home/worker',
      python: '3.12.1',
      uv: '0.13.9',
    });
  });

  test('no python3 or uv: versions left out; no HOME: /', () => {
    expect(parseProbe('@@wg home \n@@wg python \n@@wg uv \n@@wg done\n')).toEqual({ home: '/' });
  });

  test("in a worker's start exec: read after whoami's end, whose python3 path is never taken for a version", () => {
    const start =
      '@@wg user 1000 1000\n@@wg found /usr/bin/python3\n@@wg python /usr/bin/python3\n@@wg done\n' +
      '@@wg idle 7\n@@wg home /home/worker\n@@wg python 3.12.1\n@@wg uv uv 0.13.9\n@@wg done\n';
    expect(probeAfterWhoami(start)).toEqual({ home: '/home/worker', python: '3.12.1', uv: '0.13.9' });
    expect(parseWhoami(start)).toEqual({
      uid: 1000,
      gid: 1000,
      found: '/usr/bin/python3',
      python: '/usr/bin/python3',
      idle: '7',
    });
    // Whoami never ended: nothing of the probe's is read.
    expect(probeAfterWhoami('@@wg user 1000 1000\n@@wg home /home/worker\n')).toEqual({ home: '/' });
  });
});
