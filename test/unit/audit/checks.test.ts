// Each rule of the worker spec on one worker's facts: the production shape
// passes, and each drift fails (or warns) with a detail that says why.
import { describe, expect, test } from 'vitest';
import { cacheDirOf } from '../../../src/audit/cache-dir.js';
import {
  cacheMountsCheck,
  cacheVolumeCheck,
  capDropCheck,
  cpuCheck,
  expectedImageCheck,
  memoryCheck,
  noNewPrivilegesCheck,
  pidsCheck,
  privilegedCheck,
  socketCheck,
  userCheck,
  uvCacheDirCheck,
} from '../../../src/audit/checks.js';
import type { WorkerFacts } from '../../../src/audit/facts.js';
import type { Check } from '../../../src/model/report.js';
import { worker } from './worker.js';

type Rule = (w: WorkerFacts) => Check;
const cacheVolume: Rule = (w) => cacheVolumeCheck(w, cacheDirOf(w));
const uvCacheDir: Rule = (w) => uvCacheDirCheck(w, cacheDirOf(w));
const mounts: Rule = (w) => cacheMountsCheck(w, cacheDirOf(w));
const CACHE = '/home/worker/.cache/uv';
const named = (name: string, destination: string) => ({
  type: 'volume',
  name,
  anonymous: false,
  destination,
});

test('the production shape passes every rule', () => {
  const w = worker();
  for (const rule of [userCheck, capDropCheck, noNewPrivilegesCheck, pidsCheck, memoryCheck, cpuCheck]) {
    expect(rule(w).status, rule.name).toBe('pass');
  }
  for (const rule of [socketCheck, privilegedCheck, cacheVolume, uvCacheDir, mounts])
    expect(rule(w).status, rule.name).toBe('pass');
  expect(memoryCheck(w).detail).toBe('memory limit 2 GiB');
  expect(cpuCheck(w).detail).toBe('1 CPUs');
});

