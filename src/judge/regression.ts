// max-warm-setup-regression: the warm setup median of the image under test
// against the baseline's, both measured in this run side by side (timings
// from another run are not comparable). timing-noise widens the allowance:
// the gate fails when current / baseline > max × (1 + noise).
import { warmSetupRatio } from '../baseline/baseline.js';
import { formatNumber as fmt, round } from '../model/numbers.js';
import type { Check } from '../model/report.js';
import type { Gate, GateCheck } from './gate.js';
import { noiseWords } from './timing.js';

const CHECK: GateCheck = {
  id: 'max-warm-setup-regression',
  stage: 'timing',
  off: 'it runs only when max-warm-setup-regression is set',
  remedy:
    'The warm setup got slower than on the baseline: compare the phases of both runs and the link mode, or raise `timing-noise` if the machine is noisy.',
  explain: (config) =>
    config.maxWarmSetupRegression === undefined
      ? undefined
      : `warm median ≤ ${config.maxWarmSetupRegression} × the baseline's${noiseWords(config)}`,
};

interface RegressionFigures {
  /** Warm setup median of the image under test, seconds (undefined: none proved). */
  current?: number;
  /** Warm setup median of the baseline image, seconds (undefined: none proved). */
  baseline?: number;
  baselineRef: string;
  maxRatio: number;
  noisePercent: number;
}

export function warmRegressionCheck(f: RegressionFigures): Check {
  const { id } = CHECK;
  if (f.current === undefined || f.baseline === undefined || f.baseline <= 0) {
    const which = f.current === undefined ? 'the image under test' : `the baseline at ${f.baselineRef}`;
    return {
      id,
      status: 'fail',
      detail: `no proved warm run for ${which}, so no warm setup ratio can be computed`,
    };
  }
  const ratio = warmSetupRatio(f.current, f.baseline);
  const allowed = round(f.maxRatio * (1 + f.noisePercent / 100), 3);
  const figures = `warm setup median ${fmt(f.current)} s against ${fmt(f.baseline)} s at baseline-ref ${f.baselineRef}: ratio ${fmt(ratio)}`;
  const limit = `max-warm-setup-regression ${fmt(f.maxRatio)} with timing-noise ${fmt(f.noisePercent)}% (${fmt(allowed)})`;
  return ratio > allowed
    ? { id, status: 'fail', detail: `${figures}, over ${limit}` }
    : { id, status: 'pass', detail: `${figures}, within ${limit}` };
}

export const REGRESSION_GATE: Gate = {
  family: 'regression',
  checks: [CHECK],
  judge(config, { e2e, baseline }) {
    const run = baseline?.warmRun;
    if (!run) return {};
    const check = warmRegressionCheck({
      current: e2e?.setup?.warmSeconds?.median,
      baseline: run.medianSeconds,
      baselineRef: config.baselineRef ?? '',
      maxRatio: config.maxWarmSetupRegression ?? 1,
      noisePercent: config.timingNoisePercent,
    });
    return { checks: [{ check }] };
  },
};
