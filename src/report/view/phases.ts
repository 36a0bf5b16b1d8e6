// How a phase of an e2e run is told wherever it is shown: failed or not, its
// outcome in words, the run's name, and which gates stand for a failed phase.
import type { E2eRun, Phase } from '../../model/report.js';

export function phaseFailed(phase: Phase): boolean {
  return phase.timedOut || phase.exitCode !== 0;
}

/** "exit 2", "timed out", or "no exit status" (killed before it reported one). */
export function phaseOutcome(phase: Phase): string {
  if (phase.timedOut) return 'timed out';
  return phase.exitCode === null ? 'no exit status' : `exit ${phase.exitCode}`;
}

/** "developer A (cold, separate, clone)" — how a run is named wherever it is shown ("worker A (…)" before roles). */
export function runLabel(run: E2eRun): string {
  if (run.role === 'developer')
    return `developer ${run.worker} (${run.kind}, ${run.layout}, ${run.handoff ?? 'clone'})`;
  return `worker ${run.worker} (${run.kind}, ${run.layout})`;
}

/** Gates the e2e stage records for a failed phase ("e2e", "e2e:A:test", ...). */
export function isPhaseGate(gate: string): boolean {
  return gate === 'e2e' || gate.startsWith('e2e:') || gate.startsWith('e2e.');
}
