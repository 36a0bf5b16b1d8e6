// max-image-size and max-size-increase, the baseline comparison, and the
// largest layers: the figures always go into the message side by side.
import { largestLayers } from '../build/image-info.js';
import { formatBytes, type SizeOrPercent } from '../config/units.js';
import type { Baseline, Layer } from '../report/types.js';
import { describeLayer } from './describe.js';
import { pairLayers } from './layer-pairing.js';
import type { DraftCheck } from './types.js';

export function largestLayersText(layers: readonly Layer[], dockerfile?: string): string {
  return largestLayers([...layers])
    .filter((l) => l.sizeBytes > 0)
    .map((l) => `${formatBytes(l.sizeBytes, { exact: true })} ${describeLayer(l, dockerfile)}`)
    .join('; ');
}

export function maxImageSizeCheck(
  sizeBytes: number,
  budget: number,
  layers: readonly Layer[],
  dockerfile?: string,
): DraftCheck {
  const id = 'max-image-size';
  const largest = largestLayersText(layers, dockerfile);
  if (sizeBytes <= budget) {
    return {
      id,
      status: 'pass',
      summary: `the image is ${formatBytes(sizeBytes, { exact: true })}, within max-image-size ${formatBytes(budget, { exact: true })}`,
    };
  }
  return {
    id,
    status: 'fail',
    summary: `the image is ${formatBytes(sizeBytes, { exact: true })}, over max-image-size ${formatBytes(budget, { exact: true })} by ${formatBytes(sizeBytes - budget, { exact: true })}; largest layers: ${largest}`,
  };
}

/**
 * Layers that grew against the baseline, biggest growth first. Layers are
 * paired by aligning the two lists of instructions (see layer-pairing.ts: an
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

function limitText(limit: SizeOrPercent): string {
  return limit.kind === 'bytes' ? formatBytes(limit.bytes, { exact: true }) : `${limit.percent}%`;
}

function signed(bytes: number): string {
  return bytes >= 0 ? `+${formatBytes(bytes, { exact: true })}` : formatBytes(bytes, { exact: true });
}

export function maxSizeIncreaseCheck(
  baseline: Baseline,
  limit: SizeOrPercent,
  dockerfile?: string,
): DraftCheck {
  const id = 'max-size-increase';
  const over =
    limit.kind === 'bytes'
      ? baseline.sizeDeltaBytes > limit.bytes
      : baseline.sizeDeltaPercent > limit.percent;
  const percent = `${baseline.sizeDeltaPercent >= 0 ? '+' : ''}${baseline.sizeDeltaPercent}%`;
  const against =
    baseline.source === 'image' || !baseline.ref
      ? baseline.image.ref
      : `baseline-${baseline.source} ${baseline.ref} (${baseline.image.ref})`;
  const change = `${signed(baseline.sizeDeltaBytes)}, ${percent}, against ${against} at ${formatBytes(baseline.image.sizeBytes, { exact: true })}`;
  if (!over)
    return {
      id,
      status: 'pass',
      summary: `the image changed by ${change}, within max-size-increase ${limitText(limit)}`,
    };
  const grown = baseline.grownLayers
    .slice(0, 5)
    .map(
      (g) =>
        `${signed(g.deltaBytes)} ${describeLayer({ createdBy: g.createdBy, sizeBytes: 0, ...(g.dockerfileLine ? { dockerfileLine: g.dockerfileLine } : {}) }, dockerfile)}`,
    )
    .join('; ');
  const draft: DraftCheck = {
    id,
    status: 'fail',
    summary: `the image grew by ${change}, over max-size-increase ${limitText(limit)}${grown ? `; layers that grew: ${grown}` : ''}`,
  };
  const line = baseline.grownLayers[0]?.dockerfileLine;
  if (line) draft.line = line;
  return draft;
}
