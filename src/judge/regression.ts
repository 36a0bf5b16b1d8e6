// max-warm-setup-regression: the warm setup median of the image under test
// against the baseline's, both measured in this run side by side (timings
// from another run are not comparable). It decides by the timing gates' rule
// (noise-interval.ts): the ratio's bootstrap interval widened by ±timing-noise
// fails when wholly above the maximum and warns when it contains it; the
// maximum itself is never widened.
import { warmSetupRatio } from '../baseline/baseline.js';
import { recordedHeadline } from '../model/figures/proved-runs.js';
import { ratioInterval } from '../model/figures/stats.js';
import { formatNumber as fmt } from '../model/numbers.js';
import type { Check } from '../model/report.js';
import type { Gate, GateCheck } from './gate.js';
import { judgeWithNoise, noiseRule } from './noise-interval.js';

const CHECK: GateCheck = {
  id: 'max-warm-setup-regression',
  stage: 'timing',
  off: 'it runs only when max-warm-setup-regression is set',
  remedy:
    'The warm setup got slower than on the baseline: compare the phases of both runs and the link mode, or raise `timing-noise` if the machine is noisy.',
  explain: (config) =>
    config.maxWarmSetupRegression === undefined
      ? undefined
      : noiseRule(
          "warm median ÷ the baseline's",
          'max',
          `${config.maxWarmSetupRegression}`,
          config.timingNoisePercent,
        ),
};

interface RegressionFigures {
  /** Warm setup median of the image under test, seconds (undefined: none proved). */
  current?: number;
  /** Warm setup median of the baseline image, seconds (undefined: none proved). */
  baseline?: number;
  /** The proved warm runs behind each median, for the ratio's interval. */
  currentRuns?: readonly number[];
  baselineRuns?: readonly number[];
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
  const interval = ratioInterval(f.currentRuns ?? [], f.baselineRuns ?? []);
  const judged = judgeWithNoise({
    figure: ratio,
    ...(interval ? { interval } : {}),
    noisePercent: f.noisePercent,
    limit: f.maxRatio,
    side: 'max',
    decimals: 3,
    unit: fmt,
    option: id,
  });
  return {
    id,
    status: judged.status,
    detail: `warm setup median ${fmt(f.current)} s against ${fmt(f.baseline)} s at baseline-ref ${f.baselineRef}: ratio ${fmt(ratio)}, ${judged.words}`,
  };
}

export const REGRESSION_GATE: Gate = {
  family: 'regression',
  checks: [CHECK],
  judge(config, { e2e, baseline }) {
    const run = baseline?.warmRun;
    if (!run) return {};
    const check = warmRegressionCheck({
      current: e2e?.setup?.warmSeconds?.median,
      currentRuns: (e2e && recordedHeadline(e2e)?.warmSetupSeconds?.runs) ?? [],
      baseline: run.medianSeconds,
      baselineRuns: run.runs ?? [],
      baselineRef: config.baselineRef ?? '',
      maxRatio: config.maxWarmSetupRegression ?? 1,
      noisePercent: config.timingNoisePercent,
    });
    return { checks: [{ check }] };
  },
};
