// Building the Report: one object, filled from the judge's verdicts (and the
// audit's checks), closed once. On the lowest floor, with the Report, because
// the audit stage adds its failures itself and the front doors open and close it.

import type { Command, MergeCommand } from './command.js';
import type { Check, Failure, Report } from './report.js';
import { TOOL_VERSION } from './version.js';

/** A check with where an annotation should point (set when the Dockerfile is known). */
export interface Judged {
  check: Check;
  annotate?: { file: string; line?: number };
}

/** What the judge hands back, gate by gate (src/judge/gate.ts). */
export interface Verdicts {
  /** In report order; a failed check also becomes its gate's failure when the Report is assembled. */
  checks: Judged[];
  /** Failures that are not checks: failed phases (`e2e:<worker>:<phase>`), a failed build. */
  failures: Failure[];
}

export function newReport(command: Command | MergeCommand, now: Date = new Date()): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'worker-gate', version: TOOL_VERSION },
    command,
    startedAt: now.toISOString(),
    durationSeconds: 0,
    verdict: 'pass',
    failures: [],
    checks: [],
  };
}

export function addFailure(report: Report, failure: Failure): void {
  report.failures.push(failure);
}

/** Record a check; a failed one is also a failure of its gate. */
export function addCheck(report: Report, check: Check, annotate?: { file: string; line?: number }): void {
  report.checks.push(check);
  if (check.status !== 'fail') return;
  const failure: Failure = { gate: check.id, message: check.detail };
  if (annotate) {
    failure.file = annotate.file;
    if (annotate.line) failure.line = annotate.line;
  }
  report.failures.push(failure);
}

/** Close the report: verdict from failures unless an error already decided it. */
export function finishReport(report: Report, now: Date = new Date()): Report {
  report.durationSeconds = Math.max(0, (now.getTime() - Date.parse(report.startedAt)) / 1000);
  if (report.error) report.verdict = 'error';
  else report.verdict = report.failures.length > 0 ? 'fail' : 'pass';
  return report;
}

export function exitCodeOf(report: Report, reportOnly = false): 0 | 1 | 2 {
  if (report.verdict === 'error') return 2;
  // report-only: a failed gate is reported, not enforced.
  return report.verdict === 'fail' && !reportOnly ? 1 : 0;
}

/** The judge's verdicts into the Report, gate by gate: its checks, then its other failures. */
export function addVerdicts(report: Report, verdicts: readonly Verdicts[]): void {
  for (const { checks, failures } of verdicts) {
    for (const { check, annotate } of checks) addCheck(report, check, annotate);
    for (const failure of failures) addFailure(report, failure);
  }
}
