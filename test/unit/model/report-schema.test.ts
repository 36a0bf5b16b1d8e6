// Every report fixture follows the schema, and the hand-made ones cover the
// cases the renderers must handle.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/model/report.js';
import { reportSchema, validateReport } from '../../../src/model/report-schema.js';
import { fixtureNames, loadFixture, loadFixtures } from '../report/fixtures.js';

/** The values the schema allows at a path of `definitions`/`properties`, e.g. ['properties', 'verdict']. */
function allowed(...path: string[]): string[] {
  let node: unknown = reportSchema();
  for (const key of path) node = (node as Record<string, unknown>)[key];
  const values = (node as { enum?: string[] }).enum;
  if (!values) throw new Error(`no enum at ${path.join('/')}`);
  return values;
}

describe('report fixtures', () => {
  it('cover every command and every verdict the schema allows, and every check status', () => {
    const reports = loadFixtures().map((f) => f.report);
    expect(new Set(reports.map((r) => r.command))).toEqual(new Set(allowed('properties', 'command')));
    expect(new Set(reports.map((r) => r.verdict))).toEqual(new Set(allowed('properties', 'verdict')));
    const statuses = new Set(reports.flatMap((r) => r.checks.map((c) => c.status)));
    expect(statuses).toEqual(new Set(allowed('definitions', 'check', 'properties', 'status')));
  });

  for (const name of fixtureNames()) {
    it(`${name} validates against report.schema.json`, () => {
      expect(validateReport(loadFixture(name))).toEqual([]);
    });
  }

  it('cover pass, contract failure, e2e failure, both layouts, with and without a baseline, and error', () => {
    const reports = loadFixtures().map((f) => f.report);
    const some = (test: (r: Report) => boolean) => reports.some(test);
    expect(some((r) => r.verdict === 'pass' && r.e2e !== undefined)).toBe(true);
    expect(some((r) => r.verdict === 'fail' && r.checks.some((c) => c.status === 'fail') && !r.e2e)).toBe(
      true,
    );
    expect(
      some(
        (r) =>
          r.verdict === 'fail' && (r.e2e?.runs ?? []).some((run) => run.phases.some((p) => p.exitCode !== 0)),
      ),
    ).toBe(true);
    expect(some((r) => new Set(r.e2e?.layouts.map((l) => l.layout)).size === 2)).toBe(true);
    expect(some((r) => r.baseline !== undefined)).toBe(true);
    expect(some((r) => r.baseline === undefined && r.image !== undefined)).toBe(true);
    expect(some((r) => r.verdict === 'error' && r.error !== undefined)).toBe(true);
  });

  it('the schema rejects a report that breaks it (so the checks above can fail)', () => {
    const broken = structuredClone(loadFixture('synthetic-both')) as unknown as Record<string, unknown>;
    broken.verdict = 'maybe';
    const e2e = broken.e2e as { runs: { phases: { name: string }[] }[] };
    (e2e.runs[0]?.phases[0] as { name: string }).name = 'deploy';
    const problems = validateReport(broken);
    expect(problems.some((p) => p.startsWith('/verdict'))).toBe(true);
    expect(problems.some((p) => p.startsWith('/e2e/runs/0/phases/0/name'))).toBe(true);
  });

  it("an audited container's role is a worker or a scaffolder, and a fixture has each", () => {
    const recorded = loadFixture('recorded-audit-scaffolder');
    const roles = (recorded.audit?.containers ?? []).map((c) => c.role ?? 'worker');
    expect(new Set(roles)).toEqual(new Set(allowed('definitions', 'auditContainer', 'properties', 'role')));
    const broken = structuredClone(recorded) as unknown as { audit: { containers: { role: string }[] } };
    (broken.audit.containers[0] as { role: string }).role = 'boss';
    expect(validateReport(broken)).toEqual([expect.stringMatching(/^\/audit\/containers\/0\/role/)]);
  });
});
