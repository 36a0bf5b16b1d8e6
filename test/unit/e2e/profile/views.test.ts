// The ranked speed-ups and every view of the profile, on profiles recorded in real workers.
import { describe, expect, test } from 'vitest';
import { closingLines } from '../../../../src/cli.js';
import { medianWarmRun } from '../../../../src/e2e/profile/profiled-setups.js';
import { rankSpeedups } from '../../../../src/e2e/profile/speedups.js';
import type { E2eReport, E2eRun } from '../../../../src/model/report.js';
import { newReport } from '../../../../src/model/report-building.js';
import { validateReport } from '../../../../src/model/report-schema.js';
import { profileMarkdown, profileSvg } from '../../../../src/report/profile-markup.js';
import {
  largestWarmCause,
  planComparison,
  profileView,
  topCauseLines,
} from '../../../../src/report/view/profile.js';
import { profiledRuns } from './recorded.js';

function e2eOf(runs: E2eRun[], warmMedian: number): E2eReport {
  const e2e: E2eReport = {
    template: { source: 'templates/service', ref: 'HEAD', data: {} },
    runs,
    layouts: [
      {
        layout: 'separate',
        linkMode: 'copy-fallback',
        coldSetupSeconds: 43.7,
        warmSetupSeconds: { median: warmMedian, min: warmMedian, max: warmMedian, runs: [warmMedian] },
        speedup: 43.7 / warmMedian,
        cacheBytesAfterScaffold: null,
        cacheBytesAfterCold: null,
        floorSeconds: null,
      },
    ],
    setup: {
      coldSeconds: 43.7,
      warmSeconds: { median: warmMedian, min: warmMedian, max: warmMedian },
      speedup: 1,
    },
  };
  const speedups = rankSpeedups(e2e);
  if (speedups.length > 0) e2e.speedups = speedups;
  return e2e;
}

const e2e = () => {
  const runs = profiledRuns();
  return e2eOf(runs, runs[1]?.phases[0]?.seconds ?? 0);
};

describe('speed-ups, ranked by what they save', () => {
  test('largest first, each measured or estimated, with the local packages named and their seconds', () => {
    const speedups = e2e().speedups ?? [];
    const seconds = speedups.map((s) => s.seconds);
    expect(seconds).toEqual([...seconds].sort((a, b) => b - a));
    const byId = Object.fromEntries(speedups.map((s) => [s.kind, s]));
    // The floor rebuilt framework: an editable install, not a clone's doing.
    expect(byId['editable-rebuilds']).toMatchObject({ basis: 'estimated', seconds: 10.3 });
    expect(byId['editable-rebuilds']?.title).toContain('framework');
    expect(byId['local-rebuilds']?.title).toContain('billing, orders');
    expect(byId['local-rebuilds']?.title).not.toContain('framework');
    expect(byId['local-rebuilds']?.detail).toContain('cache-keys = [{ git = { commit = true } }]');
    // Only one layout ran: the layout's saving is an estimate from the copying time.
    expect(byId.layout?.basis).toBe('estimated');
    expect(byId['uncacheable-commands']).toMatchObject({ basis: 'measured', seconds: 0.86 });
  });

  test('with both layouts measured, the layout saving is the measured difference of warm medians', () => {
    const report = e2e();
    report.layouts.push({
      ...(report.layouts[0] as E2eReport['layouts'][number]),
      layout: 'shared',
      warmSetupSeconds: { median: 20, min: 20, max: 20, runs: [20] },
    });
    const layout = rankSpeedups(report).find((s) => s.kind === 'layout');
    expect(layout?.basis).toBe('measured');
    expect(layout?.seconds).toBeCloseTo((report.layouts[0]?.warmSetupSeconds?.median ?? 0) - 20, 2);
  });

  test('the median warm run is the lower middle of an even count', () => {
    const [cold, warm] = profiledRuns() as [E2eRun, E2eRun];
    const at = (index: number, seconds: number): E2eRun => ({
      ...warm,
      index,
      phases: warm.phases.map((p) => (p.name === 'setup' ? { ...p, seconds } : p)),
    });
    const runs = [cold, at(1, 9), at(2, 3), at(3, 7), at(4, 5)];
    expect(medianWarmRun(runs, 'separate')?.index).toBe(4);
  });
});

describe('the views', () => {
  test('summary: per setup a table of categories with text bars and top commands, the plan beside the measured', () => {
    const md = profileMarkdown(profileView(e2e()));
    expect(md).toContain('**separate layout, cold**');
    expect(md).toContain('**separate layout, warm (median of 1)**');
    expect(md).toContain('**separate layout, floor (again, venvs present)**');
    expect(md).toMatch(/\| preparing \(downloads, local builds\) \| \d+\.\d s \| \d+ % \| `█+·*` \|/);
    expect(md).toContain('Top commands: `uv sync`');
    expect(md).toContain('Local packages: billing rebuilt, framework rebuilt, orders rebuilt');
    // The floor reuses the services' builds and rebuilds the editable framework.
    expect(md).toContain('Local packages: billing reused, framework rebuilt, orders reused');
    expect(md).toContain('**What would make the warm setup faster**');
    expect(planComparison(e2e())).toMatch(
      /^The plan expects a cold setup of about 15–35 s and a warm one of about 3–5 s; measured: cold 43\.7 s, warm median 51\.\d s\. Between the cold setup and the plan's 35 s \(8\.7 s over\): preparing \(downloads, local builds\) 31\.9 s\. Between the warm median and the plan's 5 s \(\d+\.\d s over\): preparing/,
    );
  });

  test('HTML: one stacked bar per shown setup, a segment per category', () => {
    const svg = profileSvg(profileView(e2e())) ?? '';
    expect(svg.match(/<text x="192"/g)).toHaveLength(3);
    expect(svg).toContain('<title>code generation: ');
    expect(svg).not.toContain('NaN');
  });

  test('comment and CLI: the largest cause of the warm setup, and the top three', () => {
    expect(largestWarmCause(e2e())).toMatch(
      /^largest cause of the warm setup: preparing \(downloads, local builds\) \d+\.\d s of 51\.\d s$/,
    );
    const report = newReport('e2e');
    report.e2e = e2e();
    const lines = closingLines(report).split('\n');
    expect(lines.filter((l) => /^worker-gate: {3}\d\. /.test(l))).toHaveLength(3);
    expect(topCauseLines(undefined)).toEqual([]);
    expect(validateReport(report)).toEqual([]);
  });
});
