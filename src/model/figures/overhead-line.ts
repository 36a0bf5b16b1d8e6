// worker-gate's own time as one line, the same in the log and in every output:
// "worker-gate's own time: 3.1 s of 62.0 s (5 %): workers 1.2 s, evidence 0.9 s, …".
import { formatPercent, formatSeconds } from '../numbers.js';
import type { E2eOverhead } from '../report.js';

export function overheadLine(o: E2eOverhead): string {
  const stages = o.stages.map((s) => `${s.stage} ${formatSeconds(s.seconds)}`).join(', ');
  const head = `worker-gate's own time: ${formatSeconds(o.ownSeconds)} of ${formatSeconds(o.wallSeconds)} (${formatPercent(o.ownPercent)})`;
  return stages ? `${head}: ${stages}` : head;
}
