// A matrix cell's name, and what a cell shows of its run. On the lowest floor:
// the matrix file names its cells (config), a run records its cell (pipeline),
// merge reads them back, and the view draws the grid.
import { recordedHeadline } from './figures/proved-runs.js';
import type { CellCoordinates, CellFigures, Report, Verdict } from './report.js';

/** What a name of a matrix axis may be: it is part of a cell id, an artifact name and a file name. */
export const AXIS_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A piece of a cell id: no white space, no `:` (a merged failure is `<cell>:<gate>`), no `/`, `+` or `@`. */
export function idPart(text: string): string {
  const slug = text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug || 'x';
}

/** `image+template@ref+data-set`: what a cell is called in ids, artifacts and files. */
export function cellId(cell: Omit<CellCoordinates, 'id'>): string {
  const ref = cell.ref ? `@${idPart(cell.ref)}` : '';
  const data = cell.dataSet ? `+${idPart(cell.dataSet)}` : '';
  return `${idPart(cell.image)}+${idPart(cell.template)}${ref}${data}`;
}

/** Where a report sits in a matrix: as its run recorded it, else read from what it tested. */
export function coordinatesOf(report: Report): CellCoordinates {
  if (report.cell) return report.cell;
  const imageRef = report.image?.ref ?? report.command;
  const image = imageRef.split('@')[0]?.split('/').pop() ?? imageRef;
  const template = report.e2e?.template;
  const source = template?.source.replace(/\/+$/, '').replace(/\.git$/, '') ?? 'no-template';
  const coordinates: Omit<CellCoordinates, 'id'> = {
    image,
    template: source.split('/').pop() ?? source,
  };
  if (template?.ref) coordinates.ref = template.ref;
  const data = Object.entries(template?.data ?? {}).map(([k, v]) => `${k}=${v}`);
  if (data.length > 0) coordinates.dataSet = data.join(',');
  return { id: cellId(coordinates), ...coordinates };
}

/** A cell's key figures, copied from its report. */
export function cellFigures(report: Report): CellFigures {
  const figures: CellFigures = {};
  if (report.image) figures.imageSizeBytes = report.image.sizeBytes;
  if (report.baseline) figures.sizeDeltaBytes = report.baseline.sizeDeltaBytes;
  const e2e = report.e2e;
  if (e2e?.setup) {
    figures.coldSetupSeconds = e2e.setup.coldSeconds;
    figures.warmSetupSeconds = e2e.setup.warmSeconds?.median ?? null;
    figures.speedup = e2e.setup.speedup;
  }
  if (e2e?.layoutRatio !== undefined) figures.layoutRatio = e2e.layoutRatio;
  const layout = e2e ? recordedHeadline(e2e) : undefined;
  if (layout) figures.linkMode = layout.linkMode;
  return figures;
}

const RANK: Record<Verdict, number> = { error: 0, fail: 1, pass: 2 };

/** error, fail, pass: the order cells and hosts are listed in. */
export function verdictRank(verdict: Verdict): number {
  return RANK[verdict];
}
