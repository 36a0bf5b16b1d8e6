// max-image-size and max-size-increase, against the budget and the baseline,
// with the largest or the grown layers: the figures always go into the message
// side by side. A failed one has the layer archives read, for the paths that
// grew.
import { largestLayers } from '../build/image-info.js';
import type { Config } from '../config/index.js';
import { describeLayer } from '../contract/describe.js';
import { isSkipped } from '../model/checks.js';
import { formatPercent } from '../model/numbers.js';
import type { Baseline, Layer } from '../model/report.js';
import { formatBytes, limitAsWritten, type SizeOrPercent, sizeAsWritten } from '../model/units.js';
import { type ContractMeasured, type DraftCheck, draftGate } from './draft.js';
import type { GateCheck } from './gate.js';

const MAX_IMAGE_SIZE: GateCheck = {
  id: 'max-image-size',
  stage: 'contract',
  off: 'skip',
  remedy:
    'Shrink the image — the largest layers and the instructions that made them are listed under Image — or raise `max-image-size` if the growth is intended.',
  explain: ({ maxImageSize }) =>
    maxImageSize === undefined ? undefined : `image ≤ ${sizeAsWritten(maxImageSize)}`,
};

/** The baseline a run compares with, as explain names it. */
function baselineNamed(config: Config): string | undefined {
  if (config.baselineImage) return `baseline-image ${config.baselineImage}`;
  if (config.baselineRef) return `baseline-ref ${config.baselineRef}`;
  return config.baselineReport && `baseline-report ${config.baselineReport}`;
}

const MAX_SIZE_INCREASE: GateCheck = {
  id: 'max-size-increase',
  stage: 'contract',
  off: 'skip',
  remedy:
    'Look at the layers that grew against the baseline and the paths that grew in them (under Image) and shrink them, or raise `max-size-increase` if the growth is intended.',
  explain: (config) =>
    config.maxSizeIncrease &&
    `growth ≤ ${limitAsWritten(config.maxSizeIncrease)} against ${baselineNamed(config) ?? 'no baseline (warns)'}`,
  annotate: 'grown-layers',
};

function largestLayersText(layers: readonly Layer[], dockerfile?: string): string {
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
  const { id } = MAX_IMAGE_SIZE;
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

function limitText(limit: SizeOrPercent): string {
  return limit.kind === 'bytes' ? formatBytes(limit.bytes, { exact: true }) : formatPercent(limit.percent);
}

function signed(bytes: number): string {
  return bytes >= 0 ? `+${formatBytes(bytes, { exact: true })}` : formatBytes(bytes, { exact: true });
}

export function maxSizeIncreaseCheck(
  baseline: Baseline,
  limit: SizeOrPercent,
  dockerfile?: string,
): DraftCheck {
  const { id } = MAX_SIZE_INCREASE;
  const over =
    limit.kind === 'bytes'
      ? baseline.sizeDeltaBytes > limit.bytes
      : baseline.sizeDeltaPercent > limit.percent;
  const percent = formatPercent(baseline.sizeDeltaPercent, { signed: true });
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

export const SIZE_GATES = draftGate({
  family: 'size',
  checks: [MAX_IMAGE_SIZE, MAX_SIZE_INCREASE],
  draft: draftSizes,
  // A size that failed is shown with the paths that grew in the grown layers.
  needsLayerContents: (config, measured) => draftSizes(config, measured).some((d) => d.status === 'fail'),
});

function draftSizes(config: Config, { contract, baseline }: ContractMeasured): DraftCheck[] {
  const file = contract.dockerfile?.path;
  const skip = (check: GateCheck) => isSkipped(check.id, config.skipChecks);
  const drafts: DraftCheck[] = [];
  if (config.maxImageSize !== undefined && !skip(MAX_IMAGE_SIZE)) {
    drafts.push(maxImageSizeCheck(contract.facts.sizeBytes, config.maxImageSize, contract.layers, file));
  }
  if (config.maxSizeIncrease && !skip(MAX_SIZE_INCREASE)) {
    const compared = baseline?.compared;
    drafts.push(
      compared
        ? maxSizeIncreaseCheck(compared, config.maxSizeIncrease, file)
        : {
            id: MAX_SIZE_INCREASE.id,
            status: 'warn',
            summary:
              'max-size-increase is set but there is no baseline to compare with (baseline-image, baseline-ref or baseline-report)',
          },
    );
  }
  return drafts;
}
