// Views of the Report that several renderers share: which stage a check belongs
// to, which phases failed, the bars of the setup chart. Pure; no formatting.
import { auditGates } from './audit-view.js';
import type { E2eRun, Failure, Phase, Report } from './types.js';

// Which stage a check belongs to is the check-id registry's to say.
export { type CheckStage as Stage, stageOfCheck } from '../checks/ids.js';

export function phaseFailed(phase: Phase): boolean {
  return phase.timedOut || phase.exitCode !== 0;
}

export interface FailedPhase {
  run: E2eRun;
  phase: Phase;
}

export function failedPhases(report: Report): FailedPhase[] {
  const out: FailedPhase[] = [];
  for (const run of report.e2e?.runs ?? []) {
    for (const phase of run.phases) if (phaseFailed(phase)) out.push({ run, phase });
  }
  return out;
}

/** "worker A (cold, separate)" — how a run is named wherever it is shown. */
export function runLabel(run: E2eRun): string {
  return `worker ${run.worker} (${run.kind}, ${run.layout})`;
}

/** "exit 2", "timed out", or "no exit status" (killed before it reported one). */
export function phaseOutcome(phase: Phase): string {
  if (phase.timedOut) return 'timed out';
  return phase.exitCode === null ? 'no exit status' : `exit ${phase.exitCode}`;
}

export interface SetupBar {
  layout: string;
  kind: 'cold' | 'warm' | 'floor';
  seconds: number;
  /** Spread of the warm runs behind a median. */
  min?: number;
  max?: number;
  runs?: number;
}

/** Cold setup, warm median (with its spread) and floor per layout: the timings chart. */
export function setupBars(report: Report): SetupBar[] {
  const bars: SetupBar[] = [];
  for (const layout of report.e2e?.layouts ?? []) {
    if (layout.coldSetupSeconds !== null) {
      bars.push({ layout: layout.layout, kind: 'cold', seconds: layout.coldSetupSeconds });
    }
    const warm = layout.warmSetupSeconds;
    if (warm) {
      bars.push({
        layout: layout.layout,
        kind: 'warm',
        seconds: warm.median,
        min: warm.min,
        max: warm.max,
        runs: warm.runs.length,
      });
    }
    if (layout.floorSeconds !== null)
      bars.push({ layout: layout.layout, kind: 'floor', seconds: layout.floorSeconds });
  }
  return bars;
}

/** Failures that no check or phase row already shows (a build failure, a timing gate with no check, ...). */
export function standaloneFailures(report: Report): Report['failures'] {
  const checkIds = new Set(report.checks.filter((c) => c.status === 'fail').map((c) => c.id));
  for (const gate of auditGates(report)) checkIds.add(gate);
  const anyPhaseFailed = failedPhases(report).length > 0;
  return report.failures.filter((f) => !checkIds.has(f.gate) && !(anyPhaseFailed && isPhaseGate(f.gate)));
}

/** Gates the e2e stage records for a failed phase ("e2e", "e2e:A:test", ...). */
export function isPhaseGate(gate: string): boolean {
  return gate === 'e2e' || gate.startsWith('e2e:') || gate.startsWith('e2e.');
}

/** The one place all these failures point at, when they share it (one `pip install` line, say). */
export function sharedPlace(failures: Failure[]): { file: string; line?: number } | undefined {
  const first = failures[0];
  if (!first?.file) return undefined;
  const same = failures.every((f) => f.file === first.file && f.line === first.line);
  if (!same) return undefined;
  return first.line ? { file: first.file, line: first.line } : { file: first.file };
}

/** The instruction behind a Dockerfile line, from the image's layers, when a layer came from it. */
export function instructionAtLine(report: Report, line: number | undefined): string | undefined {
  if (!line) return undefined;
  return report.image?.layers.find((l) => l.dockerfileLine === line)?.createdBy;
}

const FIRST_PHASES = new Set(['scaffold', 'clone']);
const LATER_PHASES = ['setup', 'lint', 'test', 'push', 'floor'];

/** The runs table's shape: the first phase (scaffold or clone) in one column, then the rest in order. */
export function runsTableShape(runs: readonly E2eRun[]): { head: string[]; columns: string[] } {
  const names = new Set(runs.flatMap((r) => r.phases.map((p) => p.name)));
  const columns = LATER_PHASES.filter((n) => names.has(n));
  for (const n of names) if (!FIRST_PHASES.has(n) && !columns.includes(n)) columns.push(n);
  const head = [
    'Run',
    'Worker',
    'Layout',
    'scaffold / clone',
    ...columns,
    'Proved state',
    'Link mode',
    'Downloads',
  ];
  return { head, columns };
}

export function firstPhase(run: E2eRun): Phase | undefined {
  return run.phases.find((p) => FIRST_PHASES.has(p.name));
}
