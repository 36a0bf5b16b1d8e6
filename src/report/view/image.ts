// The image's facts as every renderer shows them: reference, id, size, user,
// versions and its layers; and the baseline it is measured against.

import { formatPercent } from '../../model/numbers.js';
import type { Report } from '../../model/report.js';
import { shortImageId } from '../../model/text.js';
import { formatBytes, formatSignedBytes } from '../../model/units.js';
import {
  type GrownLayerView,
  grownLayerViews,
  growthWithPaths,
  type LayerView,
  largestLayerViews,
  type WasteView,
  wasteView,
} from './layers.js';

export interface BaselineView {
  sizeBytes: number;
  size: string;
  ref: string;
  /** Where the baseline came from (`registry`, `file`, ...) and the reference there. */
  source: string;
  sourceRef?: string;
  deltaBytes: number;
  deltaPercent: number;
  change: string;
  changePercent: string;
  grown: GrownLayerView[];
  /** The grown layers that have paths to tell, for "what grew". */
  growth: GrownLayerView[];
  /** Why no paths are told, when the layer archives could not be compared. */
  pathsNote?: string;
}

export interface ImageView {
  ref: string;
  id: string;
  shortId: string;
  sizeBytes: number;
  size: string;
  /** `1,234,567`. */
  exactSize: string;
  /** As recorded (empty for root), and as shown. */
  recordedUser: string;
  user: string;
  pythonVersion?: string;
  uvVersion?: string;
  dockerfile?: string;
  largest: LayerView[];
  waste?: WasteView;
}

export function baselineView(report: Report): BaselineView | undefined {
  const b = report.baseline;
  if (!b) return undefined;
  const grown = grownLayerViews(b);
  const view: BaselineView = {
    sizeBytes: b.image.sizeBytes,
    size: formatBytes(b.image.sizeBytes),
    ref: b.image.ref,
    source: b.source,
    deltaBytes: b.sizeDeltaBytes,
    deltaPercent: b.sizeDeltaPercent,
    change: formatSignedBytes(b.sizeDeltaBytes),
    changePercent: formatPercent(b.sizeDeltaPercent, { signed: true }),
    grown,
    growth: growthWithPaths(grown),
  };
  if (b.ref) view.sourceRef = b.ref;
  if (b.pathsNote) view.pathsNote = b.pathsNote;
  return view;
}

export function imageView(report: Report): ImageView | undefined {
  const image = report.image;
  if (!image) return undefined;
  const view: ImageView = {
    ref: image.ref,
    id: image.id,
    shortId: shortImageId(image.id),
    sizeBytes: image.sizeBytes,
    size: formatBytes(image.sizeBytes),
    exactSize: image.sizeBytes.toLocaleString('en-US'),
    recordedUser: image.user,
    user: image.user || 'root',
    largest: largestLayerViews(image.layers),
  };
  if (image.pythonVersion) view.pythonVersion = image.pythonVersion;
  if (image.uvVersion) view.uvVersion = image.uvVersion;
  if (image.dockerfile) view.dockerfile = image.dockerfile;
  if (image.waste) view.waste = wasteView(image.waste);
  return view;
}
