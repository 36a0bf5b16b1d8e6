// The one rule of which runs count and which layout heads the figures.
import { describe, expect, test } from 'vitest';
import {
  byLayout,
  headlineLayout,
  provedColdRuns,
  provedSetups,
  provedWarmRuns,
  setupSeconds,
} from '../../../../src/model/figures/proved-runs.js';
import type { E2eRun } from '../../../../src/model/report.js';
import { bothRuns, run } from './runs.js';

describe('proved runs', () => {
  test('a setup gives seconds only when it exited 0 in time', () => {
    const ok = run(1, 'separate', 'warm', 7.6, 'warm', 'copy');
    expect(setupSeconds(ok)).toBe(7.6);
    const failed: E2eRun = {
      ...ok,
      phases: ok.phases.map((p) => (p.name === 'setup' ? { ...p, exitCode: 2 } : p)),
    };
    expect(setupSeconds(failed)).toBeUndefined();
    const late: E2eRun = {
      ...ok,
      phases: ok.phases.map((p) => (p.name === 'setup' ? { ...p, timedOut: true } : p)),
    };
    expect(setupSeconds(late)).toBeUndefined();
    expect(setupSeconds({ ...ok, phases: ok.phases.filter((p) => p.name !== 'setup') })).toBeUndefined();
  });

  test('cold runs count when proved cold; warm runs when proved warm, per layout, in run order', () => {
    const runs = [
      run(0, 'separate', 'cold', 8, 'not-cold', 'copy', 0),
      run(1, 'separate', 'warm', 3, 'warm', 'copy'),
      run(2, 'separate', 'warm', 4, 'not-warm', 'copy', 2),
      run(3, 'separate', 'warm', 5, 'warm', 'copy'),
      run(4, 'shared', 'cold', 8, 'cold', 'hardlink'),
      run(5, 'shared', 'warm', 3, 'warm', 'hardlink'),
      run(6, 'shared', 'cold', 9, 'cold', 'hardlink'),
    ];
    expect(provedColdRuns(runs, 'separate')).toEqual([]);
    expect(provedColdRuns(runs, 'shared').map((r) => r.index)).toEqual([4, 6]);
    expect(provedWarmRuns(runs, 'separate').map((r) => r.index)).toEqual([1, 3]);
    expect(provedWarmRuns(runs, 'shared').map((r) => r.index)).toEqual([5]);
  });

  test('the proved runs with their setup seconds; a proved run whose setup failed has no figure', () => {
    const failed: E2eRun = run(5, 'shared', 'warm', 9, 'warm', 'hardlink');
    failed.phases = failed.phases.map((p) => (p.name === 'setup' ? { ...p, exitCode: 1 } : p));
    const runs = [
      run(0, 'shared', 'cold', 8, 'cold', 'hardlink', 40),
      run(1, 'shared', 'warm', 3, 'warm', 'hardlink'),
      failed,
      run(3, 'shared', 'warm', 4, 'not-warm', 'hardlink', 2),
      run(4, 'separate', 'cold', 8, 'not-cold', 'copy', 0),
    ];
    const shared = provedSetups({ runs }, 'shared');
    expect(shared.cold).toEqual([{ run: runs[0], seconds: 8, who: 'run 0' }]);
    expect(shared.warm.map((w) => [w.run?.index, w.seconds, w.who])).toEqual([[1, 3, 'run 1']]);
    expect(provedSetups({ runs }, 'separate')).toEqual({ cold: [], warm: [] });
  });
});

describe('the headline layout', () => {
  const separate = { layout: 'separate' as const, n: 1 };
  const shared = { layout: 'shared' as const, n: 2 };

  test('separate when it ran, wherever it stands; else the only one; none without layouts', () => {
    expect(headlineLayout([shared, separate])).toBe(separate);
    expect(headlineLayout([shared])).toBe(shared);
    expect(headlineLayout([])).toBeUndefined();
  });

  test('each layout by name, for the figures that compare the two', () => {
    expect(byLayout([shared, separate])).toEqual({ separate, shared });
    expect(byLayout(bothRuns().slice(0, 1))).toEqual({ separate: bothRuns()[0] });
  });
});
