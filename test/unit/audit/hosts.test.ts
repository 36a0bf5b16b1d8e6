// The rules across hosts, on hand-made host facts; and the fleet's Report.
import { describe, expect, test } from 'vitest';
import { cacheVolumeHostsCheck, hostOf, hostsReport, imageDriftCheck } from '../../../src/audit/hosts.js';
import type { AuditContainer, AuditHost } from '../../../src/model/report.js';
import { exitCodeOf } from '../../../src/model/report-building.js';

const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'b'.repeat(64)}`;

function container(
  name: string,
  image: string,
  created: string | undefined,
  volume?: string,
): AuditContainer {
  return {
    id: name.padEnd(64, '0'),
    name,
    image: { ref: 'acme/worker:1.4', id: image, ...(created ? { created } : {}) },
    user: 'worker',
    cacheDir: { path: '/home/worker/.cache/uv', from: 'UV_CACHE_DIR' },
    ...(volume
      ? { cacheMount: { type: 'volume', name: volume, destination: '/home/worker/.cache/uv' } }
      : {}),
    checks: [],
  };
}

function host(name: string, containers: AuditContainer[], cacheVolume?: string): AuditHost {
  return {
    host: name,
    engine: { endpoint: name },
    verdict: 'pass',
    failures: [],
    audit: { engine: name, filters: [], containers, ...(cacheVolume ? { cacheVolume } : {}) },
  };
}

describe('image-drift: hosts whose workers run an older image of a reference', () => {
  test('names the hosts on the older image, its id and date, and the newest', () => {
    const check = imageDriftCheck([
      host('ssh://ops@a', [container('w1', NEW, '2026-12-01T10:00:00.5Z')]),
      host('ssh://ops@b', [container('w2', OLD, '2026-11-02T09:00:00Z')]),
      host('ssh://ops@c', [container('w3', OLD, '2026-11-02T09:00:00Z')]),
    ]);
    expect(check.status).toBe('fail');
    expect(check.detail).toBe(
      'acme/worker:1.4: on ssh://ops@b and ssh://ops@c aaaaaaaaaaaa (created 2026-11-02), older than bbbbbbbbbbbb (created 2026-12-01) on ssh://ops@a',
    );
  });

  test('one image per reference on every host passes', () => {
    const check = imageDriftCheck([
      host('a', [container('w1', NEW, '2026-12-01T10:00:00Z')]),
      host('b', [container('w2', NEW, '2026-12-01T10:00:00Z')]),
    ]);
    expect(check).toMatchObject({ status: 'pass' });
    expect(check.detail).toContain(
      '2 audited hosts run one image per reference: acme/worker:1.4 (bbbbbbbbbbbb)',
    );
  });

  test('images without a date are named, not ordered', () => {
    const check = imageDriftCheck([
      host('a', [container('w1', NEW, undefined)]),
      host('b', [container('w2', OLD, '2026-11-02T09:00:00Z')]),
    ]);
    expect(check.status).toBe('fail');
    expect(check.detail).toContain('is 2 images across the hosts, not all dated');
    expect(check.detail).toContain('bbbbbbbbbbbb (created when unknown) on a');
  });

  test('scaffolders are not workers: their image is not held to the workers', () => {
    const scaffolder = { ...container('s', OLD, '2020-01-01T00:00:00Z'), role: 'scaffolder' as const };
    expect(
      imageDriftCheck([host('a', [container('w1', NEW, '2026-12-01T00:00:00Z'), scaffolder])]).status,
    ).toBe('pass');
  });
});

describe('cache-volume-hosts: which volume each host shares, and that a name on two hosts is two volumes', () => {
  test('names the volume and its workers per host, and says a name on two engines is two volumes', () => {
    const check = cacheVolumeHostsCheck([
      host(
        'a',
        [container('w1', NEW, undefined, 'uv-cache'), container('w2', NEW, undefined, 'uv-cache')],
        'uv-cache',
      ),
      host(
        'b',
        [container('w3', NEW, undefined, 'uv-cache'), container('w4', NEW, undefined, 'other')],
        'uv-cache',
      ),
    ]);
    expect(check.status).toBe('pass');
    expect(check.detail).toBe(
      'on a: uv-cache, shared by w1 and w2 (2 of 2 workers); on b: uv-cache, shared by w3 (1 of 2 workers); uv-cache on a and b is 2 volumes, one per engine (a named volume lives on one engine): a cache warmed on one engine warms no other',
    );
  });

  test('two endpoints with one engine ID are one engine: their volume is one volume', () => {
    const same = (name: string, worker: string): AuditHost => ({
      ...host(name, [container(worker, NEW, undefined, 'uv-cache')], 'uv-cache'),
      engine: { endpoint: name, id: 'ABCD:EFGH' },
    });
    const check = cacheVolumeHostsCheck([same('unix:///s', 'w1'), same('tcp://r:1', 'w2')]);
    expect(check.detail).toContain(
      'unix:///s and tcp://r:1 reach one engine (ID ABCD:EFGH): their uv-cache is one volume',
    );
    expect(check.detail).not.toContain('one per engine');
  });

  test('two daemons on one host share the engine ID but not a root folder: two engines, two volumes', () => {
    // Seen here: a second dockerd with its own --data-root reports the first one's ID (/etc/docker/key.json).
    const daemon = (name: string, worker: string, rootDir: string): AuditHost => ({
      ...host(name, [container(worker, NEW, undefined, 'uv-cache')], 'uv-cache'),
      engine: { endpoint: name, id: 'ABCD:EFGH', rootDir },
    });
    const check = cacheVolumeHostsCheck([
      daemon('unix:///s', 'w1', '/var/lib/docker'),
      daemon('unix:///t', 'w2', '/srv/docker2'),
      daemon('tcp://r:1', 'w3', '/var/lib/docker'),
    ]);
    expect(check.detail).toContain(
      'uv-cache on unix:///s, unix:///t and tcp://r:1 is 2 volumes, one per engine',
    );
    expect(check.detail).toContain(
      'unix:///s and tcp://r:1 reach one engine (ID ABCD:EFGH at /var/lib/docker): their uv-cache is one volume',
    );
  });

  test('a host with no volume most of its workers share warns', () => {
    const check = cacheVolumeHostsCheck([host('a', [container('w1', NEW, undefined)])]);
    expect(check).toEqual({
      id: 'cache-volume-hosts',
      status: 'warn',
      detail: 'on a: no volume shared by most of its 1 workers',
    });
  });
});

describe('the fleet report', () => {
  const failing: AuditHost = {
    ...host('b', [container('w2', OLD, '2026-11-02T09:00:00Z', 'uv-cache')], 'uv-cache'),
    verdict: 'fail',
    failures: [{ gate: 'pids-limit:w2', message: 'no pids limit' }],
  };
  const passing = host('a', [container('w1', NEW, '2026-12-01T00:00:00Z', 'uv-cache')], 'uv-cache');
  const unreachable = hostOf(
    { endpoint: 'tcp://127.0.0.1:9', context: 'gone' },
    { verdict: 'error', failures: [], error: { message: 'the engine at tcp://127.0.0.1:9 does not answer' } },
  );

  test("each host's failures are <host>:<gate>, then the rules' own; exit 1", () => {
    const report = hostsReport([passing, failing], { startedAt: new Date(), skipChecks: [] });
    expect(report.failures.map((f) => f.gate)).toEqual(['b:pids-limit:w2', 'image-drift']);
    expect(report.checks.map((c) => c.id)).toEqual(['image-drift', 'cache-volume-hosts']);
    expect(report.verdict).toBe('fail');
    expect(exitCodeOf(report)).toBe(1);
  });

  test('a host that could not be audited is an error row named by its context, and makes the run exit 2', () => {
    const report = hostsReport([passing, unreachable], { startedAt: new Date(), skipChecks: [] });
    expect(unreachable).toMatchObject({
      host: 'gone',
      engine: { endpoint: 'tcp://127.0.0.1:9', context: 'gone' },
    });
    expect(report.error?.message).toBe('1 of 2 hosts could not be audited: gone');
    expect(report.error?.detail).toBe('gone: the engine at tcp://127.0.0.1:9 does not answer');
    expect(exitCodeOf(report)).toBe(2);
  });

  test('skip-checks turns a rule across hosts off', () => {
    const report = hostsReport([passing, failing], { startedAt: new Date(), skipChecks: ['image-drift'] });
    expect(report.checks.map((c) => c.id)).toEqual(['cache-volume-hosts']);
    expect(report.failures.map((f) => f.gate)).toEqual(['b:pids-limit:w2']);
  });
});
