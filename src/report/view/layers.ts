// The image's layers as every renderer shows them: the largest ones, the ones
// that grew against the baseline with the paths that grew in them, and the
// largest wasters. Instructions are the Dockerfile's text, not the history's.

import { largestLayers } from '../../build/image-info.js';
import { instructionOf } from '../../model/layers/history.js';
import { formatPercent } from '../../model/numbers.js';
import type { Baseline, Layer, Waste } from '../../model/report.js';
import { formatBytes, formatSignedBytes } from '../../model/units.js';

export interface LayerView {
  size: string;
  /** Size as a share of the largest layer's, 0–1. */
  share: number;
  line?: number;
  instruction: string;
}

export interface GrownLayerView {
  change: string;
  line?: number;
  instruction: string;
  /** `new`, or `edited` (paired with an older form of the line), else plain growth. */
  status?: 'new' | 'edited';
  /** `/opt/tools/pip/ +10.2 MB` etc., biggest first. */
  paths: { path: string; change: string }[];
}

export interface WasterView {
  size: string;
  line?: number;
  what: string;
  instruction: string;
}

export interface WasteView {
  headline: string;
  wasters: WasterView[];
}

export const STATUS_WORDS = { new: 'new line', edited: 'edited line' } as const;

const SHOWN = 5;

export function largestLayerViews(layers: Layer[]): LayerView[] {
  const largest = largestLayers(layers, SHOWN);
  const top = largest[0]?.sizeBytes || 1;
  return largest.map((l) => {
    const view: LayerView = {
      size: formatBytes(l.sizeBytes),
      share: l.sizeBytes / top,
      instruction: instructionOf(l.createdBy),
    };
    if (l.dockerfileLine) view.line = l.dockerfileLine;
    return view;
  });
}

export function grownLayerViews(baseline: Baseline): GrownLayerView[] {
  return baseline.grownLayers.map((g) => {
    const view: GrownLayerView = {
      change: formatSignedBytes(g.deltaBytes),
      instruction: instructionOf(g.createdBy),
      paths: (g.paths ?? []).map((p) => ({
        path: p.kind === 'folder' ? `${p.path}/` : p.path,
        change: formatSignedBytes(p.deltaBytes),
      })),
    };
    if (g.dockerfileLine) view.line = g.dockerfileLine;
    if (g.new) view.status = 'new';
    else if (g.baselineCreatedBy) view.status = 'edited';
    return view;
  });
}

/** The grown layers whose growing paths are told under the size gate: the first few that have any. */
export function growthWithPaths(grown: readonly GrownLayerView[]): GrownLayerView[] {
  return grown.slice(0, SHOWN).filter((v) => v.paths.length > 0);
}

export function wasteView(waste: Waste): WasteView {
  const headline = `${formatBytes(waste.wastedBytes)} wasted (${formatPercent(waste.wastedPercent)} of the image) · ${formatPercent(waste.efficiencyPercent)} efficient: ${formatBytes(waste.finalBytes)} of the ${formatBytes(waste.shippedBytes)} the layers ship reach the final filesystem`;
  const wasters = waste.wasters.slice(0, SHOWN).map((w) => {
    const what =
      w.kind === 'cache'
        ? `${w.what ?? 'cache'} left: ${w.path}`
        : w.kind === 'removed'
          ? `${w.path} deleted by line ${w.by?.dockerfileLine ?? `layer ${w.by?.index ?? '?'}`}`
          : `${w.files} file(s) in ${w.path} overwritten by line ${w.by?.dockerfileLine ?? `layer ${w.by?.index ?? '?'}`}`;
    const view: WasterView = {
      size: formatBytes(w.sizeBytes),
      what,
      instruction: instructionOf(w.layer.createdBy),
    };
    if (w.layer.dockerfileLine) view.line = w.layer.dockerfileLine;
    return view;
  });
  return { headline, wasters };
}