describe.each<[string, Rule, Partial<WorkerFacts>, Check['status'], RegExp]>([
  ['root by name', userCheck, { user: 'root' }, 'fail', /runs as root, uid 0/],
  ['root by default', userCheck, { user: '' }, 'fail', /root \(no user set\), uid 0/],
  [
    'a named uid-0 user',
    userCheck,
    { user: 'toor', passwd: [{ name: 'toor', uid: 0, gid: 0, home: '/' }] },
    'fail',
    /uid 0/,
  ],
  ['a user the image lacks', userCheck, { user: 'ghost' }, 'warn', /not in the image's \/etc\/passwd/],
  ['numeric non-root', userCheck, { user: '1000:1000' }, 'pass', /uid 1000/],
  ['no cap_drop', capDropCheck, { capDrop: [] }, 'fail', /drops no capability/],
  ['some caps dropped', capDropCheck, { capDrop: ['NET_RAW'] }, 'fail', /drops only NET_RAW/],
  ['caps added back', capDropCheck, { capAdd: ['NET_BIND_SERVICE'] }, 'warn', /adds back NET_BIND_SERVICE/],
  ['CAP_ALL spelling', capDropCheck, { capDrop: ['cap_all'] }, 'pass', /every capability/],
  [
    'no no-new-privileges',
    noNewPrivilegesCheck,
    { securityOpt: ['seccomp=unconfined'] },
    'fail',
    /no no-new-privileges/,
  ],
  [
    'no-new-privileges:false',
    noNewPrivilegesCheck,
    { securityOpt: ['no-new-privileges:false'] },
    'fail',
    /no-new-privileges:false/,
  ],
  [
    'no-new-privileges=true',
    noNewPrivilegesCheck,
    { securityOpt: ['no-new-privileges=true'] },
    'pass',
    /=true/,
  ],
  ['no pids limit', pidsCheck, { pidsLimit: 0 }, 'fail', /no pids limit/],
  ['unlimited pids', pidsCheck, { pidsLimit: -1 }, 'fail', /no pids limit/],
  ['no memory limit', memoryCheck, { memoryBytes: 0 }, 'fail', /no memory limit/],
  ['no CPU limit', cpuCheck, { nanoCpus: 0 }, 'fail', /no CPU limit/],
  ['a CPU quota', cpuCheck, { nanoCpus: 0, cpuQuota: 150_000, cpuPeriod: 100_000 }, 'pass', /1\.5 CPUs/],
  ['a cpuset', cpuCheck, { nanoCpus: 0, cpusetCpus: '0-1' }, 'pass', /pinned to CPUs 0-1/],
  [
    'the socket',
    socketCheck,
    { mounts: [{ type: 'bind', source: '/var/run/docker.sock', destination: '/var/run/docker.sock' }] },
    'fail',
    /Docker socket is reachable through a bind mount of the host's \/var\/run\/docker\.sock/,
  ],
  [
    'the socket elsewhere',
    socketCheck,
    { mounts: [{ type: 'bind', source: '/run/user/1000/docker.sock', destination: '/tmp/d.sock' }] },
    'fail',
    /\/run\/user\/1000\/docker\.sock/,
  ],
  [
    'the folder holding it',
    socketCheck,
    { mounts: [{ type: 'bind', source: '/var/run', destination: '/host-run' }] },
    'fail',
    /\/var\/run at \/host-run/,
  ],
  [
    'another bind',
    socketCheck,
    { mounts: [{ type: 'bind', source: '/srv/data', destination: '/data' }] },
    'pass',
    /no Docker socket/,
  ],
  ['privileged', privilegedCheck, { privileged: true }, 'fail', /runs privileged/],
  ['no mount at the cache', cacheVolume, { mounts: [named('ws', '/workspace')] }, 'fail', /is on no mount/],
  [
    'a bind at the cache',
    cacheVolume,
    { mounts: [{ type: 'bind', source: '/srv/uv', destination: CACHE }] },
    'fail',
    /not a named volume/,
  ],
  [
    'tmpfs at the cache',
    cacheVolume,
    { mounts: [{ type: 'tmpfs', destination: CACHE }] },
    'fail',
    /a tmpfs mount/,
  ],
  [
    'an anonymous volume',
    cacheVolume,
    { mounts: [{ type: 'volume', name: 'f'.repeat(64), anonymous: true, destination: CACHE }] },
    'fail',
    /anonymous volume/,
  ],
  ['a relative UV_CACHE_DIR', cacheVolume, { env: { UV_CACHE_DIR: 'cache' } }, 'fail', /relative path/],
  [
    'the cache inside a bigger volume',
    cacheVolume,
    { mounts: [named('home', '/home/worker')] },
    'pass',
    /named volume home at \/home\/worker/,
  ],
  [
    'UV_NO_CACHE',
    uvCacheDir,
    { env: { UV_CACHE_DIR: CACHE, UV_NO_CACHE: '1' } },
    'fail',
    /never uses the cache volume/,
  ],
  ['an empty UV_CACHE_DIR', uvCacheDir, { env: { UV_CACHE_DIR: '' } }, 'fail', /set but empty/],
  [
    'UV_CACHE_DIR elsewhere',
    uvCacheDir,
    { env: { UV_CACHE_DIR: '/tmp/uv' } },
    'fail',
    /UV_CACHE_DIR=\/tmp\/uv points at no mount \(the worker mounts named volume uv-cache at \/home\/worker\/\.cache\/uv/,
  ],
  [
    'unset, the default on the volume',
    uvCacheDir,
    { env: {} },
    'warn',
    /by accident of the user's home; set UV_CACHE_DIR=\/home\/worker\/\.cache\/uv/,
  ],
  [
    'unset, the default off the volume',
    uvCacheDir,
    { env: {}, user: 'nobody' },
    'fail',
    /\/nonexistent\/\.cache\/uv .*is on no mount/,
  ],
])('%s', (_what, rule, drift, status, detail) => {
  test(`${status}`, () => {
    const check = rule(worker(drift));
    expect(check.status).toBe(status);
    expect(check.detail).toMatch(detail);
  });
});

describe('cache-mounts: one mount or two', () => {
  test("a named cache volume beside the workspace, the README's layout, passes and tells what two mounts cost", () => {
    expect(mounts(worker())).toMatchObject({
      status: 'pass',
      detail: expect.stringMatching(/the recommended layout .*--baseline-report/),
    });
    const cost = { report: 'both.json', separateWarmSeconds: 7.6, sharedWarmSeconds: 3.5, ratio: 7.6 / 3.5 };
    const check = cacheMountsCheck(worker(), cacheDirOf(worker()), cost);
    expect(check.detail).toContain(
      'measured by both.json: warm make setup 7.6 s across two mounts against 3.5 s in one (2.2×)',
    );
  });

  test('two mounts with the cache on an anonymous volume or none still warn', () => {
    const anonymous = worker({
      mounts: [
        { type: 'volume', name: 'f'.repeat(64), anonymous: true, destination: CACHE },
        named('ws', '/workspace'),
      ],
    });
    expect(mounts(anonymous)).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('two mounts'),
    });
    expect(mounts(worker({ mounts: [named('ws', '/workspace')] })).status).toBe('warn');
  });

  test('the cache inside the workspace volume passes (uv can hard-link)', () => {
    const w = worker({
      env: { UV_CACHE_DIR: '/workspace/.uv-cache' },
      mounts: [named('shared', '/workspace')],
    });
    expect(mounts(w)).toMatchObject({ status: 'pass', detail: expect.stringContaining('uv can hard-link') });
  });

  test('no working directory: the workspace cannot be told', () => {
    expect(mounts(worker({ workingDir: '' })).status).toBe('warn');
  });
});

test('expected-image compares ids, not references', () => {
  const expected = { ref: 'worker:1.4.2', id: `sha256:${'b'.repeat(64)}` };
  expect(expectedImageCheck(worker({ imageRef: 'registry/other:tag' }), expected).status).toBe('pass');
  const old = expectedImageCheck(
    worker({ imageId: `sha256:${'c'.repeat(64)}`, imageRef: 'worker:1.4.1' }),
    expected,
  );
  expect(old).toMatchObject({
    status: 'fail',
    detail: expect.stringContaining('runs cccccccccccc (started as worker:1.4.1), not worker:1.4.2'),
  });
});
