// audit over several engines, orchestrated: a fake audit per target.
import { describe, expect, test } from 'vitest';
import { auditHosts } from '../../../src/audit/run-hosts.js';
import type { EngineTarget } from '../../../src/config/docker-contexts.js';
import { Interrupted } from '../../../src/docker/guard.js';
import type { Report } from '../../../src/model/report.js';
import { finishReport, newReport } from '../../../src/model/report-building.js';

const targets: EngineTarget[] = [
  { endpoint: 'unix:///var/run/docker.sock', env: {} },
  { endpoint: 'ssh://ops@b', context: 'b', env: { DOCKER_HOST: 'ssh://ops@b' } },
  { endpoint: 'tcp://c:2375', env: {} },
];

function audited(target: EngineTarget): Report {
  const report = newReport('audit');
  report.engine = { endpoint: target.endpoint, id: `id-${target.endpoint}`, name: 'engine' };
  report.audit = { engine: target.endpoint, filters: [], containers: [] };
  return finishReport(report);
}

describe('auditHosts', () => {
  test('audits each target once, in order, and records how each was named', async () => {
    const seen: string[] = [];
    const report = await auditHosts({
      targets,
      skipChecks: [],
      runOne: async (target) => {
        seen.push(target.endpoint);
        return audited(target);
      },
    });
    expect(seen).toEqual(targets.map((t) => t.endpoint));
    expect(report.hosts?.map((h) => [h.host, h.engine.context, h.engine.id])).toEqual([
      ['unix:///var/run/docker.sock', undefined, 'id-unix:///var/run/docker.sock'],
      ['b', 'b', 'id-ssh://ops@b'],
      ['tcp://c:2375', undefined, 'id-tcp://c:2375'],
    ]);
    expect(report.verdict).toBe('pass');
  });

  test('after Ctrl-C the hosts not yet started are error rows, never audited', async () => {
    const control = new AbortController();
    const seen: string[] = [];
    const report = await auditHosts({
      targets,
      skipChecks: [],
      signal: control.signal,
      runOne: async (target) => {
        seen.push(target.endpoint);
        control.abort(new Interrupted('SIGINT'));
        return audited(target);
      },
    });
    expect(seen).toEqual(['unix:///var/run/docker.sock']);
    expect(report.hosts?.map((h) => h.verdict)).toEqual(['pass', 'error', 'error']);
    expect(report.hosts?.[1]?.error?.message).toMatch(/^not audited: interrupted by SIGINT/);
    expect(report.verdict).toBe('error');
  });
});
