// The failures of the end to end that are not checks: a phase that exited
// non-zero or timed out (`e2e:<worker>:<phase>`, with its last lines of
// output), and an offline setup that added to the cache after the concurrent
// ones (`e2e:offline:downloads`). Either stopped the scenario.

import { failedLineText } from '../e2e/profile/markers.js';
import { TAIL_LINES } from '../e2e/run/phases.js';
import type { FailedPhase, OfflineUnproved } from '../model/facts/e2e.js';
import type { Failure, Phase } from '../model/report.js';
import type { Gate } from './gate.js';

function hookText(hook: Phase['hook']): string {
  return hook ? `: the project's ${hook.name} hook (${hook.file}) refused the ${hook.step}` : '';
}

function phaseFailure(failed: FailedPhase): Failure {
  const { phase } = failed;
  const what = phase.timedOut
    ? `timed out after ${failed.timeoutSeconds} s (phase-timeout) and was stopped with its worker container`
    : `exited with ${phase.exitCode ?? 'no exit code'}${hookText(phase.hook)}`;
  return {
    gate: `e2e:${failed.worker}:${failed.name}`,
    message: `${failed.title}: phase ${failed.name} (${failed.label}) ${what}; ${failedLineText(phase.profile)}last ${TAIL_LINES} lines:\n${phase.logTail ?? ''}`,
  };
}

function offlineFailure({ title, downloads }: OfflineUnproved): Failure {
  return {
    gate: 'e2e:offline:downloads',
    message: `${title}: the offline setup ${downloads === undefined ? 'left no cache evidence' : `added ${downloads} distributions to the cache`}: the cache is not proved intact after the concurrent setups`,
  };
}

export const E2E_PHASES: Gate = {
  family: 'e2e phases',
  checks: [],
  failureRemedies: {
    // Every phase gate (`e2e`, `e2e:<worker>:<phase>`) shares this one.
    e2e: 'Read the log tail of the failed phase (under End to end); run `worker-gate e2e --image <ref>` locally to reproduce it in the same worker containers.',
  },
  judge(_config, { e2eFacts }) {
    if (!e2eFacts) return {};
    const failures = e2eFacts.failedPhases.map(phaseFailure);
    if (e2eFacts.offlineUnproved) failures.push(offlineFailure(e2eFacts.offlineUnproved));
    return { failures };
  },
};
