// The per-layout figures of `make setup` (cold, warm median with its spread,
// speedup, floor, cache sizes) and the bars of the setup chart drawn from them.

import { formatRatio, formatSeconds } from '../../model/numbers.js';
import type { CacheLayout, E2eReport, LinkMode } from '../../model/report.js';
import { formatBytes } from '../../model/units.js';
import { formatInterval, formatSpreadStats } from '../format.js';

export const NO_PROVED_COLD = 'no proved cold run';
export const NO_PROVED_WARM = 'no proved warm run';

export interface LayoutView {
  layout: CacheLayout;
  linkMode: LinkMode;
  /** Undefined when no cold run was proved cold; the median of several. */
  cold?: string;
  /** With more than one proved cold run: their spread, as the warm runs'. */
  coldSpread?: { min: string; max: string; stats: string };
  /** Undefined when no warm run was proved warm. */
  warm?: { median: string; min: string; max: string; runs: number; stats?: string };
  speedup: string;
  /** `1.1× … 1.3×`, when the speed-up has an interval. */
  speedupInterval?: string;
  floor: string;
  cacheAfterScaffold: string;
  cacheAfterCold: string;
}

const bytes = (n: number | null) => (n === null ? '—' : formatBytes(n));

export function layoutViews(e2e: E2eReport): LayoutView[] {
  return e2e.layouts.map((l) => {
    const view: LayoutView = {
      layout: l.layout,
      linkMode: l.linkMode,
      speedup: formatRatio(l.speedup),
      floor: formatSeconds(l.floorSeconds),
      cacheAfterScaffold: bytes(l.cacheBytesAfterScaffold),
      cacheAfterCold: bytes(l.cacheBytesAfterCold),
    };
    if (l.coldSetupSeconds !== null) view.cold = formatSeconds(l.coldSetupSeconds);
    const cold = l.coldSetup;
    const coldStats = cold && (cold.n ?? 1) > 1 ? formatSpreadStats(cold) : undefined;
    if (cold && coldStats)
      view.coldSpread = { min: formatSeconds(cold.min), max: formatSeconds(cold.max), stats: coldStats };
    const warm = l.warmSetupSeconds;
    if (warm) {
      view.warm = {
        median: formatSeconds(warm.median),
        min: formatSeconds(warm.min),
        max: formatSeconds(warm.max),
        runs: warm.runs.length,
      };
      const stats = formatSpreadStats(warm);
      if (stats) view.warm.stats = stats;
    }
    if (l.speedupInterval) view.speedupInterval = formatInterval(l.speedupInterval, formatRatio);
    return view;
  });
}

export interface SetupBar {
  layout: CacheLayout;
  kind: 'cold' | 'warm' | 'floor';
  seconds: number;
  /** Spread of the warm runs behind a median. */
  min?: number;
  max?: number;
  runs?: number;
}

export interface SetupChart {
  bars: SetupBar[];
  /** How uv linked files in each layout: it explains the bars. */
  linkModes: Partial<Record<CacheLayout, LinkMode>>;
}

/** Cold setup, warm median (with its spread) and floor per layout: the timings chart. */
export function setupChart(e2e: E2eReport | undefined): SetupChart {
  const bars: SetupBar[] = [];
  const linkModes: SetupChart['linkModes'] = {};
  for (const layout of e2e?.layouts ?? []) {
    linkModes[layout.layout] ??= layout.linkMode;
    if (layout.coldSetupSeconds !== null) {
      bars.push({ layout: layout.layout, kind: 'cold', seconds: layout.coldSetupSeconds });
    }
    const warm = layout.warmSetupSeconds;
    if (warm) {
      bars.push({
        layout: layout.layout,
        kind: 'warm',
        seconds: warm.median,
        min: warm.min,
        max: warm.max,
        runs: warm.runs.length,
      });
    }
    if (layout.floorSeconds !== null)
      bars.push({ layout: layout.layout, kind: 'floor', seconds: layout.floorSeconds });
  }
  return { bars, linkModes };
}
