// The contract's look inside the layer archives: waste (wasted bytes,
// caches, efficiency, and their gates) and what grew in each grown layer
// against its paired baseline layer. The archives are read only when a waste
// gate is set or a size gate failed, so a passing image stays fast.
import type { Engine } from '../docker/engine.js';
import type { Baseline, Layer, Waste } from '../report/types.js';
import { grownPaths } from './grown-paths.js';
import { type LayerListing, readLayerFiles } from './layer-files.js';
import { pairLayers } from './layer-pairing.js';
import type { ContractOptions, DraftCheck } from './types.js';
import { isSkipped } from './types.js';
import { analyseWaste, maxWastedBytesCheck, minEfficiencyCheck } from './waste.js';

export interface LayerContentsInput {
  imageRef: string;
  imageSizeBytes: number;
  /** Oldest first, one per history entry. */
  layers: readonly Layer[];
  options: ContractOptions;
  /** The size checks drafted so far (max-image-size, max-size-increase). */
  drafts: readonly DraftCheck[];
  baseline?: Baseline;
  /** The baseline image in the engine (baseline-image, baseline-ref); none for baseline-report. */
  baselineImage?: { ref: string; layers: readonly Layer[] };
  dockerfile?: string;
}

export interface LayerContents {
  waste?: Waste;
  drafts: DraftCheck[];
}

const SIZE_GATES = ['max-image-size', 'max-size-increase'];

export function wantsLayerContents(options: ContractOptions, drafts: readonly DraftCheck[]): boolean {
  const wasteGate =
    (options.maxWastedBytes !== undefined && !isSkipped('max-wasted-bytes', options.skipChecks)) ||
    (options.minEfficiencyPercent !== undefined && !isSkipped('min-efficiency', options.skipChecks));
  return wasteGate || drafts.some((d) => SIZE_GATES.includes(d.id) && d.status === 'fail');
}

/** Listings line up with `layers` from the newest end (the engine's history of the same image). */
function alignTo<T>(listings: readonly (T | undefined)[], count: number): (T | undefined)[] {
  const offset = count - listings.length;
  return Array.from({ length: count }, (_, i) => listings[i - offset]);
}

export async function inspectLayerContents(
  engine: Engine,
  input: LayerContentsInput,
): Promise<LayerContents> {
  const { options, layers, dockerfile } = input;
  const listings = alignTo(await readLayerFiles(engine, input.imageRef), layers.length);
  const waste = analyseWaste(listings, layers, input.imageSizeBytes);
  const drafts: DraftCheck[] = [];
  if (options.maxWastedBytes && !isSkipped('max-wasted-bytes', options.skipChecks))
    drafts.push(maxWastedBytesCheck(waste, options.maxWastedBytes, dockerfile));
  if (options.minEfficiencyPercent !== undefined && !isSkipped('min-efficiency', options.skipChecks))
    drafts.push(minEfficiencyCheck(waste, options.minEfficiencyPercent, dockerfile));
  if (input.baseline && input.baseline.grownLayers.length > 0) {
    if (input.baselineImage) {
      const { ref, layers: baseLayers } = input.baselineImage;
      const baseListings = alignTo(await readLayerFiles(engine, ref), baseLayers.length);
      addGrownPaths(input.baseline, layers, listings, baseLayers, baseListings);
    } else {
      input.baseline.pathsNote =
        'baseline-report holds no layer archives: layer-level deltas only (baseline-image or baseline-ref show the paths that grew)';
    }
  }
  return { waste, drafts };
}

function addGrownPaths(
  baseline: Baseline,
  layers: readonly Layer[],
  listings: readonly (LayerListing | undefined)[],
  baseLayers: readonly Layer[],
  baseListings: readonly (LayerListing | undefined)[],
): void {
  const pairs = pairLayers(
    layers.map((l) => l.createdBy),
    baseLayers.map((l) => l.createdBy),
  );
  for (const grown of baseline.grownLayers) {
    const listing = grown.index === undefined ? undefined : listings[grown.index];
    if (!listing || grown.index === undefined) continue;
    const partner = pairs[grown.index];
    grown.paths = grownPaths(listing, partner === undefined ? undefined : baseListings[partner]);
  }
}
