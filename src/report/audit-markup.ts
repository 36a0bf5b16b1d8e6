// The audit section of the summary and of the HTML page: one row per audited
// worker, one column per check, then what each failing or warning check said.
import { escapeHtml as h } from './format.js';
import { mdCode, mdRich, mdTable, mdText } from './markdown.js';
import type { AuditView } from './view/audit.js';
import type { Rich } from './view/rich.js';

const ICON = { pass: '✅', fail: '❌', warn: '⚠️' } as const;

export function auditMarkdown(audit: AuditView | undefined): string {
  if (!audit) return '';
  const ids = audit.columns;
  const rows = audit.workers.map((w) => [
    mdCode(w.name),
    mdCode(w.imageRef),
    ...w.cells.map((check) => (check ? ICON[check.status] : '—')),
  ]);
  const table = mdTable(['Worker', 'Image', ...ids.map(mdCode)], rows, [
    'l',
    'l',
    ...ids.map(() => 'c' as const),
  ]);
  const notes = audit.workers.flatMap((w) => {
    if (w.noted.length === 0) return [];
    const lines = w.noted.map((k) => `- ${ICON[k.status]} ${mdCode(k.id)} — ${mdText(k.detail)}`);
    return [`**${mdCode(w.name)}** (${mdCode(w.shortId)})\n${lines.join('\n')}`];
  });
  const about = audit.about.map(mdRich).join(' · ');
  return ['### Workers audited', about, table, ...notes].join('\n\n');
}

const code = (t: string) => `<code>${h(t)}</code>`;

function htmlRich(rich: Rich): string {
  return rich.map((part) => (typeof part === 'string' ? h(part) : code(part.code))).join('');
}

export function auditHtml(audit: AuditView | undefined): string {
  if (!audit) return '';
  const head = ['Worker', 'Image', ...audit.columns].map(
    (t, i) => `<th scope="col">${i < 2 ? h(t) : code(t)}</th>`,
  );
  const rows = audit.workers.map((w) => {
    const cells = w.cells.map((check) =>
      check
        ? `<td><span class="status ${check.status}" title="${h(check.detail)}">${check.status}</span></td>`
        : '<td class="missing">—</td>',
    );
    // Names and references stay on one line; the table scrolls sideways instead.
    const nowrap = ' style="white-space:nowrap"';
    return `<tr><th scope="row"${nowrap}>${code(w.name)}</th><td${nowrap}>${code(w.imageRef)}</td>${cells.join('')}</tr>`;
  });
  const notes = audit.workers.flatMap((w) => {
    if (w.noted.length === 0) return [];
    const items = w.noted.map(
      (k) => `<li><span class="status ${k.status}">${k.status}</span> ${code(k.id)} ${h(k.detail)}</li>`,
    );
    return [
      `<h3>${code(w.name)} <small>${h(w.shortId)}</small></h3><ul class="found">${items.join('')}</ul>`,
    ];
  });
  return `<section id="audit" aria-labelledby="audit-title">
<h2 id="audit-title">Workers audited</h2>
<p class="about">${audit.about.map(htmlRich).join(' · ')}</p>
<div class="scroll"><table class="checks"><thead><tr>${head.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>
${notes.join('\n')}
</section>`;
}
