// The baseline, one measured value from whichever of its three sources
// (baseline-image loaded, baseline-ref built, baseline-report read), compared
// once with the image under test, and its Report entry made once from that.
import { pairLayers } from '../model/layers/pairing.js';
import type { Measurements } from '../model/measurements.js';
import { round } from '../model/numbers.js';
import type { Baseline, Layer } from '../model/report.js';

/**
 * Layers that grew against the baseline, biggest growth first. Layers are
 * paired by aligning the two lists of instructions (see model/layers/pairing.ts: an
 * edited line pairs with its old self, an inserted one is new); a layer with
 * no partner grew by its whole size.
 */
export function grownLayers(current: readonly Layer[], baseline: readonly Layer[]): Baseline['grownLayers'] {
  const pairs = pairLayers(
    current.map((l) => l.createdBy),
    baseline.map((l) => l.createdBy),
  );
  const grown: Baseline['grownLayers'] = [];
  current.forEach((layer, index) => {
    const at = pairs[index];
    const partner = at === undefined ? undefined : baseline[at];
    const deltaBytes = layer.sizeBytes - (partner?.sizeBytes ?? 0);
    if (deltaBytes <= 0) return;
    const entry: Baseline['grownLayers'][number] = { createdBy: layer.createdBy, deltaBytes, index };
    if (layer.dockerfileLine) entry.dockerfileLine = layer.dockerfileLine;
    if (!partner) entry.new = true;
    else if (partner.createdBy !== layer.createdBy) entry.baselineCreatedBy = partner.createdBy;
    grown.push(entry);
  });
  return grown.sort((a, b) => b.deltaBytes - a.deltaBytes);
}

export function compareWithBaseline(
  current: { sizeBytes: number; layers: readonly Layer[] },
  baseline: {
    source?: Baseline['source'];
    origin?: string;
    ref: string;
    sizeBytes: number;
    layers: readonly Layer[];
  },
): Baseline {
  const sizeDeltaBytes = current.sizeBytes - baseline.sizeBytes;
  return {
    source: baseline.source ?? 'image',
    ...(baseline.origin ? { ref: baseline.origin } : {}),
    image: { ref: baseline.ref, sizeBytes: baseline.sizeBytes },
    sizeDeltaBytes,
    sizeDeltaPercent:
      baseline.sizeBytes > 0 ? Math.round((sizeDeltaBytes / baseline.sizeBytes) * 10_000) / 100 : 0,
    grownLayers: grownLayers(current.layers, baseline.layers),
  };
}

/** current ÷ baseline warm setup median, to three decimals. */
export function warmSetupRatio(current: number, baseline: number): number {
  return round(current / baseline, 3);
}

/** The Report's `baseline`: the comparison and the figures measured on the baseline; none when nothing was compared. */
export function baselineEntry(measured: Measurements): Baseline | undefined {
  const b = measured.baseline;
  if (!b?.compared) return undefined;
  const entry: Baseline = { ...b.compared };
  if (b.uvVersion) entry.uvVersion = b.uvVersion;
  const current = measured.e2e?.setup?.warmSeconds?.median;
  const base = b.warmRun?.medianSeconds;
  if (current !== undefined && base !== undefined && base > 0)
    entry.warmSetupRatio = warmSetupRatio(current, base);
  if (b.setup) entry.setup = b.setup;
  return entry;
}
