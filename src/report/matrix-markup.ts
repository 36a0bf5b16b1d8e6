// A merged report's matrix in the summary (and so the PR comment) and on the
// HTML page: the grid, then every cell in the report's order with its
// failures. On the page each grid cell links to its details.
import { escapeHtml as h } from './format.js';
import { mdCode, mdProse, mdTable, mdText } from './markdown.js';
import type { MatrixCellView, MatrixView } from './view/matrix.js';

/** A failure as the page's cell lists it: its first line (a log tail below it is the cell's own report's). */
function firstLine(message: string): string {
  return message.split('\n')[0] ?? '';
}

const ICON = { pass: '✅', fail: '❌', error: '⚠️' } as const;
const MARK = { pass: '✓', fail: '✕', error: '!' } as const;

function mdGridCell(cell: MatrixCellView | undefined): string {
  if (!cell) return '—';
  return `${ICON[cell.verdict]} ${cell.warm} · ${cell.size}`;
}

function mdCellNotes(cell: MatrixCellView): string {
  const lines = cell.failures.map((f) => `- ${mdCode(f.gate)} — ${mdProse(f.message)}`);
  if (cell.error) lines.unshift(`- could not finish: ${mdProse(cell.error)}`);
  const where = [
    cell.engine ? `on ${mdCode(cell.engine)}` : '',
    cell.report ? `report ${mdCode(cell.report)}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return `**${ICON[cell.verdict]} ${mdCode(cell.id)}**${where ? ` · ${where}` : ''}\n${lines.join('\n')}`;
}

export function matrixMarkdown(matrix: MatrixView | undefined): string {
  if (!matrix) return '';
  const grid = mdTable(
    ['Image', ...matrix.columns.map(mdCode)],
    matrix.rows.map((row) => [mdCode(row.image), ...row.cells.map(mdGridCell)]),
    ['l', ...matrix.columns.map(() => 'c' as const)],
  );
  const head = ['', 'Cell', 'Warm median', 'Speed-up', 'Size'];
  if (matrix.againstBaseline) head.push('Against the baseline');
  const rows = matrix.cells.map((c) => {
    const row = [ICON[c.verdict], mdCode(c.id), c.warm, c.speedup, c.size];
    if (matrix.againstBaseline) row.push(mdText(c.change ?? '—'));
    return row;
  });
  const notes = matrix.cells.filter((c) => c.verdict !== 'pass').map(mdCellNotes);
  return [
    '### Matrix',
    'Each cell: its verdict, warm setup median and image size. Timings come from separate runs: compare them as ratios.',
    grid,
    '### Cells',
    mdTable(head, rows, ['c', 'l', 'r', 'r', 'r', 'l']),
    ...notes,
  ].join('\n\n');
}

const code = (t: string) => `<code>${h(t)}</code>`;

function htmlGridCell(cell: MatrixCellView | undefined): string {
  if (!cell) return '<td class="cell none">—</td>';
  return `<td class="cell ${cell.verdict}"><a href="#${cell.anchor}" title="${h(cell.id)}: ${cell.verdict}"><span class="mark" aria-label="${cell.verdict}">${MARK[cell.verdict]}</span> <span class="warm">${h(cell.warm)}</span> <small>${h(cell.size)}</small></a></td>`;
}

function htmlCellDetail(cell: MatrixCellView): string {
  const facts: [string, string][] = [
    ['Verdict', h(cell.verdict)],
    ['Warm median', h(cell.warm)],
    ['Speed-up', h(cell.speedup)],
    ['Image size', h(cell.size)],
  ];
  if (cell.imageRef) facts.push(['Image', code(cell.imageRef)]);
  if (cell.engine) facts.push(['Engine', code(cell.engine)]);
  if (cell.change) facts.push(['Against the baseline', h(cell.change)]);
  if (cell.report) facts.push(['Report', code(cell.report)]);
  const dl = facts.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('');
  const problems = cell.failures.map(
    (f) => `<li><code>${h(f.gate)}</code> <span class="message">${h(firstLine(f.message))}</span></li>`,
  );
  if (cell.error)
    problems.unshift(`<li>could not finish: <span class="message">${h(cell.error)}</span></li>`);
  const list = problems.length > 0 ? `\n<ul class="members">${problems.join('')}</ul>` : '';
  return `<section id="${cell.anchor}" class="cell-detail ${cell.verdict}">
<h3><span class="mark">${MARK[cell.verdict]}</span> <code>${h(cell.id)}</code></h3>
<dl class="facts">${dl}</dl>${list}
</section>`;
}

export function matrixHtml(matrix: MatrixView | undefined): string {
  if (!matrix) return '';
  const head = [
    '<th scope="col">Image</th>',
    ...matrix.columns.map((c) => `<th scope="col">${code(c)}</th>`),
  ];
  const body = matrix.rows.map(
    (row) => `<tr><th scope="row">${code(row.image)}</th>${row.cells.map(htmlGridCell).join('')}</tr>`,
  );
  return `<section id="matrix" aria-labelledby="matrix-title">
<h2 id="matrix-title">Matrix</h2>
<p class="about">Each cell: its verdict, warm setup median and image size; click a cell for its details. Timings come from separate runs: compare them as ratios.</p>
<div class="scroll"><table class="matrix">
<thead><tr>${head.join('')}</tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table></div>
</section>
<section id="cells" aria-labelledby="cells-title">
<h2 id="cells-title">Cells</h2>
${matrix.cells.map(htmlCellDetail).join('\n')}
</section>`;
}

/** The grid's style, added to the page only when it has a matrix (single-run pages stay as they were). */
export const MATRIX_STYLE = `
.matrix td.cell { text-align: center; padding: 0; }
.matrix td.cell a { display: block; padding: 8px 10px; color: var(--fg); text-decoration: none; white-space: nowrap; }
.matrix td.cell a:hover, .matrix td.cell a:focus { outline: 2px solid var(--accent); outline-offset: -2px; }
.matrix td.pass { background: var(--pass-bg); }
.matrix td.fail { background: var(--fail-bg); }
.matrix td.error { background: var(--warn-bg); }
.matrix td.none { color: var(--muted); }
.matrix td.pass .mark { color: var(--pass); font-weight: 700; }
.matrix td.fail .mark { color: var(--fail); font-weight: 700; }
.matrix td.error .mark { color: var(--warn); font-weight: 700; }
.matrix .warm { font-variant-numeric: tabular-nums; font-weight: 600; }
.cell-detail { border: 1px solid var(--line); border-left: 5px solid var(--pass); border-radius: 8px; padding: 10px 16px; margin: 0 0 12px; }
.cell-detail.fail { border-left-color: var(--fail); }
.cell-detail.error { border-left-color: var(--warn); }
.cell-detail:target { box-shadow: 0 0 0 2px var(--accent); }
.cell-detail h3 { margin: 0 0 0.4rem; font-size: 1rem; }
`;
