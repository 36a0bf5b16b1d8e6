// The fleet's view: the table's rows (errors first, each host with its endpoint,
// context and engine), the headline, and each host's audit with its own remedies.
import { describe, expect, test } from 'vitest';
import { hostOf, hostsReport } from '../../../../src/audit/hosts.js';
import { renderers } from '../../../../src/report/renderers.js';
import { hostsView, hostsWhat } from '../../../../src/report/view/hosts.js';
import { loadFixture } from '../fixtures.js';

const drift = loadFixture('synthetic-audit-hosts-drift');

describe('hostsView', () => {
  test('a row per host, failing before passing, naming its endpoint, context, engine and images', () => {
    const view = hostsView(drift);
    expect(view?.rows.map((r) => [r.host, r.endpoint, r.context, r.verdict, r.workers, r.failures])).toEqual([
      ['tcp://10.0.0.6:2376', 'tcp://10.0.0.6:2376', undefined, 'fail', 2, 1],
      ['workers-1', 'ssh://ops@workers-1', 'workers-1', 'pass', 2, 0],
    ]);
    expect(view?.rows[0]?.images).toEqual(['registry.example.com/worker-base-common:1.4 (3e3e3e3e3e3e)']);
    expect(view?.rows[1]).toMatchObject({
      engineName: 'workers-1',
      engineId: 'Q3JX:7TQK:KX2W:UY6M:XJ4E:2B3V:PA7N:F6LC:OZ5D:3RTM:H2GE:NW4S',
    });
    expect(view?.rules.map((r) => [r.id, r.status])).toEqual([
      ['image-drift', 'fail'],
      ['cache-volume-hosts', 'pass'],
    ]);
  });

  test("each host's audit finds its checks' remedies under the host's own gate ids", () => {
    const section = hostsView(drift)?.sections[0];
    const pids = section?.audit.workers[0]?.checks.find((k) => k.id === 'pids-limit');
    expect(pids?.remedy).toContain('Give `workers-2-dev-2` a pids limit');
  });

  test('a host that did not answer is the first row, with what it said; the headline counts it', () => {
    const unreachable = hostOf(
      { endpoint: 'tcp://127.0.0.1:9' },
      {
        verdict: 'error',
        failures: [],
        error: { message: 'no Docker engine answers at DOCKER_HOST=tcp://127.0.0.1:9: start one' },
      },
    );
    const report = hostsReport([...(drift.hosts ?? []), unreachable], {
      startedAt: new Date(drift.startedAt),
      skipChecks: [],
    });
    const row = hostsView(report)?.rows[0];
    expect(row).toMatchObject({ host: 'tcp://127.0.0.1:9', verdict: 'error', workers: 0 });
    expect(row?.error).toContain('no Docker engine answers at DOCKER_HOST=tcp://127.0.0.1:9');
    expect(hostsWhat(report)).toBe(
      '1 of 3 hosts failed the audit, 1 could not be audited; image-drift failed across hosts',
    );
    expect(renderers.summary(report)).toContain('**`tcp://127.0.0.1:9`** could not be audited:');
  });

  test('not an audit over several engines: no view', () => {
    expect(hostsView(loadFixture('audit-fleet'))).toBeUndefined();
  });
});
