// warm-not-faster (on by default, it only warns): a warm setup that is not
// faster than the cold one means the cache buys nothing on this template and
// this machine, whatever the proofs say. Judged on the headline layout's
// recorded figures, with the warm setup's largest cause from its profile.
import { causesOf, headlineWarm } from '../e2e/profile/profiled-setups.js';
import { isSkipped } from '../model/checks.js';
import { recordedHeadline } from '../model/figures/proved-runs.js';
import { formatNumber as fmt } from '../model/numbers.js';
import type { Check, E2eReport } from '../model/report.js';
import type { Gate, GateCheck } from './gate.js';

const CHECK: GateCheck = {
  id: 'warm-not-faster',
  stage: 'timing',
  off: 'skip',
  remedy:
    'A warm setup should be faster than a cold one: read where the warm setup went (the profile under End to end) and the speed-ups it names; a uv cache on its own mount copies every file. If the cache is not meant to speed setups up, add `warm-not-faster` to `skip-checks`.',
  explain: () => 'warns when the warm setup median is not below the cold setup',
};

/** Nothing when the headline layout has no cold or no warm figure: the timing gates say why. */
export function warmNotFasterCheck(e2e: E2eReport): Check | undefined {
  const layout = recordedHeadline(e2e);
  const cold = layout?.coldSetupSeconds;
  const warm = layout?.warmSetupSeconds?.median;
  if (!layout || cold === null || cold === undefined || warm === undefined) return undefined;
  const figures = `warm setup median ${fmt(warm)} s against the cold setup${(layout.coldSetup?.n ?? 1) > 1 ? ' median' : ''} ${fmt(cold)} s (${layout.layout} layout)`;
  if (warm < cold) return { id: CHECK.id, status: 'pass', detail: `${figures}: the warm setup is faster` };
  const profile = headlineWarm(e2e)?.profile;
  const top = profile && causesOf(profile)[0];
  const cause = top
    ? `; largest cause of the warm setup: ${top.label} ${fmt(top.seconds)} s of ${fmt(profile.seconds)} s`
    : '';
  return {
    id: CHECK.id,
    status: 'warn',
    detail: `${figures}: the warm setup is not faster, so the uv cache buys nothing here${cause}`,
  };
}

export const WARM_NOT_FASTER: Gate = {
  family: CHECK.id,
  checks: [CHECK],
  judge(config, { e2e, e2eFacts }) {
    if (!e2e || !e2eFacts?.finished || isSkipped(CHECK.id, config.skipChecks)) return {};
    const check = warmNotFasterCheck(e2e);
    return check ? { checks: [{ check }] } : {};
  },
};
