// The ranked speed-ups, on profiles recorded in real workers.
import { describe, expect, test } from 'vitest';
import { medianWarmRun } from '../../../../src/e2e/profile/profiled-setups.js';
import { rankSpeedups } from '../../../../src/e2e/profile/speedups.js';
import type { E2eReport, E2eRun } from '../../../../src/model/report.js';
import { profiledE2e, profiledRuns } from './recorded.js';

describe('speed-ups, ranked by what they save', () => {
  test('largest first, each measured or estimated, with the local packages named and their seconds', () => {
    const speedups = profiledE2e().speedups ?? [];
    const seconds = speedups.map((s) => s.seconds);
    expect(seconds).toEqual([...seconds].sort((a, b) => b - a));
    const byId = Object.fromEntries(speedups.map((s) => [s.kind, s]));
    // The floor rebuilt framework: an editable install, not a clone's doing.
    expect(byId['editable-rebuilds']).toMatchObject({ basis: 'estimated', seconds: 10.3 });
    expect(byId['editable-rebuilds']?.title).toContain('framework');
    expect(byId['local-rebuilds']?.title).toContain('billing, orders');
    expect(byId['local-rebuilds']?.title).not.toContain('framework');
    expect(byId['local-rebuilds']?.detail).toContain('cache-keys = [{ git = { commit = true } }]');
    // uv keys a local build on its path too: the advice says where this run's clones were.
    expect(byId['local-rebuilds']?.detail).toMatch(
      /a clone at another path rebuilds .*every developer of the separate layout here clones to one path\)$/,
    );
    // Only one layout ran: the layout's saving is an estimate from the copying time.
    expect(byId.layout?.basis).toBe('estimated');
    expect(byId['uncacheable-commands']).toMatchObject({ basis: 'measured', seconds: 0.86 });
  });

  test('with both layouts measured, the layout saving is the measured difference of warm medians', () => {
    const report = profiledE2e();
    report.layouts.push({
      ...(report.layouts[0] as E2eReport['layouts'][number]),
      layout: 'shared',
      warmSetupSeconds: { median: 20, min: 20, max: 20, runs: [20] },
    });
    const layout = rankSpeedups(report).find((s) => s.kind === 'layout');
    expect(layout?.basis).toBe('measured');
    expect(layout?.seconds).toBeCloseTo((report.layouts[0]?.warmSetupSeconds?.median ?? 0) - 20, 2);
    // Its figures read as the View shows every figure: seconds to a tenth.
    expect(layout?.detail).toMatch(
      /^warm median \d+\.\d s with the cache on its own volume, 20\.0 s with both in one volume/,
    );
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
