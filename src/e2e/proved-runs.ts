// Which runs count, written once: only a proved run gives a figure (a cold run
// proved cold, a warm run proved warm, with a setup that exited 0 in time), and
// the headline figures come from the separate layout when it ran, else from the
// only layout that did. The layout summary, the timing gates, the profile views
// and every renderer read these.
import type { CacheLayout, E2eRun } from '../report/types.js';

/** The seconds of a run's setup (a concurrent worker's too) when it passed in time; a failed or timed-out setup has no figure. */
export function setupSeconds(run: Pick<E2eRun, 'phases'>): number | undefined {
  const phase = run.phases.find((p) => p.name === 'setup');
  return phase && phase.exitCode === 0 && !phase.timedOut ? phase.seconds : undefined;
}

/** The layout the headline figures come from: separate when it ran (with `both` it runs first), else the first. */
export function headlineLayout<T extends { layout: CacheLayout }>(layouts: readonly T[]): T | undefined {
  return layouts.find((l) => l.layout === 'separate') ?? layouts[0];
}

/** The cold run of a layout, when it was proved cold. */
export function provedColdRun(runs: readonly E2eRun[], layout: CacheLayout): E2eRun | undefined {
  return runs.find((r) => r.layout === layout && r.kind === 'cold' && r.provedState === 'cold');
}

/** The warm runs of a layout that were proved warm, in run order. */
export function provedWarmRuns(runs: readonly E2eRun[], layout: CacheLayout): E2eRun[] {
  return runs.filter((r) => r.layout === layout && r.kind === 'warm' && r.provedState === 'warm');
}

/** The figures of each layout by name, for the figures that set the two side by side. */
export function byLayout<T extends { layout: CacheLayout }>(
  layouts: readonly T[],
): { separate?: T; shared?: T } {
  const out: { separate?: T; shared?: T } = {};
  for (const l of layouts) out[l.layout] ??= l;
  return out;
}

/** A run with its setup seconds. */
export interface TimedSetup {
  run: E2eRun;
  seconds: number;
}

/** A layout's proved runs that have a setup figure: the cold one, and the warm ones in run order. */
export function provedSetups(
  runs: readonly E2eRun[],
  layout: CacheLayout,
): { cold?: TimedSetup; warm: TimedSetup[] } {
  const timed = (run: E2eRun | undefined): TimedSetup[] => {
    const seconds = run ? setupSeconds(run) : undefined;
    return run && seconds !== undefined ? [{ run, seconds }] : [];
  };
  const [cold] = timed(provedColdRun(runs, layout));
  const warm = provedWarmRuns(runs, layout).flatMap(timed);
  return cold ? { cold, warm } : { warm };
}
