// The one judging step: every gate family on the measurements, in a fixed
// order, pure. The pipeline calls it after measuring and before assembling.
import type { Config } from '../config/index.js';
import type { Measurements } from '../model/measurements.js';
import type { Verdicts } from '../model/report-building.js';
import type { Gate } from './gate.js';
import { GATES } from './gates.js';

/** Each gate's verdicts, gate by gate: a gate's checks, then its failures, is the Report's order. */
export function judgeEach(
  config: Config,
  measured: Measurements,
  gates: readonly Gate[] = GATES,
): Verdicts[] {
  return gates.map((gate) => {
    const { checks = [], failures = [] } = gate.judge(config, measured);
    return { checks, failures };
  });
}

export function judge(config: Config, measured: Measurements, gates: readonly Gate[] = GATES): Verdicts {
  const out: Verdicts = { checks: [], failures: [] };
  for (const { checks, failures } of judgeEach(config, measured, gates)) {
    out.checks.push(...checks);
    out.failures.push(...failures);
  }
  return out;
}
