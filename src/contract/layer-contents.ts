// The contract's look inside the layer archives: waste (wasted bytes,
// caches, efficiency) and what grew in each grown layer against its paired
// baseline layer. The archives are read only when a waste gate is set or a
// size gate failed, so a passing image stays fast.
import type { Engine } from '../docker/engine-api.js';
import type { BaselineImage } from '../model/facts/baseline.js';
import { pairLayers } from '../model/layers/pairing.js';
import type { Baseline, Layer, Waste } from '../model/report.js';
import { grownPaths } from './grown-paths.js';
import { type LayerListing, readLayerFiles } from './layer-files.js';
import { analyseWaste } from './waste.js';

export interface LayerContentsInput {
  imageRef: string;
  imageSizeBytes: number;
  /** Oldest first, one per history entry. */
  layers: readonly Layer[];
  /** The baseline image and how the image compares with it. */
  baseline?: { image: BaselineImage; compared: Baseline };
}

export interface LayerContents {
  waste: Waste;
  /** The comparison, with the paths that grew in each grown layer (or why there are none). */
  compared?: Baseline;
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
  const { layers, baseline } = input;
  const listings = alignTo(await readLayerFiles(engine, input.imageRef), layers.length);
  const waste = analyseWaste(listings, layers, input.imageSizeBytes);
  if (!baseline) return { waste };
  const compared = structuredClone(baseline.compared);
  if (compared.grownLayers.length > 0) {
    // baseline-report names an image from another run: there is none in the engine to read.
    if (baseline.image.source !== 'report') {
      const { ref, layers: baseLayers } = baseline.image;
      const baseListings = alignTo(await readLayerFiles(engine, ref), baseLayers.length);
      addGrownPaths(compared, layers, listings, baseLayers, baseListings);
    } else {
      compared.pathsNote =
        'baseline-report holds no layer archives: layer-level deltas only (baseline-image or baseline-ref show the paths that grew)';
    }
  }
  return { waste, compared };
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
