// Which runs count, written once: only a proved run gives a figure (a cold run
// proved cold, a warm run proved warm, with a setup that exited 0 in time), and
// the headline figures come from the separate layout when it ran, else from the
// only layout that did. The layout summary, the timing gates, the profile views
// and every renderer read these; the headline layout is chosen once, when the e2e
// report is assembled, and read back from the report (`e2e.headlineLayout`).
import type { CacheLayout, E2eReport, E2eRun, LayoutResult, ScaffolderReport } from '../report.js';

/** The seconds of a run's setup (a concurrent worker's too) when it passed in time; a failed or timed-out setup has no figure. */
export function setupSeconds(run: Pick<E2eRun, 'phases'>): number | undefined {
  const phase = run.phases.find((p) => p.name === 'setup');
  return phase && phase.exitCode === 0 && !phase.timedOut ? phase.seconds : undefined;
}

/** The layout the headline figures come from: separate when it ran (with `both` it runs first), else the first. */
export function headlineLayout<T extends { layout: CacheLayout }>(layouts: readonly T[]): T | undefined {
  return layouts.find((l) => l.layout === 'separate') ?? layouts[0];
}

/** The figures of the headline layout the report recorded; none when no layout ran. */
export function recordedHeadline(
  e2e: Pick<E2eReport, 'layouts' | 'headlineLayout'>,
): LayoutResult | undefined {
  return e2e.layouts.find((l) => l.layout === e2e.headlineLayout);
}

/**
 * A run whose setup times a cache state: a clone's. A mounted handoff's setup runs with the
 * scaffolder's venvs present, so it is neither a cold nor a warm setup.
 */
function timesTheCache(run: E2eRun): boolean {
  return run.handoff !== 'mount';
}

/** The cold runs of a layout that were proved cold, in run order. */
export function provedColdRuns(runs: readonly E2eRun[], layout: CacheLayout): E2eRun[] {
  return runs.filter(
    (r) => r.layout === layout && r.kind === 'cold' && r.provedState === 'cold' && timesTheCache(r),
  );
}

/** The warm runs of a layout that were proved warm, in run order. */
export function provedWarmRuns(runs: readonly E2eRun[], layout: CacheLayout): E2eRun[] {
  return runs.filter(
    (r) => r.layout === layout && r.kind === 'warm' && r.provedState === 'warm' && timesTheCache(r),
  );
}

/** The figures of each layout by name, for the figures that set the two side by side. */
export function byLayout<T extends { layout: CacheLayout }>(
  layouts: readonly T[],
): { separate?: T; shared?: T } {
  const out: { separate?: T; shared?: T } = {};
  for (const l of layouts) out[l.layout] ??= l;
  return out;
}

/** A proved setup with its seconds: a developer's run, or the scaffolder's setup on the workers' cache. */
export interface TimedSetup {
  seconds: number;
  /** `run 2`, or `the scaffolder`: how messages name it. */
  who: string;
  run?: E2eRun;
}

/**
 * A layout's proved setups that have a figure, in run order: the cold ones (the scaffolder's
 * first when it set up on this layout's cache: scaffold-cache shared; then developer A's on
 * the layout's cache and each further cold run's on a fresh one), and the warm ones.
 */
export function provedSetups(
  e2e: Pick<E2eReport, 'runs' | 'scaffolder'>,
  layout: CacheLayout,
): { cold: TimedSetup[]; warm: TimedSetup[] } {
  const timed = (run: E2eRun): TimedSetup[] => {
    const seconds = setupSeconds(run);
    return seconds !== undefined ? [{ run, seconds, who: `run ${run.index}` }] : [];
  };
  const cold = scaffolderCold(e2e.scaffolder, layout).concat(provedColdRuns(e2e.runs, layout).flatMap(timed));
  const warm = provedWarmRuns(e2e.runs, layout).flatMap(timed);
  return { cold, warm };
}

function scaffolderCold(scaffolder: ScaffolderReport | undefined, layout: CacheLayout): TimedSetup[] {
  const setup = scaffolder?.setup;
  if (!setup?.onWorkersCache || scaffolder?.layout !== layout || setup.provedState !== 'cold') return [];
  return setup.seconds === null ? [] : [{ seconds: setup.seconds, who: 'the scaffolder' }];
}
