// The roles in every output: the scaffolder's line, the developers' line and
// why developer A was cold; the scaffolder as the runs table's first row; its
// failed phase's log; its JUnit class; an old report without roles unchanged.
import { describe, expect, test } from 'vitest';
import type { E2eReport, Report, ScaffolderReport } from '../../../../src/model/report.js';
import { renderHtml } from '../../../../src/report/html.js';
import { renderJunit } from '../../../../src/report/junit.js';
import { renderSummary } from '../../../../src/report/summary.js';
import { buildView } from '../../../../src/report/view/index.js';
import { roleLines } from '../../../../src/report/view/roles.js';
import { failedPhaseLogs, runsAbout, runsTable } from '../../../../src/report/view/runs.js';
import { loadFixture } from '../fixtures.js';

const scaffolder: ScaffolderReport = {
  image: 'acme/scaffolder:1',
  user: 'root',
  uid: 0,
  copier: '/usr/local/bin/copier',
  workspace: '/data/workspaces/project',
  layout: 'separate',
  cacheVolume: { name: 'wg-1-scaffold-cache', mountPoint: '/root/.cache/uv', ownerUid: 0, entries: 57 },
  workersCacheVolume: {
    name: 'wg-1-separate-cache',
    mountPoint: '/home/worker/.cache/uv',
    ownerUid: 1000,
    entries: 0,
  },
  phases: [
    { name: 'scaffold', seconds: 4.2, exitCode: 0, timedOut: false },
    { name: 'setup', seconds: 8.1, exitCode: 0, timedOut: false },
    { name: 'push', seconds: 0.2, exitCode: 0, timedOut: false },
  ],
  setup: { seconds: 8.1, onWorkersCache: false, provedState: 'cold', downloads: 57 },
  firstDeveloper: {
    cold: true,
    because:
      "the scaffolder's uv cache (wg-1-scaffold-cache at /root/.cache/uv, owner uid 0) is another volume than the workers'",
    setupSeconds: 8.3,
    warmMedianSeconds: 2.1,
    costSeconds: 6.2,
  },
};

const developer = {
  index: 0,
  worker: 'A' as const,
  kind: 'cold' as const,
  layout: 'separate' as const,
  role: 'developer' as const,
  handoff: 'clone' as const,
  provedState: 'cold' as const,
  phases: [
    { name: 'clone', seconds: 0.1, exitCode: 0, timedOut: false },
    { name: 'setup', seconds: 8.3, exitCode: 0, timedOut: false },
  ],
};

const e2e = { runs: [developer], scaffolder, handoff: 'clone' } as unknown as E2eReport;

describe('the roles of an end to end', () => {
  test('one line per role, then why developer A was cold with what it cost', () => {
    expect(roleLines(e2e)).toEqual([
      'scaffolder: acme/scaffolder:1 as root (uid 0), copier /usr/local/bin/copier, in /data/workspaces/project, uv cache wg-1-scaffold-cache at /root/.cache/uv (owner uid 0, 57 distributions after its setup); first push with hooks off',
      "developers (handoff clone): clone the origin, uv cache wg-1-separate-cache at /home/worker/.cache/uv (owner uid 1000, 0 distributions before developer A); push with the project's hooks on",
      "developer A was cold: the scaffolder's uv cache (wg-1-scaffold-cache at /root/.cache/uv, owner uid 0) is another volume than the workers' (setup 8.3 s against a warm median of 2.1 s)",
    ]);
    expect(roleLines({ ...e2e, scaffolder: undefined } as unknown as E2eReport)).toEqual([]);
  });

  test('the scaffolder is the runs table’s first row, with its own phases in their columns', () => {
    const table = runsTable(e2e);
    expect(table.rows.map((r) => [r.index, r.worker, r.kind, r.label])).toEqual([
      ['—', 'scaffolder', 'root', 'the scaffolder (root)'],
      ['0', 'A', 'cold', 'developer A (cold, separate, clone)'],
    ]);
    const [s] = table.rows;
    expect(s?.cells.map((c) => c?.name)).toEqual(['scaffold', 'setup', 'push']);
    // Its proof is about its own cache, not the workers': not shown as the cold run's.
    expect(s?.proved).toBeUndefined();
    expect(table.head).toEqual([
      'Run',
      'Worker',
      'Layout',
      'scaffold / clone',
      'setup',
      'push',
      'Proved state',
      'Link mode',
      'Downloads',
    ]);
    expect(runsAbout(e2e)).toMatch(/^Seconds per phase\. The scaffolder scaffolds, sets up and pushes first/);
  });

  test('a failed scaffolder phase has its log, its JUnit class, and its gate in the summary', () => {
    const failed = {
      ...scaffolder,
      phases: [{ name: 'scaffold', seconds: 30, exitCode: null, timedOut: true, logTail: 'copier hung' }],
    };
    const report = {
      ...loadFixture('synthetic-pass'),
      verdict: 'fail',
      failures: [
        { gate: 'e2e:scaffolder:scaffold', message: 'the scaffolder (root): phase scaffold timed out' },
      ],
      e2e: { ...loadFixture('synthetic-pass').e2e, runs: [], scaffolder: failed, handoff: 'clone' },
    } as unknown as Report;
    expect(failedPhaseLogs(report)).toEqual([
      { run: 'the scaffolder (root)', phase: 'scaffold', outcome: 'timed out', tail: 'copier hung' },
    ]);
    expect(renderJunit(report)).toContain('classname="worker-gate.e2e.scaffolder" name="scaffold"');
    expect(renderSummary(report)).toContain('- scaffolder: acme/scaffolder:1 as root (uid 0)');
    expect(renderHtml(report)).toContain('<ul class="roles"><li>scaffolder: acme/scaffolder:1 as root');
    expect(buildView(report).logs[0]?.run).toBe('the scaffolder (root)');
  });
});
