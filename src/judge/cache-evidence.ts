// cache-evidence: uv's own summary lines beside the cache evidence of every
// setup. uv's lines are not the proof (the cache's contents are), so a
// disagreement only warns: it says one of the two cannot be read as expected.
import type { Check, E2eRun } from '../model/report.js';
import type { Gate, GateCheck } from './gate.js';

const CHECK: GateCheck = { id: 'cache-evidence', stage: 'e2e', off: 'it only ever warns' };

/** Nothing when no setup left cache evidence to compare with. */
function cacheEvidenceCheck(runs: readonly E2eRun[], disagreements: readonly string[]): Check | undefined {
  const setups = runs.filter((r) => r.downloads !== undefined).length;
  if (setups === 0) return undefined;
  if (disagreements.length > 0) {
    return {
      id: CHECK.id,
      status: 'warn',
      detail: `uv's summary lines disagree with the cache: ${disagreements.join('; ')}`,
    };
  }
  return {
    id: CHECK.id,
    status: 'pass',
    detail: `uv's summary lines agree with the cache evidence in all ${setups} setups`,
  };
}

export const CACHE_EVIDENCE: Gate = {
  family: CHECK.id,
  checks: [CHECK],
  judge(_config, { e2e, e2eFacts }) {
    if (!e2e || !e2eFacts) return {};
    const check = cacheEvidenceCheck(e2e.runs, e2eFacts.uvDisagreements);
    return check ? { checks: [{ check }] } : {};
  },
};
