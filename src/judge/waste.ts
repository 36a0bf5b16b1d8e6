// max-wasted-bytes and min-efficiency: the waste the contract read from the
// layer archives (src/contract/waste.ts) against the limits, with the largest
// wasters and the Dockerfile lines that shipped them. Gated only when set, and
// then the layer archives are read whatever else passed.

import type { Config } from '../config/index.js';
import { describeLayer } from '../contract/describe.js';
import { isSkipped } from '../model/checks.js';
import { formatPercent } from '../model/numbers.js';
import type { Waste, Waster } from '../model/report.js';
import { formatBytes, limitAsWritten, type SizeOrPercent } from '../model/units.js';
import { type DraftCheck, draftGate } from './draft.js';
import type { GateCheck } from './gate.js';

const MAX_WASTED_BYTES: GateCheck = {
  id: 'max-wasted-bytes',
  stage: 'contract',
  off: 'skip',
  remedy:
    'Delete files in the same `RUN` that creates them (a download, a build folder), and clean package-manager caches there too (`rm -rf /var/lib/apt/lists/*`, `pip install --no-cache-dir`, `uv … --no-cache`): the wasters and their Dockerfile lines are listed under Image.',
  explain: ({ maxWastedBytes }) =>
    maxWastedBytes && `wasted bytes ≤ ${limitAsWritten(maxWastedBytes, ' of the image')}`,
};

const MIN_EFFICIENCY: GateCheck = {
  id: 'min-efficiency',
  stage: 'contract',
  off: 'skip',
  remedy:
    'Bytes a later layer deletes or overwrites are still shipped in the layer that added them: delete or change them in that same `RUN` (the wasters are listed under Image).',
  explain: ({ minEfficiencyPercent }) =>
    minEfficiencyPercent === undefined ? undefined : `efficiency ≥ ${minEfficiencyPercent}%`,
};

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
  const { id } = MAX_WASTED_BYTES;
  const over = limit.kind === 'bytes' ? waste.wastedBytes > limit.bytes : waste.wastedPercent > limit.percent;
  const limitText =
    limit.kind === 'bytes'
      ? formatBytes(limit.bytes, { exact: true })
      : `${formatPercent(limit.percent)} of the image`;
  const amount = `${formatBytes(waste.wastedBytes, { exact: true })} (${formatPercent(waste.wastedPercent)} of the image)`;
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
  const { id } = MIN_EFFICIENCY;
  const figures = `${formatPercent(waste.efficiencyPercent)} efficient (${formatBytes(waste.finalBytes, { exact: true })} of the ${formatBytes(waste.shippedBytes, { exact: true })} the layers ship reach the final filesystem)`;
  if (waste.efficiencyPercent >= minPercent)
    return {
      id,
      status: 'pass',
      summary: `the image is ${figures}, within min-efficiency ${formatPercent(minPercent)}`,
    };
  const lost = waste.wasters.filter((w) => w.kind !== 'cache');
  const draft: DraftCheck = {
    id,
    status: 'fail',
    summary: `the image is ${figures}, under min-efficiency ${formatPercent(minPercent)}; largest losses: ${lost
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
  checks: [MAX_WASTED_BYTES, MIN_EFFICIENCY],
  needsLayerContents: (config) => wasteGatesOn(config).some(Boolean),
  draft(config, { contract }) {
    const { waste } = contract;
    const file = contract.dockerfile?.path;
    if (!waste) return [];
    const [bytesOn, efficiencyOn] = wasteGatesOn(config);
    const drafts: DraftCheck[] = [];
    if (bytesOn && config.maxWastedBytes)
      drafts.push(maxWastedBytesCheck(waste, config.maxWastedBytes, file));
    if (efficiencyOn && config.minEfficiencyPercent !== undefined)
      drafts.push(minEfficiencyCheck(waste, config.minEfficiencyPercent, file));
    return drafts;
  },
});

/** Whether max-wasted-bytes and min-efficiency are each set and not skipped. */
function wasteGatesOn(config: Config): [boolean, boolean] {
  return [
    config.maxWastedBytes !== undefined && !isSkipped(MAX_WASTED_BYTES.id, config.skipChecks),
    config.minEfficiencyPercent !== undefined && !isSkipped(MIN_EFFICIENCY.id, config.skipChecks),
  ];
}
