// What the summary, the HTML report and the PR comment show from the layer
// archives, in one shape: the paths that grew in each grown layer, and the
// largest wasters. The renderers only add markup.
import { instructionOf } from '../build/history.js';
import { formatBytes, formatSignedBytes } from '../config/units.js';
import type { Baseline, Waste } from './types.js';

export interface GrownLayerView {
  change: string;
  line?: number;
  instruction: string;
  /** `new`, or `edited` (paired with an older form of the line), else plain growth. */
  status?: 'new' | 'edited';
  /** `/opt/tools/pip/ +10.2 MB` etc., biggest first. */
  paths: { path: string; change: string }[];
}

export function grownLayerViews(baseline: Baseline, layers = 5): GrownLayerView[] {
  return baseline.grownLayers.slice(0, layers).map((g) => {
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

export const STATUS_WORDS = { new: 'new line', edited: 'edited line' } as const;

export interface WasterView {
  size: string;
  line?: number;
  what: string;
  /** The shipping layer's created_by, for the renderer's own instruction cell. */
  createdBy: string;
}

export function wasteHeadline(waste: Waste): string {
  return `${formatBytes(waste.wastedBytes)} wasted (${waste.wastedPercent}% of the image) · ${waste.efficiencyPercent}% efficient: ${formatBytes(waste.finalBytes)} of the ${formatBytes(waste.shippedBytes)} the layers ship reach the final filesystem`;
}

export function topWasters(waste: Waste, count = 5): WasterView[] {
  return waste.wasters.slice(0, count).map((w) => {
    const what =
      w.kind === 'cache'
        ? `${w.what ?? 'cache'} left: ${w.path}`
        : w.kind === 'removed'
          ? `${w.path} deleted by line ${w.by?.dockerfileLine ?? `layer ${w.by?.index ?? '?'}`}`
          : `${w.files} file(s) in ${w.path} overwritten by line ${w.by?.dockerfileLine ?? `layer ${w.by?.index ?? '?'}`}`;
    const view: WasterView = { size: formatBytes(w.sizeBytes), what, createdBy: w.layer.createdBy };
    if (w.layer.dockerfileLine) view.line = w.layer.dockerfileLine;
    return view;
  });
}
