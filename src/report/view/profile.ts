// Where the setup time goes, as data: per cache layout the setups a profile is
// shown for (src/e2e/profile/profiled-setups.ts), each with its causes largest
// first; the plan's expected figures beside the measured ones; the ranked
// speed-ups. One view for the summary, the HTML, the comment and the CLI.
import {
  type Cause,
  causesOf,
  headlineWarm,
  type ProfiledSetup,
  profiledSetups,
} from '../../e2e/profile/profiled-setups.js';
import { formatNumber, formatPercent, formatSeconds, formatSignedSeconds } from '../../model/numbers.js';
import type { CacheLayout, E2eReport, Interval, Speedup } from '../../model/report.js';

function range({ low, high }: Interval): string {
  return `${formatNumber(low)}–${formatNumber(high)} s`;
}

/**
 * The expected setups (expect-cold-setup-seconds, expect-warm-setup-seconds, as the report recorded
 * them) beside the measured ones, and what stands between them; never a verdict.
 */
export function planComparison(e2e: E2eReport): string | undefined {
  const { setup, expected } = e2e;
  if (!setup || !expected) return undefined;
  const lines = [
    `Expected (never checked): a cold setup of ${range(expected.coldSeconds)} and a warm one of ${range(expected.warmSeconds)}; measured: cold ${formatSeconds(setup.coldSeconds)}, warm median ${formatSeconds(setup.warmSeconds?.median ?? null)}.`,
  ];
  const layout = e2e.headlineLayout;
  const shown = layout ? profiledSetups(e2e, layout) : [];
  for (const [role, measured, high] of [
    ['cold', setup.coldSeconds, expected.coldSeconds.high],
    ['warm', setup.warmSeconds?.median, expected.warmSeconds.high],
  ] as const) {
    const profile = shown.find((s) => s.role === role)?.profile;
    const gap = (measured ?? 0) - high;
    if (!profile || gap <= 0) continue;
    // The largest causes that together cover the excess over the expected upper figure.
    const between: Cause[] = [];
    let covered = 0;
    for (const cause of causesOf(profile)) {
      if (covered >= gap) break;
      between.push(cause);
      covered += cause.seconds;
    }
    const label = role === 'warm' ? 'the warm median' : 'the cold setup';
    lines.push(
      `Between ${label} and the expected ${formatNumber(high)} s (${formatSeconds(gap)} over): ${between
        .map((c) => `${c.label} ${formatSeconds(c.seconds)}`)
        .join(', ')}.`,
    );
  }
  return lines.join(' ');
}

/** `largest cause of the warm setup: preparing (downloads, local builds) 4.6 s of 17.8 s`, or undefined. */
export function largestWarmCause(e2e: E2eReport | undefined): string | undefined {
  const warm = e2e && headlineWarm(e2e);
  const top = warm && causesOf(warm.profile)[0];
  if (!warm || !top) return undefined;
  return `largest cause of the warm setup: ${top.label} ${formatSeconds(top.seconds)} of ${formatSeconds(warm.profile.seconds)}`;
}

/** The warm setup's three largest causes, one line each, for the end of the CLI's output. */
export function topCauseLines(e2e: E2eReport | undefined, count = 3): string[] {
  const warm = e2e && headlineWarm(e2e);
  if (!warm) return [];
  const causes = causesOf(warm.profile).slice(0, count);
  return [
    `where the warm setup's ${formatSeconds(warm.profile.seconds)} went (${warm.layout} layout, top ${causes.length}):`,
    ...causes.map((c, i) => `  ${i + 1}. ${c.label}: ${formatSeconds(c.seconds)}`),
  ];
}

const BAR_WIDTH = 20;
const TOP_COMMANDS = 3;

export interface CauseView {
  label: string;
  seconds: number;
  time: string;
  /** `26 %` of the setup. */
  share: string;
  /** Filled cells of a text bar BAR_CELLS wide. */
  bar: number;
}

export interface SetupProfileView {
  layout: CacheLayout;
  label: string;
  seconds: number;
  time: string;
  causes: CauseView[];
  topCommands: { name: string; time: string }[];
  /** `billing rebuilt, framework reused`. */
  localPackages?: string;
}

export interface SpeedupView {
  title: string;
  saves: string;
  basis: string;
  detail: string;
  /** try-fixes: what the trial found (`measured: −1.6 s (95 % interval …, n = 2 pairs)`), or why it was not tried. */
  trial?: string;
  /** try-fixes: the exact change tried (a unified diff, or the setting). */
  patch?: string;
  /** The change tried is the advice's setting (`NAME=value`), not a diff. */
  setting?: boolean;
}

export interface ProfileView {
  setups: SetupProfileView[];
  plan?: string;
  speedups: SpeedupView[];
}

export const BAR_CELLS = BAR_WIDTH;

function setupProfileView(s: ProfiledSetup): SetupProfileView {
  const total = s.profile.seconds;
  const causes = causesOf(s.profile).map((c) => ({
    label: c.label,
    seconds: c.seconds,
    time: formatSeconds(c.seconds),
    share: formatPercent(Math.round((c.seconds / total) * 100)),
    bar: total > 0 ? Math.round((c.seconds / total) * BAR_WIDTH) : 0,
  }));
  const topCommands = [...s.profile.lines]
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, TOP_COMMANDS)
    .map((l) => ({ name: l.name, time: formatSeconds(l.seconds) }));
  const view: SetupProfileView = {
    layout: s.layout,
    label: s.label,
    seconds: total,
    time: formatSeconds(total),
    causes,
    topCommands,
  };
  const local = s.profile.localPackages?.map((p) => `${p.name} ${p.state}`).join(', ');
  if (local !== undefined) view.localPackages = local;
  return view;
}

/** What try-fixes found, in the issue's words: measured with its interval and pairs, broken, or not tried and why. */
export function trialText(s: Speedup): string | undefined {
  const { tried } = s;
  if (s.notTried) return `estimated: not tried (${s.notTried})`;
  if (!tried) return undefined;
  if (tried.brokeProject) {
    const { phase, exitCode } = tried.brokeProject;
    return `not a saving: the fixed project fails its ${phase} (exit ${exitCode ?? 'none, timed out'})`;
  }
  const change = tried.changeSeconds;
  if (!change) return undefined;
  const interval = change.interval
    ? `95 % interval ${formatSignedSeconds(change.interval.low).replace(/ s$/, '')} … ${formatSignedSeconds(change.interval.high)}, `
    : '';
  return `measured: ${formatSignedSeconds(change.median)} (${interval}n = ${tried.pairs} pair${tried.pairs === 1 ? '' : 's'})`;
}

function speedupView(s: Speedup): SpeedupView {
  const view: SpeedupView = {
    title: s.title,
    saves: formatSeconds(s.seconds),
    basis: s.basis,
    detail: s.detail,
  };
  const trial = trialText(s);
  if (trial) view.trial = trial;
  if (s.tried?.patch) view.patch = s.tried.patch;
  if (s.setting && s.tried?.patch === s.setting) view.setting = true;
  return view;
}

export function profileView(e2e: E2eReport): ProfileView {
  const view: ProfileView = {
    setups: e2e.layouts.flatMap((l) => profiledSetups(e2e, l.layout)).map(setupProfileView),
    speedups: (e2e.speedups ?? []).map(speedupView),
  };
  const plan = planComparison(e2e);
  if (plan !== undefined) view.plan = plan;
  return view;
}
