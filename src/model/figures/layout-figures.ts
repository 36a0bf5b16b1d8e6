// The figures of each cache layout, the headline setup figures and the advice,
// from the recorded runs (pure). Only proved runs count: a not-cold cold run
// gives no cold figure and no speedup; a not-warm run is left out of the median.

import type { CacheLayout, E2eReport, LayoutResult, LinkMode } from '../report.js';
import { byLayout, headlineLayout, provedSetups } from './proved-runs.js';
import { ratio, roundSeconds, spread } from './stats.js';

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
  const coldSeconds = proved.cold?.seconds ?? null;
  const warmRuns = runs.filter((r) => r.layout === layout && r.kind === 'warm');
  const warmSeconds = proved.warm.map((w) => w.seconds);
  const warm = spread(warmSeconds);
  const result: LayoutResult = {
    layout,
    linkMode: layoutLinkMode(warmRuns.filter((r) => r.linkMode !== undefined).map((r) => r.linkMode)),
    coldSetupSeconds: coldSeconds === null ? null : roundSeconds(coldSeconds),
    warmSetupSeconds: warm ? { ...warm, runs: warmSeconds.map(roundSeconds) } : null,
    speedup: ratio(coldSeconds, warm?.median),
    cacheBytesAfterScaffold: extras.cacheBytesAfterScaffold,
    cacheBytesAfterCold: extras.cacheBytesAfterCold,
    floorSeconds: extras.floorSeconds === null ? null : roundSeconds(extras.floorSeconds),
  };
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

/** The headline figures, from the headline layout. */
export function headlineSetup(layouts: readonly LayoutResult[]): E2eReport['setup'] {
  const main = headlineLayout(layouts);
  if (!main) return null;
  const warm = main.warmSetupSeconds;
  return {
    coldSeconds: main.coldSetupSeconds,
    warmSeconds: warm ? { median: warm.median, min: warm.min, max: warm.max } : null,
    speedup: main.speedup,
  };
}

/** separate warm median / shared warm median, when both were measured. */
export function layoutRatio(layouts: readonly LayoutResult[]): number | undefined {
  const { separate, shared } = byLayout(layouts);
  return ratio(separate?.warmSetupSeconds?.median, shared?.warmSetupSeconds?.median) ?? undefined;
}

const COPIES: readonly LinkMode[] = ['copy', 'copy-fallback'];
const LINKS: readonly LinkMode[] = ['hardlink', 'clone', 'symlink'];

/** One sentence a platform team can act on, when the production layout copies and the shared one does not. */
export function layoutAdvice(layouts: readonly LayoutResult[]): string | undefined {
  const { separate, shared } = byLayout(layouts);
  if (!separate || !shared || !COPIES.includes(separate.linkMode) || !LINKS.includes(shared.linkMode))
    return undefined;
  const a = separate.warmSetupSeconds?.median;
  const b = shared.warmSetupSeconds?.median;
  const r = ratio(a, b);
  const figures =
    a !== undefined && b !== undefined && r !== null ? ` (warm setup ${a} s against ${b} s, ${r}×)` : '';
  const why =
    separate.linkMode === 'copy-fallback'
      ? 'uv cannot hard-link from a uv cache on its own volume into the workspace and copies every file'
      : 'uv copies every file from the uv cache into the workspace, as configured';
  return (
    `In the production layout ${why}${figures}: mount the uv cache inside the workspace volume ` +
    `(UV_CACHE_DIR on the same mount as the projects) so that uv can ${shared.linkMode === 'hardlink' ? 'hard-link' : shared.linkMode} instead.`
  );
}
