// Which setups a profile is shown for, per cache layout: the cold setup, the
// proved warm one whose setup is the median (the lower middle for an even
// count) and the floor. The ranked speed-ups (speedups.ts) and every view of
// the profile (src/report/view/profile.ts) read these.

import { provedWarmRuns } from '../../model/figures/proved-runs.js';
import type { CacheLayout, E2eReport, E2eRun, Phase, PhaseProfile } from '../../model/report.js';

export interface ProfiledSetup {
  layout: CacheLayout;
  role: 'cold' | 'warm' | 'floor';
  /** `cold`, `warm (median of 3)`, `floor`. */
  label: string;
  run: E2eRun;
  phase: Phase;
  profile: PhaseProfile;
}

export interface Cause {
  label: string;
  seconds: number;
}

/** A setup's categories and its unexplained remainder, largest first: the one ranking every view and gate reads. */
export function causesOf(profile: PhaseProfile): Cause[] {
  const causes: Cause[] = profile.categories.map((c) => ({ label: c.label, seconds: c.seconds }));
  if (profile.unexplainedSeconds > 0)
    causes.push({ label: 'unexplained', seconds: profile.unexplainedSeconds });
  return causes.filter((c) => c.seconds > 0).sort((a, b) => b.seconds - a.seconds);
}

const profiled = (run: E2eRun, name: 'setup' | 'floor') => {
  const phase = run.phases.find((p) => p.name === name);
  return phase?.profile ? { phase, profile: phase.profile } : undefined;
};

/** The lower middle of the proved warm runs of a layout, by setup seconds. */
export function medianWarmRun(runs: readonly E2eRun[], layout: CacheLayout): E2eRun | undefined {
  const warm = provedWarmRuns(runs, layout)
    .filter((r) => profiled(r, 'setup'))
    .sort((a, b) => (profiled(a, 'setup')?.phase.seconds ?? 0) - (profiled(b, 'setup')?.phase.seconds ?? 0));
  return warm[Math.floor((warm.length - 1) / 2)];
}

export function profiledSetups(e2e: E2eReport, layout: CacheLayout): ProfiledSetup[] {
  const runs = e2e.runs.filter((r) => r.layout === layout);
  const out: ProfiledSetup[] = [];
  // The cold setup's profile tells where the time went even when the run was not proved cold.
  const cold = runs.find((r) => r.kind === 'cold');
  const coldSetup = cold && profiled(cold, 'setup');
  if (cold && coldSetup) out.push({ layout, role: 'cold', label: 'cold', run: cold, ...coldSetup });
  const warm = medianWarmRun(e2e.runs, layout);
  const warmSetup = warm && profiled(warm, 'setup');
  const count = provedWarmRuns(e2e.runs, layout).length;
  if (warm && warmSetup)
    out.push({ layout, role: 'warm', label: `warm (median of ${count})`, run: warm, ...warmSetup });
  for (const run of runs) {
    const floor = profiled(run, 'floor');
    if (floor) out.push({ layout, role: 'floor', label: 'floor (again, venvs present)', run, ...floor });
  }
  return out;
}

/** The warm setup the headline figures are about: the headline layout's median warm run. */
export function headlineWarm(e2e: E2eReport): ProfiledSetup | undefined {
  const layout = e2e.headlineLayout;
  return layout ? profiledSetups(e2e, layout).find((s) => s.role === 'warm') : undefined;
}
