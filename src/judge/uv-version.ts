// uv-version-change: during a rollout, workers on the old image and workers on the
// new one share one uv-cache volume; uv versions differ in which cache entries they
// write and accept (an older uv refuses a newer one's entries), so a change of uv
// is worth a warning that names both versions.
import { isSkipped } from '../model/checks.js';
import type { Check } from '../model/report.js';
import type { Gate, GateCheck } from './gate.js';

/** The baseline's uv against the image's: the pipeline measures the baseline's uv only while it is on. */
export const UV_VERSION_CHANGE: GateCheck = { id: 'uv-version-change', stage: 'contract', off: 'skip' };

export function uvVersionCheck(current: string, baseline: string, baselineRef: string): Check | undefined {
  if (current === baseline) return undefined;
  return {
    id: UV_VERSION_CHANGE.id,
    status: 'warn',
    detail:
      `the image has uv ${current}, the baseline (${baselineRef}) uv ${baseline}: during the rollout workers of ` +
      `both versions share one uv cache, where an older uv may refuse or rebuild a newer one's entries; ` +
      `run the e2e with concurrent-workers and the baseline to exercise the mixed cache`,
  };
}

export const UV_VERSION_GATE: Gate = {
  family: 'uv-version',
  checks: [UV_VERSION_CHANGE],
  judge(config, { image, baseline }) {
    const current = image?.uvVersion;
    const compared = baseline?.compared;
    if (!current || !compared || !baseline.uvVersion || isSkipped(UV_VERSION_CHANGE.id, config.skipChecks))
      return {};
    const check = uvVersionCheck(current, baseline.uvVersion, compared.ref ?? compared.image.ref);
    return check ? { checks: [{ check }] } : {};
  },
};
