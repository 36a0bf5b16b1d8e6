// scaffolder-cache-volume: a scaffolder warms the workers only on their cache —
// the same named volume, mounted where they mount it, written as their uid.
import { describe, expect, test } from 'vitest';
import { EXPECTED_IMAGE, WORKER_CHECKS } from '../../../src/audit/catalogue.js';
import type { WorkerFacts } from '../../../src/audit/facts.js';
import { auditFleet } from '../../../src/audit/fleet.js';
import { scaffolderCacheCheck, workersCacheHome } from '../../../src/audit/scaffolder.js';
import { worker } from './worker.js';

const WORKER_CACHE = '/home/worker/.cache/uv';
const volume = (name: string, destination: string) => ({
  type: 'volume',
  name,
  anonymous: false,
  destination,
});

/** Production's scaffolder: root (no user set), no UV_CACHE_DIR, its Compose volume at root's default. */
function scaffolder(drift: Partial<WorkerFacts> = {}): WorkerFacts {
  return worker({
    id: 'c'.repeat(64),
    name: 'p-scaffolder-1',
    imageRef: 'scaffolder:1',
    user: '',
    env: { PATH: '/usr/bin' },
    mounts: [volume('p_uv-cache', '/root/.cache/uv')],
    ...drift,
  });
}

/** A scaffolder on the workers' own cache: their volume, their path, their user. */
const onWorkersCache = (drift: Partial<WorkerFacts> = {}) =>
  scaffolder({ user: 'worker', mounts: [volume('uv-cache', WORKER_CACHE)], ...drift });

const workers = [worker({ name: 'w-1' }), worker({ name: 'w-2' })];
const theirs = workersCacheHome(workers, 'uv-cache');
const check = (s: WorkerFacts) => scaffolderCacheCheck(s, theirs);

test("the workers' cache: their shared volume, its mount point, their uid", () => {
  expect(theirs).toEqual({ volume: 'uv-cache', folder: '', mountPoint: WORKER_CACHE, uid: 1000 });
});

test('production: the scaffolder on its Compose volume as root warns, naming both volumes', () => {
  expect(check(scaffolder())).toEqual({
    id: 'scaffolder-cache-volume',
    status: 'warn',
    detail:
      'the scaffolder p-scaffolder-1 caches uv on volume p_uv-cache at /root/.cache/uv (owner uid 0); the workers on uv-cache at /home/worker/.cache/uv (owner uid 1000): nothing the scaffolder downloads warms a worker',
  });
});

test('the same volume at the same mount point as the same uid passes: no warning', () => {
  expect(check(onWorkersCache())).toEqual({
    id: 'scaffolder-cache-volume',
    status: 'pass',
    detail:
      "the scaffolder p-scaffolder-1 caches uv on the workers' volume uv-cache at /home/worker/.cache/uv as their uid 1000: what it downloads warms them",
  });
  // UV_CACHE_DIR decides over HOME, as uv's rule says.
  const byEnv = scaffolder({
    user: '1000',
    env: { UV_CACHE_DIR: WORKER_CACHE },
    mounts: [volume('uv-cache', WORKER_CACHE)],
  });
  expect(check(byEnv).status).toBe('pass');
});

