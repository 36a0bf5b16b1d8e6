// The e2e runs as every renderer shows them: a table row per run (its first
// phase, scaffold or clone, in one column, then the rest in order), each phase
// with its seconds and outcome, and the log tails of the phases that failed.
import { cleanLog, formatSeconds, lastLines } from '../format.js';
import type { E2eRun, Phase, ProvedState, Report } from '../types.js';
import { phaseFailed, phaseOutcome, runLabel } from './phases.js';

export interface PhaseView {
  name: string;
  seconds: number;
  /** `12.3 s`. */
  time: string;
  failed: boolean;
  timedOut: boolean;
  outcome: string;
  logTail?: string;
}

export interface RunView {
  index: number;
  worker: E2eRun['worker'];
  kind: E2eRun['kind'];
  layout: E2eRun['layout'];
  label: string;
  /** The first phase, then one per column of the table; undefined where the run has none. */
  cells: (PhaseView | undefined)[];
  phases: PhaseView[];
  proved?: { state: ProvedState; ok: boolean };
  linkMode?: string;
  downloads?: number;
}

export interface RunsTable {
  head: string[];
  rows: RunView[];
}

export interface PhaseLog {
  run: string;
  phase: string;
  outcome: string;
  /** The last lines of the phase's output, cleaned of control characters. */
  tail: string;
}

const FIRST_PHASES = new Set(['scaffold', 'clone']);
const LATER_PHASES = ['setup', 'lint', 'test', 'push', 'floor'];
const LOG_LINES = 50;

function phaseView(phase: Phase): PhaseView {
  const view: PhaseView = {
    name: phase.name,
    seconds: phase.seconds,
    time: formatSeconds(phase.seconds),
    failed: phaseFailed(phase),
    timedOut: phase.timedOut,
    outcome: phaseOutcome(phase),
  };
  if (phase.logTail !== undefined) view.logTail = phase.logTail;
  return view;
}

export function runsTable(runs: readonly E2eRun[]): RunsTable {
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
  const rows = runs.map((run) => {
    const phases = run.phases.map(phaseView);
    const first = phases.find((p) => FIRST_PHASES.has(p.name));
    const view: RunView = {
      index: run.index,
      worker: run.worker,
      kind: run.kind,
      layout: run.layout,
      label: runLabel(run),
      cells: [first, ...columns.map((n) => phases.find((p) => p.name === n))],
      phases,
    };
    if (run.provedState) view.proved = { state: run.provedState, ok: !run.provedState.startsWith('not-') };
    if (run.linkMode) view.linkMode = run.linkMode;
    if (run.downloads !== undefined) view.downloads = run.downloads;
    return view;
  });
  return { head, rows };
}

export function failedPhaseLogs(report: Report): PhaseLog[] {
  return (report.e2e?.runs ?? []).flatMap((run) =>
    run.phases.filter(phaseFailed).map((phase) => ({
      run: runLabel(run),
      phase: phase.name,
      outcome: phaseOutcome(phase),
      tail: phase.logTail ? lastLines(cleanLog(phase.logTail), LOG_LINES) : '(no output was recorded)',
    })),
  );
}
