// max-wasted-bytes and min-efficiency: the waste the contract read from the
// layer archives (src/contract/waste.ts) against the limits, with the largest
// wasters and the Dockerfile lines that shipped them. Gated only when set.

import { describeLayer } from '../contract/describe.js';
import { isSkipped } from '../model/checks.js';
import type { Waste, Waster } from '../model/report.js';
import { formatBytes, type SizeOrPercent } from '../model/units.js';
import { type DraftCheck, draftGate } from './draft.js';

/** One waster in words: `50.0 MB removed /opt/big.bin, added by `RUN …` at Dockerfile:3 (removed by …:4)`. */
function describeWaster(w: Waster, dockerfile?: string): string {
  const what =
    w.kind === 'cache'
      ? `${w.what ?? 'cache'} ${w.path} left`
      : w.kind === 'removed'
        ? `${w.path} deleted later`
        : `${w.files} file(s) in ${w.path} overwritten later`;
  const by = w.by ? ` (by ${describeLayer(w.by, dockerfile)})` : '';
  return `${formatBytes(w.sizeBytes, { exact: true })}: ${what}, shipped in ${describeLayer(w.layer, dockerfile)}${by}`;
}

function topText(waste: Waste, dockerfile?: string): string {
  return waste.wasters
    .slice(0, 5)
    .map((w) => describeWaster(w, dockerfile))
    .join('; ');
}

export function maxWastedBytesCheck(waste: Waste, limit: SizeOrPercent, dockerfile?: string): DraftCheck {
  const id = 'max-wasted-bytes';
  const over = limit.kind === 'bytes' ? waste.wastedBytes > limit.bytes : waste.wastedPercent > limit.percent;
  const limitText =
    limit.kind === 'bytes' ? formatBytes(limit.bytes, { exact: true }) : `${limit.percent}% of the image`;
  const amount = `${formatBytes(waste.wastedBytes, { exact: true })} (${waste.wastedPercent}% of the image)`;
  if (!over)
    return {
      id,
      status: 'pass',
      summary: `the layers waste ${amount}, within max-wasted-bytes ${limitText}`,
    };
  const draft: DraftCheck = {
    id,
    status: 'fail',
    summary: `the layers waste ${amount}, over max-wasted-bytes ${limitText}; largest: ${topText(waste, dockerfile)}`,
  };
  const line = waste.wasters[0]?.layer.dockerfileLine;
  if (line) draft.line = line;
  return draft;
}

export function minEfficiencyCheck(waste: Waste, minPercent: number, dockerfile?: string): DraftCheck {
  const id = 'min-efficiency';
  const figures = `${waste.efficiencyPercent}% efficient (${formatBytes(waste.finalBytes, { exact: true })} of the ${formatBytes(waste.shippedBytes, { exact: true })} the layers ship reach the final filesystem)`;
  if (waste.efficiencyPercent >= minPercent)
    return { id, status: 'pass', summary: `the image is ${figures}, within min-efficiency ${minPercent}%` };
  const lost = waste.wasters.filter((w) => w.kind !== 'cache');
  const draft: DraftCheck = {
    id,
    status: 'fail',
    summary: `the image is ${figures}, under min-efficiency ${minPercent}%; largest losses: ${lost
      .slice(0, 5)
      .map((w) => describeWaster(w, dockerfile))
      .join('; ')}`,
  };
  const line = lost[0]?.layer.dockerfileLine;
  if (line) draft.line = line;
  return draft;
}

export const WASTE_GATES = draftGate({
  family: 'waste',
  // Waste in the layers: gated only when a waste threshold is set.
  ids: [
    { id: 'max-wasted-bytes', stage: 'contract', off: 'skip' },
    { id: 'min-efficiency', stage: 'contract', off: 'skip' },
  ],
  remedies: {
    'max-wasted-bytes':
      'Delete files in the same `RUN` that creates them (a download, a build folder), and clean package-manager caches there too (`rm -rf /var/lib/apt/lists/*`, `pip install --no-cache-dir`, `uv … --no-cache`): the wasters and their Dockerfile lines are listed under Image.',
    'min-efficiency':
      'Bytes a later layer deletes or overwrites are still shipped in the layer that added them: delete or change them in that same `RUN` (the wasters are listed under Image).',
  },
  draft(config, { contract }) {
    const { waste } = contract;
    const file = contract.dockerfile?.path;
    if (!waste) return [];
    const drafts: DraftCheck[] = [];
    if (config.maxWastedBytes && !isSkipped('max-wasted-bytes', config.skipChecks))
      drafts.push(maxWastedBytesCheck(waste, config.maxWastedBytes, file));
    if (config.minEfficiencyPercent !== undefined && !isSkipped('min-efficiency', config.skipChecks))
      drafts.push(minEfficiencyCheck(waste, config.minEfficiencyPercent, file));
    return drafts;
  },
  // Set, it needs the layer archives read whatever else passed.
  needsLayerContents: (config) => wasteGateSet(config),
});

/** A waste gate is set. */
function wasteGateSet(config: {
  maxWastedBytes?: SizeOrPercent | undefined;
  minEfficiencyPercent?: number | undefined;
  skipChecks: readonly string[];
}): boolean {
  return (
    (config.maxWastedBytes !== undefined && !isSkipped('max-wasted-bytes', config.skipChecks)) ||
    (config.minEfficiencyPercent !== undefined && !isSkipped('min-efficiency', config.skipChecks))
  );
}
