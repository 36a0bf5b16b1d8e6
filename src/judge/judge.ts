// The one judging step: every gate family on the measurements, in a fixed
// order, pure. The pipeline calls it after measuring and before assembling.
import type { Config } from '../config/index.js';
import type { Gate, Verdicts } from './gate.js';
import { GATES } from './gates.js';
import type { Measurements } from './measurements.js';

export function judge(config: Config, measured: Measurements, gates: readonly Gate[] = GATES): Verdicts {
  const out: Verdicts = { checks: [], failures: [] };
  for (const gate of gates) {
    const { checks = [], failures = [] } = gate.judge(config, measured);
    out.checks.push(...checks);
    out.failures.push(...failures);
  }
  return out;
}
