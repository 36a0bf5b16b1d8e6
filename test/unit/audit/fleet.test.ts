import { describe, expect, test } from 'vitest';
import { WORKER_CHECKS } from '../../../src/audit/catalogue.js';
import { auditFleet, majorityKey } from '../../../src/audit/fleet.js';
import { worker } from './worker.js';

const onVolume = (name: string, volume: string) =>
  worker({
    name,
    mounts: [{ type: 'volume', name: volume, anonymous: false, destination: '/home/worker/.cache/uv' }],
  });
const shared = (c: { checks: { id: string; status: string; detail: string }[] } | undefined) =>
  c?.checks.find((k) => k.id === 'cache-volume-shared');

describe('cache-volume-shared: one volume for every audited worker', () => {
  test('the worker off the volume most share fails; the others pass', () => {
    const { containers, cacheVolume } = auditFleet({
      workers: [onVolume('a', 'uv-cache'), onVolume('b', 'uv-cache'), onVolume('c', 'stale-cache')],
    });
    expect(cacheVolume).toBe('uv-cache');
    expect(containers.map((c) => shared(c)?.status)).toEqual(['pass', 'pass', 'fail']);
    expect(shared(containers[2])?.detail).toContain(
      'its cache is on stale-cache, not on uv-cache where 2 of 3',
    );
  });

  test('a tie names no shared volume and fails every worker', () => {
    const { containers, cacheVolume } = auditFleet({ workers: [onVolume('a', 'x'), onVolume('b', 'y')] });
    expect(cacheVolume).toBeUndefined();
    expect(containers.map((c) => shared(c)?.status)).toEqual(['fail', 'fail']);
    expect(shared(containers[0])?.detail).toContain('2 different cache volumes (x, y)');
  });

  test('one worker alone passes on a named volume', () => {
    expect(shared(auditFleet({ workers: [onVolume('a', 'uv-cache')] }).containers[0])?.status).toBe('pass');
  });

  test('a folder inside a volume is its own cache: same volume, other folder is not shared', () => {
    const inFolder = (name: string, dir: string) =>
      worker({
        name,
        env: { UV_CACHE_DIR: dir },
        mounts: [{ type: 'volume', name: 'shared', anonymous: false, destination: '/workspace' }],
      });
    const { containers, cacheVolume } = auditFleet({
      workers: [
        inFolder('a', '/workspace/.uv'),
        inFolder('b', '/workspace/.uv/'),
        inFolder('c', '/workspace/c/.uv'),
      ],
    });
    expect(cacheVolume).toBe('shared:/.uv');
    expect(containers.map((c) => shared(c)?.status)).toEqual(['pass', 'pass', 'fail']);
  });

  test('majorityKey ignores workers with no named volume', () => {
    expect(majorityKey([undefined, undefined, 'v'])).toBe('v');
    expect(majorityKey([undefined])).toBeUndefined();
  });
});

test('every check in spec order, expected-image only when asked, skip-checks drops by id', () => {
  const all = auditFleet({ workers: [worker()], expectImage: { ref: 'w', id: worker().imageId } })
    .containers[0];
  expect(all?.checks.map((c) => c.id)).toEqual(WORKER_CHECKS.map((c) => c.id));
  const some = auditFleet({ workers: [worker()], skipChecks: ['cpu-limit', 'cache-mounts'] }).containers[0];
  expect(some?.checks.map((c) => c.id)).not.toContain('cpu-limit');
  expect(some?.checks.map((c) => c.id)).not.toContain('expected-image');
  expect(some?.checks).toHaveLength(WORKER_CHECKS.length - 3);
});

test('the entry carries what decided the checks: uid, cache folder and its mount, workspace', () => {
  const [entry] = auditFleet({ workers: [worker({ env: {} })] }).containers;
  expect(entry).toMatchObject({
    uid: 1000,
    cacheDir: {
      path: '/home/worker/.cache/uv',
      from: 'HOME',
      home: { path: '/home/worker', from: 'passwd' },
    },
    cacheMount: { name: 'uv-cache' },
    workspace: '/workspace',
    workspaceMount: { name: 'workspace-1' },
  });
  expect(entry?.cacheDir).not.toHaveProperty('relative');
});
