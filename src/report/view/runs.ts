// The e2e runs as every renderer shows them: a table row per run (its first
// phase, scaffold or clone, in one column, then the rest in order), each phase
// with its seconds and outcome, and the log tails of the phases that failed.

import { formatSeconds } from '../../model/numbers.js';
import type { E2eReport, E2eRun, Phase, ProvedState, Report, ScaffolderReport } from '../../model/report.js';
import { cleanLog, lastLines } from '../format.js';
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
  /** The run's index; `—` for the scaffolder (it is not in `runs`). */
  index: string;
  worker: E2eRun['worker'] | 'scaffolder';
  /** A developer's `cold` or `warm`; the scaffolder's user. */
  kind: string;
  layout: E2eRun['layout'];
  label: string;
  /** JUnit's class name for its phases, without the `worker-gate.e2e.` prefix. */
  suite: string;
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
const LATER_PHASES = ['fixup', 'setup', 'lint', 'test', 'push', 'floor'];
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

/** The table's caption: who does what. */
export function runsAbout(e2e: Pick<E2eReport, 'scaffolder' | 'handoff'>): string {
  if (!e2e.scaffolder)
    return 'Seconds per phase. Worker A scaffolds and pushes; each worker B clones it into a fresh container on the same uv cache.';
  const how =
    e2e.handoff === 'mount'
      ? "gets a copy of the scaffolder's workspace at its own path"
      : 'clones it into a fresh container';
  return `Seconds per phase. The scaffolder scaffolds, sets up and pushes first with hooks off; developer A, then each developer B, ${how} on the workers' uv cache and pushes with hooks on.`;
}

/** The scaffolder as a row of the runs table, before the developers. */
function scaffolderRow(s: ScaffolderReport, columns: readonly string[]): RunView {
  const phases = s.phases.map(phaseView);
  const view: RunView = {
    index: '—',
    worker: 'scaffolder',
    kind: s.user,
    layout: s.layout,
    label: `the scaffolder (${s.user})`,
    suite: 'scaffolder',
    cells: [
      phases.find((p) => FIRST_PHASES.has(p.name)),
      ...columns.map((n) => phases.find((p) => p.name === n)),
    ],
    phases,
  };
  const setup = s.setup;
  // Its proof counts only on the workers' cache: on its own it proves nothing about theirs.
  if (setup?.onWorkersCache && setup.provedState)
    view.proved = { state: setup.provedState, ok: !setup.provedState.startsWith('not-') };
  if (setup?.linkMode) view.linkMode = setup.linkMode;
  if (setup?.downloads !== undefined) view.downloads = setup.downloads;
  return view;
}

export function runsTable(e2e: Pick<E2eReport, 'runs' | 'scaffolder'>): RunsTable {
  const { runs, scaffolder } = e2e;
  const all = [...(scaffolder ? [scaffolder.phases] : []), ...runs.map((r) => r.phases)];
  const names = new Set(all.flatMap((phases) => phases.map((p) => p.name)));
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
      index: String(run.index),
      worker: run.worker,
      kind: run.kind,
      layout: run.layout,
      label: runLabel(run),
      suite: `${run.layout}.run${run.index}-${run.worker}-${run.kind}`,
      cells: [first, ...columns.map((n) => phases.find((p) => p.name === n))],
      phases,
    };
    if (run.provedState) view.proved = { state: run.provedState, ok: !run.provedState.startsWith('not-') };
    if (run.linkMode) view.linkMode = run.linkMode;
    if (run.downloads !== undefined) view.downloads = run.downloads;
    return view;
  });
  return { head, rows: scaffolder ? [scaffolderRow(scaffolder, columns), ...rows] : rows };
}

export function failedPhaseLogs(report: Report): PhaseLog[] {
  const scaffolder = report.e2e?.scaffolder;
  const who: { label: string; phases: Phase[] }[] = [
    ...(scaffolder ? [{ label: `the scaffolder (${scaffolder.user})`, phases: scaffolder.phases }] : []),
    ...(report.e2e?.runs ?? []).map((run) => ({ label: runLabel(run), phases: run.phases })),
  ];
  return who.flatMap(({ label, phases }) =>
    phases.filter(phaseFailed).map((phase) => ({
      run: label,
      phase: phase.name,
      outcome: phaseOutcome(phase),
      tail: phase.logTail ? lastLines(cleanLog(phase.logTail), LOG_LINES) : '(no output was recorded)',
    })),
  );
}
