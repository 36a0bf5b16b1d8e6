// The figures of each cache layout, the headline layout and its setup figures,
// the layout ratio and the advice, from the recorded runs (pure). Each figure
// has one formula here, is computed once where the e2e report is assembled
// (e2eFigures) and recorded; gates and views read the recorded figure. Only
// proved runs count: a not-cold cold run gives no cold figure and no speedup; a
// not-warm run is left out of the median.

import { formatRatio, formatSeconds } from '../numbers.js';
import type { CacheLayout, E2eReport, Interval, LayoutResult, LinkMode, Spread } from '../report.js';
import { byLayout, headlineLayout, provedSetups } from './proved-runs.js';
import { ratio, ratioInterval, roundSeconds, spread } from './stats.js';

export interface LayoutExtras {
  cacheBytesAfterScaffold: number | null;
  cacheBytesAfterCold: number | null;
  floorSeconds: number | null;
}

export function summarizeLayout(
  layout: CacheLayout,
  e2e: Pick<E2eReport, 'runs' | 'scaffolder'>,
  extras: LayoutExtras,
): LayoutResult {
  const { runs } = e2e;
  const proved = provedSetups(e2e, layout);
  const coldSeconds = proved.cold.map((c) => c.seconds);
  const cold = spread(coldSeconds);
  const warmRuns = runs.filter((r) => r.layout === layout && r.kind === 'warm');
  const warmSeconds = proved.warm.map((w) => w.seconds);
  const warm = spread(warmSeconds);
  const coldSetupSeconds = cold ? cold.median : null;
  const result: LayoutResult = {
    layout,
    linkMode: layoutLinkMode(warmRuns.filter((r) => r.linkMode !== undefined).map((r) => r.linkMode)),
    coldSetupSeconds,
    warmSetupSeconds: warm ? { ...warm, runs: warmSeconds.map(roundSeconds) } : null,
    speedup: setupSpeedup(coldSetupSeconds, warm?.median),
    cacheBytesAfterScaffold: extras.cacheBytesAfterScaffold,
    cacheBytesAfterCold: extras.cacheBytesAfterCold,
    floorSeconds: extras.floorSeconds === null ? null : roundSeconds(extras.floorSeconds),
  };
  if (cold) result.coldSetup = { ...cold, runs: coldSeconds.map(roundSeconds) };
  // Every proved cold and warm run: one cold run has no spread to resample, so no interval.
  const speedupInterval = ratioInterval(coldSeconds, warmSeconds);
  if (result.speedup !== null && speedupInterval) result.speedupInterval = speedupInterval;
  const floorRatio = ratio(warm?.median, extras.floorSeconds);
  if (floorRatio !== null) result.floorRatio = floorRatio;
  return result;
}

/** A layout's mode: its warm runs' mode when they agree, else unknown. */
export function layoutLinkMode(modes: readonly (LinkMode | undefined)[]): LinkMode {
  const first = modes[0];
  if (!first || modes.some((m) => m !== first)) return 'unknown';
  return first;
}

/**
 * A layout's speed-up: its cold median over its warm median, both as the report records them
 * (to the millisecond), so that anyone can check it from the figures beside it.
 */
export function setupSpeedup(coldSeconds: number | null, warmMedian: number | undefined): number | null {
  return ratio(coldSeconds, warmMedian);
}

/** The headline figures: the headline layout's own, copied. */
export function headlineSetup(main: LayoutResult | undefined): E2eReport['setup'] {
  if (!main) return null;
  const warm = main.warmSetupSeconds;
  return {
    coldSeconds: main.coldSetupSeconds,
    warmSeconds: warm ? withoutRuns(warm) : null,
    speedup: main.speedup,
  };
}

function withoutRuns({ runs: _runs, ...figures }: Spread & { runs: number[] }): Spread {
  return figures;
}

/** separate warm median / shared warm median (as recorded), when both were measured. */
export function layoutRatio(layouts: readonly LayoutResult[]): number | undefined {
  const { separate, shared } = byLayout(layouts);
  return ratio(separate?.warmSetupSeconds?.median, shared?.warmSetupSeconds?.median) ?? undefined;
}

/** The layout ratio's bootstrap 95 % interval, from the warm runs of both layouts. */
export function layoutRatioInterval(layouts: readonly LayoutResult[]): Interval | undefined {
  const { separate, shared } = byLayout(layouts);
  return ratioInterval(separate?.warmSetupSeconds?.runs ?? [], shared?.warmSetupSeconds?.runs ?? []);
}

/** The figures the e2e report records beside its layouts, each computed here once. */
export type E2eFigures = Pick<
  E2eReport,
  'layouts' | 'setup' | 'headlineLayout' | 'layoutRatio' | 'layoutRatioInterval' | 'advice'
>;

/** The headline layout, its setup figures, the layout ratio and the advice, from the layouts' figures. */
export function e2eFigures(layouts: LayoutResult[]): E2eFigures {
  const main = headlineLayout(layouts);
  const figures: E2eFigures = { layouts, setup: headlineSetup(main) };
  if (main) figures.headlineLayout = main.layout;
  const separateOverShared = layoutRatio(layouts);
  if (separateOverShared !== undefined) figures.layoutRatio = separateOverShared;
  const interval = layoutRatioInterval(layouts);
  if (separateOverShared !== undefined && interval) figures.layoutRatioInterval = interval;
  const advice = layoutAdvice(layouts, separateOverShared);
  if (advice) figures.advice = advice;
  return figures;
}

const COPIES: readonly LinkMode[] = ['copy', 'copy-fallback'];
const LINKS: readonly LinkMode[] = ['hardlink', 'clone', 'symlink'];

/**
 * One sentence a platform team can act on, when the production layout copies and the shared one
 * does not, with both medians and the layout ratio as recorded.
 */
export function layoutAdvice(
  layouts: readonly LayoutResult[],
  separateOverShared: number | undefined,
): string | undefined {
  const { separate, shared } = byLayout(layouts);
  if (!separate || !shared || !COPIES.includes(separate.linkMode) || !LINKS.includes(shared.linkMode))
    return undefined;
  const a = separate.warmSetupSeconds?.median;
  const b = shared.warmSetupSeconds?.median;
  const figures =
    a !== undefined && b !== undefined && separateOverShared !== undefined
      ? ` (warm setup ${formatSeconds(a)} against ${formatSeconds(b)}, ${formatRatio(separateOverShared)})`
      : '';
  const why =
    separate.linkMode === 'copy-fallback'
      ? 'uv cannot hard-link from a uv cache on its own volume into the workspace and copies every file'
      : 'uv copies every file from the uv cache into the workspace, as configured';
  return (
    `In the production layout ${why}${figures}: mount the uv cache inside the workspace volume ` +
    `(UV_CACHE_DIR on the same mount as the projects) so that uv can ${shared.linkMode === 'hardlink' ? 'hard-link' : shared.linkMode} instead.`
  );
}