describe.each<[string, WorkerFacts, RegExp]>([
  [
    'another volume name, same mount point and uid',
    onWorkersCache({ mounts: [volume('p_uv-cache', WORKER_CACHE)] }),
    /on volume p_uv-cache at \/home\/worker\/\.cache\/uv \(owner uid 1000\); the workers on uv-cache at \/home\/worker\/\.cache\/uv \(owner uid 1000\): nothing the scaffolder downloads warms a worker$/,
  ],
  [
    'the same volume at another mount point',
    onWorkersCache({ env: { UV_CACHE_DIR: '/cache/uv' }, mounts: [volume('uv-cache', '/cache/uv')] }),
    /on volume uv-cache at \/cache\/uv \(owner uid 1000\); the workers on uv-cache at \/home\/worker\/\.cache\/uv \(owner uid 1000\): the same volume, but mounted at \/cache\/uv, not where the workers mount it$/,
  ],
  [
    'the same volume and mount point as another uid',
    onWorkersCache({ user: 'root', env: { UV_CACHE_DIR: WORKER_CACHE } }),
    /on volume uv-cache at \/home\/worker\/\.cache\/uv \(owner uid 0\); the workers on uv-cache at \/home\/worker\/\.cache\/uv \(owner uid 1000\): the same volume, but what the scaffolder writes there is owned by uid 0, not by the workers' uid 1000, so a worker cannot write into the folders it creates$/,
  ],
  [
    'a user its image does not list (uid unknown)',
    onWorkersCache({ user: 'ghost', env: { UV_CACHE_DIR: WORKER_CACHE } }),
    /\(owner uid unknown\); .*the uid that owns what the scaffolder writes there cannot be told/,
  ],
  [
    'another folder in the same volume',
    onWorkersCache({ env: { UV_CACHE_DIR: `${WORKER_CACHE}/sub` } }),
    /on volume uv-cache at \/home\/worker\/\.cache\/uv \(its folder \/sub\) .*: nothing the scaffolder downloads warms a worker$/,
  ],
  [
    'no mount at its cache',
    scaffolder({ mounts: [] }),
    /caches uv in \/root\/\.cache\/uv, on the container's own filesystem \(no mount\) \(owner uid 0\); the workers on uv-cache .*: nothing the scaffolder downloads warms a worker$/,
  ],
  [
    'an anonymous volume at its cache',
    scaffolder({ mounts: [{ ...volume('f'.repeat(64), '/root/.cache/uv'), anonymous: true }] }),
    /on an anonymous volume at \/root\/\.cache\/uv/,
  ],
])('%s', (_what, s, detail) => {
  test('warns, naming both', () => {
    const got = check(s);
    expect(got.status).toBe('warn');
    expect(got.detail).toMatch(detail);
  });
});

test('root workers can write what a scaffolder of another uid writes: the uid still differs, no refusal claimed', () => {
  const rootWorkers = workers.map((w) => ({ ...w, user: 'root' }));
  const got = scaffolderCacheCheck(onWorkersCache(), workersCacheHome(rootWorkers, 'uv-cache'));
  expect(got.status).toBe('warn');
  expect(got.detail).toMatch(/owned by uid 1000, not by the workers' uid 0$/);
});

test('workers sharing no volume: the scaffolder warns that it cannot warm them', () => {
  const got = scaffolderCacheCheck(onWorkersCache(), workersCacheHome(workers, undefined));
  expect(got.status).toBe('warn');
  expect(got.detail).toContain('no cache volume is shared by most audited workers');
});

test("the workers' mount point and uid are those most workers on the shared volume have", () => {
  const rootWorker = worker({ name: 'w-root', user: 'root', env: { UV_CACHE_DIR: WORKER_CACHE } });
  expect(workersCacheHome([rootWorker, ...workers], 'uv-cache')?.uid).toBe(1000);
  expect(workersCacheHome([rootWorker, workers[0] as WorkerFacts], 'uv-cache')?.uid).toBe(0);
});

describe('in the fleet', () => {
  test('no scaffolder: no scaffolder check, no role', () => {
    const { containers } = auditFleet({ workers });
    expect(containers.flatMap((c) => c.checks.map((k) => k.id))).not.toContain('scaffolder-cache-volume');
    expect(containers.some((c) => 'role' in c)).toBe(false);
  });

  test('a root scaffolder skips the worker checks and is listed after the workers as a scaffolder', () => {
    const { containers, cacheVolume } = auditFleet({ workers, scaffolders: [scaffolder()] });
    expect(cacheVolume).toBe('uv-cache');
    expect(containers.map((c) => [c.name, c.role])).toEqual([
      ['w-1', undefined],
      ['w-2', undefined],
      ['p-scaffolder-1', 'scaffolder'],
    ]);
    const entry = containers[2];
    expect(entry?.checks.map((k) => [k.id, k.status])).toEqual([['scaffolder-cache-volume', 'warn']]);
    expect(entry).toMatchObject({
      uid: 0,
      cacheDir: { path: '/root/.cache/uv', from: 'HOME', home: { path: '/root', from: 'passwd' } },
      cacheMount: { name: 'p_uv-cache', destination: '/root/.cache/uv' },
    });
    // The workers keep every check; the scaffolder's volume does not count among theirs.
    expect(containers[0]?.checks.map((k) => k.id)).toEqual(
      WORKER_CHECKS.filter((c) => c !== EXPECTED_IMAGE).map((c) => c.id),
    );
    expect(containers[0]?.checks.find((k) => k.id === 'cache-volume-shared')?.detail).toBe(
      'on uv-cache, with 2 of 2 audited workers',
    );
  });

  test('skip-checks scaffolder-cache-volume drops it', () => {
    const { containers } = auditFleet({
      workers,
      scaffolders: [scaffolder()],
      skipChecks: ['scaffolder-cache-volume'],
    });
    expect(containers[2]?.checks).toEqual([]);
  });
});
