// The audit section of the summary and of the HTML page: one row per audited
// worker, one column per check, then what each failing or warning check said;
// then the scaffolders the same way, under their own heading.
import { escapeHtml as h } from './format.js';
import { mdCode, mdRich, mdTable, mdText } from './markdown.js';
import type { AuditView, AuditWorkerView, FoldedWarning } from './view/audit.js';
import type { Rich } from './view/rich.js';

const ICON = { pass: '✅', fail: '❌', warn: '⚠️' } as const;

function mdTableOf(first: string, columns: readonly string[], rows: readonly AuditWorkerView[]): string {
  const cells = rows.map((w) => [
    mdCode(w.name),
    mdCode(w.imageRef),
    ...w.cells.map((check) => (check ? ICON[check.status] : '—')),
  ]);
  return mdTable([first, 'Image', ...columns.map(mdCode)], cells, [
    'l',
    'l',
    ...columns.map(() => 'c' as const),
  ]);
}

function mdNotes(rows: readonly AuditWorkerView[]): string[] {
  return rows.flatMap((w) => {
    if (w.noted.length === 0) return [];
    const lines = w.noted.map((k) => `- ${ICON[k.status]} ${mdCode(k.id)} — ${mdText(k.detail)}`);
    return [`**${mdCode(w.name)}** (${mdCode(w.shortId)})\n${lines.join('\n')}`];
  });
}

/** `on 7 workers: a, b, …` */
function onWorkers(folded: FoldedWarning): string {
  return `on ${folded.workers.length} workers (${folded.workers.join(', ')})`;
}

/** What differs from worker to worker is in the JSON report; the first worker's words stand for all. */
function foldedDetail(folded: FoldedWarning): string {
  return folded.same ? folded.detail : `on ${folded.workers[0]}: ${folded.detail}`;
}

function mdFolded(audit: AuditView): string[] {
  if (audit.folded.length === 0) return [];
  const lines = audit.folded.map(
    (f) => `- ${ICON.warn} ${mdCode(f.id)} ${mdText(onWorkers(f))} — ${mdText(foldedDetail(f))}`,
  );
  return [`**Warnings on several workers**\n${lines.join('\n')}`];
}

/** `heading`: the section's title (one host's of several: `Workers audited on …`). */
export function auditMarkdown(audit: AuditView | undefined, heading = 'Workers audited'): string {
  if (!audit) return '';
  const about = audit.about.map(mdRich).join(' · ');
  const parts = [
    `### ${heading}`,
    about,
    mdTableOf('Worker', audit.columns, audit.workers),
    ...mdNotes(audit.workers),
    ...mdFolded(audit),
  ];
  const scaffolders = audit.scaffolders;
  if (scaffolders)
    parts.push(
      '#### Scaffolders',
      mdTableOf('Scaffolder', scaffolders.columns, scaffolders.rows),
      ...mdNotes(scaffolders.rows),
    );
  return parts.join('\n\n');
}

const code = (t: string) => `<code>${h(t)}</code>`;

function htmlRich(rich: Rich): string {
  return rich.map((part) => (typeof part === 'string' ? h(part) : code(part.code))).join('');
}

function htmlTable(first: string, columns: readonly string[], rows: readonly AuditWorkerView[]): string {
  const head = [first, 'Image', ...columns].map((t, i) => `<th scope="col">${i < 2 ? h(t) : code(t)}</th>`);
  const body = rows.map((w) => {
    const cells = w.cells.map((check) =>
      check
        ? `<td><span class="status ${check.status}" title="${h(check.detail)}">${check.status}</span></td>`
        : '<td class="missing">—</td>',
    );
    // Names and references stay on one line; the table scrolls sideways instead.
    const nowrap = ' style="white-space:nowrap"';
    return `<tr><th scope="row"${nowrap}>${code(w.name)}</th><td${nowrap}>${code(w.imageRef)}</td>${cells.join('')}</tr>`;
  });
  return `<div class="scroll"><table class="checks"><thead><tr>${head.join('')}</tr></thead><tbody>${body.join('')}</tbody></table></div>`;
}

function htmlNotes(rows: readonly AuditWorkerView[]): string[] {
  return rows.flatMap((w) => {
    if (w.noted.length === 0) return [];
    const items = w.noted.map(
      (k) => `<li><span class="status ${k.status}">${k.status}</span> ${code(k.id)} ${h(k.detail)}</li>`,
    );
    return [
      `<h3>${code(w.name)} <small>${h(w.shortId)}</small></h3><ul class="found">${items.join('')}</ul>`,
    ];
  });
}

function htmlFolded(audit: AuditView): string {
  if (audit.folded.length === 0) return '';
  const items = audit.folded.map(
    (f) =>
      `<li><span class="status warn">warn</span> ${code(f.id)} ${h(onWorkers(f))} — ${h(foldedDetail(f))}</li>`,
  );
  return `\n<h3>Warnings on several workers</h3><ul class="found">${items.join('')}</ul>`;
}

/** `section`: its id and title (one host's of several has its own). */
export function auditHtml(
  audit: AuditView | undefined,
  section: { id: string; title: string } = { id: 'audit', title: 'Workers audited' },
): string {
  if (!audit) return '';
  const scaffolders = audit.scaffolders
    ? `\n<h3 id="${h(section.id)}-scaffolders">Scaffolders</h3>
${htmlTable('Scaffolder', audit.scaffolders.columns, audit.scaffolders.rows)}
${htmlNotes(audit.scaffolders.rows).join('\n')}`
    : '';
  return `<section id="${h(section.id)}" aria-labelledby="${h(section.id)}-title">
<h2 id="${h(section.id)}-title">${h(section.title)}</h2>
<p class="about">${audit.about.map(htmlRich).join(' · ')}</p>
${htmlTable('Worker', audit.columns, audit.workers)}
${htmlNotes(audit.workers).join('\n')}${htmlFolded(audit)}${scaffolders}
</section>`;
}
