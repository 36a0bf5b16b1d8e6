// Many reports (one per matrix cell) → one matrix Report: every cell with its
// verdict, failures and key figures, in the order a reader wants them (error,
// fail, pass, then each cell's own ratios: timings of different runs, on
// different machines, are never compared as absolute figures), its failures as
// `<cell>:<gate>`, and each cell beside the same cell of a baseline. Pure: the
// reports come in read and checked (read-reports.ts).
import { cellFigures, coordinatesOf, verdictRank } from '../model/cells.js';
import type { MergeCommand } from '../model/command.js';
import { InputError } from '../model/errors.js';
import type { CellBaseline, MatrixCell, Report } from '../model/report.js';
import { finishReport, newReport } from '../model/report-building.js';
import { scopedGate } from '../model/scoped-gate.js';
import { listWords } from '../model/text.js';

export interface MergeInput {
  report: Report;
  /** The file it came from (merge) or was written to (matrix), as the user named it. */
  file?: string;
}

export interface MergeOptions {
  command: MergeCommand;
  /** baseline-report: a merged report or a single run's. */
  baseline?: Report;
  startedAt?: Date;
  now?: Date;
}

/** One report's cell; a merged report stands for all of its cells. */
export function cellsOf(input: MergeInput): MatrixCell[] {
  const { report, file } = input;
  if (report.cells) return report.cells.map((c) => ({ ...c }));
  const cell: MatrixCell = {
    ...coordinatesOf(report),
    verdict: report.verdict,
    failures: report.failures.map((f) => ({ ...f })),
    figures: cellFigures(report),
  };
  if (report.image) cell.imageRef = report.image.ref;
  if (report.e2e) {
    cell.templateSource = report.e2e.template.source;
    cell.data = { ...report.e2e.template.data };
    // A hand-made report may carry no runs.
    const warm = (report.e2e.runs ?? []).filter((r) => r.kind === 'warm' && r.provedState === 'warm');
    const volumes = [...new Set(warm.flatMap((r) => (r.cacheVolume ? [r.cacheVolume] : [])))];
    if (volumes.length > 0) cell.warmCacheVolumes = volumes;
  }
  if (report.engine) cell.engine = report.engine;
  if (report.error) cell.error = { ...report.error };
  if (file) cell.report = file;
  return [cell];
}

/** The same cell of the baseline: what failed then and now, and its figures then. */
export function againstBaseline(cell: MatrixCell, baseline: readonly MatrixCell[]): CellBaseline {
  const then = baseline.find((b) => b.id === cell.id);
  if (!then) return { found: false, newFailures: [], fixedFailures: [] };
  const now = new Set(cell.failures.map((f) => f.gate));
  const before = new Set(then.failures.map((f) => f.gate));
  return {
    found: true,
    verdict: then.verdict,
    figures: then.figures,
    newFailures: [...now].filter((g) => !before.has(g)),
    fixedFailures: [...before].filter((g) => !now.has(g)),
  };
}

/**
 * The ratio a cell is ordered by within its verdict: against a baseline, its speedup ÷ the
 * baseline's (below 1: its warm setup gained less on its cold one than before); else its speedup.
 */
export function orderRatio(cell: MatrixCell): { againstBaseline: boolean; value: number } | undefined {
  const speedup = cell.figures.speedup;
  if (speedup === null || speedup === undefined) return undefined;
  const before = cell.baseline?.figures?.speedup;
  if (before) return { againstBaseline: true, value: speedup / before };
  return { againstBaseline: false, value: speedup };
}

/** error, fail, pass; then the largest fall against the baseline, then the lowest speedup; then the id. */
export function compareCells(a: MatrixCell, b: MatrixCell): number {
  const byVerdict = verdictRank(a.verdict) - verdictRank(b.verdict);
  if (byVerdict !== 0) return byVerdict;
  const ra = orderRatio(a);
  const rb = orderRatio(b);
  const tier = (r: typeof ra) => (r === undefined ? 2 : r.againstBaseline ? 0 : 1);
  const byTier = tier(ra) - tier(rb);
  if (byTier !== 0) return byTier;
  if (ra && rb && ra.value !== rb.value) return ra.value - rb.value;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Two reports of one cell would hide one another: refused, naming both files. */
function refuseDuplicates(cells: readonly MatrixCell[]): void {
  const seen = new Map<string, MatrixCell>();
  const problems: string[] = [];
  for (const cell of cells) {
    const first = seen.get(cell.id);
    if (first)
      problems.push(
        `${cell.report ?? 'a report'} and ${first.report ?? 'another report'} are both the cell ${cell.id}: give each cell's report once`,
      );
    else seen.set(cell.id, cell);
  }
  const [message, ...details] = problems;
  if (message) throw new InputError(message, { input: 'reports', details });
}

export function mergeReports(inputs: readonly MergeInput[], options: MergeOptions): Report {
  const cells = inputs.flatMap(cellsOf);
  refuseDuplicates(cells);
  if (options.baseline) {
    const baseline = cellsOf({ report: options.baseline });
    for (const cell of cells) cell.baseline = againstBaseline(cell, baseline);
  }
  cells.sort(compareCells);
  const report = newReport(options.command, options.startedAt);
  report.cells = cells;
  for (const cell of cells)
    for (const f of cell.failures)
      report.failures.push({ gate: scopedGate(cell.id, f.gate), message: f.message });
  const errored = cells.filter((c) => c.verdict === 'error');
  if (errored.length > 0) {
    report.error = {
      message: `${errored.length} of ${cells.length} cell${cells.length === 1 ? '' : 's'} could not finish: ${listWords(errored.map((c) => c.id))}`,
      detail: errored.map((c) => `${c.id}: ${c.error?.message ?? 'no cause was recorded'}`).join('\n'),
    };
  }
  return finishReport(report, options.now);
}
