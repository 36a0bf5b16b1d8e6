// A merged report's matrix: the grid (images down, template/ref/data set
// across, each cell its verdict, warm median and image size) and every cell in
// the report's order (error, fail, pass, then its own ratios) with its
// failures and what changed against the baseline's same cell. Timings of
// different cells come from different runs: shown, compared only as ratios.

import { formatRatio, formatSeconds } from '../../model/numbers.js';
import type { MatrixCell, Report, Verdict } from '../../model/report.js';
import { formatBytes, formatSignedBytes } from '../../model/units.js';

export interface MatrixCellView {
  id: string;
  /** The id made safe for an HTML id and a Markdown anchor. */
  anchor: string;
  verdict: Verdict;
  image: string;
  /** The grid's column: `template@ref · data set`. */
  column: string;
  warm: string;
  size: string;
  speedup: string;
  /** Against the baseline's same cell, in words; absent without a baseline. */
  change?: string;
  failures: { gate: string; message: string }[];
  error?: string;
  /** The engine the cell ran on (`unix:///var/run/docker.sock`, `ssh://ops@host-2 · engine 7QZ4`). */
  engine?: string;
  imageRef?: string;
  report?: string;
}

export interface MatrixView {
  counts: Record<Verdict, number>;
  columns: string[];
  rows: { image: string; cells: (MatrixCellView | undefined)[] }[];
  /** Every cell, in the report's order. */
  cells: MatrixCellView[];
  /** Whether any cell was compared with a baseline. */
  againstBaseline: boolean;
}

export function columnOf(cell: MatrixCell): string {
  const template = cell.ref ? `${cell.template}@${cell.ref}` : cell.template;
  return cell.dataSet ? `${template} · ${cell.dataSet}` : template;
}

function engineText(cell: MatrixCell): string | undefined {
  const engine = cell.engine;
  if (!engine) return undefined;
  const who = engine.name ?? engine.id?.slice(0, 12);
  const via = engine.context ? `${engine.context} (${engine.endpoint})` : engine.endpoint;
  return who ? `${via} · ${who}` : via;
}

/** The cell against the baseline's: new and fixed failures, speed-up and size, in words. */
function changeText(cell: MatrixCell): string | undefined {
  const base = cell.baseline;
  if (!base) return undefined;
  if (!base.found) return 'new cell: not in the baseline';
  const parts: string[] = [];
  if (base.verdict && base.verdict !== cell.verdict) parts.push(`was ${base.verdict}`);
  if (base.newFailures.length > 0) parts.push(`newly failing: ${base.newFailures.join(', ')}`);
  if (base.fixedFailures.length > 0) parts.push(`fixed: ${base.fixedFailures.join(', ')}`);
  const now = cell.figures.speedup;
  const then = base.figures?.speedup;
  if (now && then)
    parts.push(
      `speed-up ${formatRatio(now / then)} the baseline's (${formatRatio(then)} → ${formatRatio(now)})`,
    );
  const size = cell.figures.imageSizeBytes;
  const sizeThen = base.figures?.imageSizeBytes;
  if (size !== undefined && sizeThen !== undefined && size !== sizeThen)
    parts.push(`size ${formatSignedBytes(size - sizeThen)}`);
  return parts.length > 0 ? parts.join('; ') : 'as in the baseline';
}

function cellView(cell: MatrixCell): MatrixCellView {
  const view: MatrixCellView = {
    id: cell.id,
    anchor: `cell-${cell.id.replace(/[^A-Za-z0-9_-]/g, '-').toLowerCase()}`,
    verdict: cell.verdict,
    image: cell.image,
    column: columnOf(cell),
    warm: formatSeconds(cell.figures.warmSetupSeconds),
    size: cell.figures.imageSizeBytes === undefined ? '—' : formatBytes(cell.figures.imageSizeBytes),
    speedup: formatRatio(cell.figures.speedup),
    failures: cell.failures.map((f) => ({ gate: f.gate, message: f.message })),
  };
  const change = changeText(cell);
  if (change) view.change = change;
  if (cell.error) view.error = cell.error.message;
  const engine = engineText(cell);
  if (engine) view.engine = engine;
  if (cell.imageRef) view.imageRef = cell.imageRef;
  if (cell.report) view.report = cell.report;
  return view;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function countOf(cells: readonly { verdict: Verdict }[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { error: 0, fail: 0, pass: 0 };
  for (const cell of cells) counts[cell.verdict] += 1;
  return counts;
}

/** `3 of 30 cells failed, 1 could not finish`: the headline of a merged report. */
export function matrixWhat(cells: readonly { verdict: Verdict }[]): string {
  const counts = countOf(cells);
  const total = counts.pass + counts.fail + counts.error;
  const of = (n: number) => `${n} of ${total} cell${total === 1 ? '' : 's'}`;
  if (counts.fail === 0 && counts.error === 0) return `every cell passed (${total})`;
  const parts: string[] = [];
  if (counts.fail > 0) parts.push(`${of(counts.fail)} failed`);
  if (counts.error > 0) parts.push(`${parts.length > 0 ? counts.error : of(counts.error)} could not finish`);
  return parts.join(', ');
}

export function matrixView(report: Report): MatrixView | undefined {
  if (!report.cells) return undefined;
  const cells = report.cells.map(cellView);
  const counts = countOf(cells);
  const columns = [...new Set(cells.map((c) => c.column))].sort(byText);
  const images = [...new Set(cells.map((c) => c.image))].sort(byText);
  const rows = images.map((image) => ({
    image,
    cells: columns.map((column) => cells.find((c) => c.image === image && c.column === column)),
  }));
  return {
    counts,
    columns,
    rows,
    cells,
    againstBaseline: report.cells.some((c) => c.baseline !== undefined),
  };
}
