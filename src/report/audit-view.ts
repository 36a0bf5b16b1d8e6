// The audit section of the summary, the HTML page and the JUnit file: one row
// per audited worker, one column per check, then what each failing or warning
// check said. Pure; reads report.audit only.
import { escapeHtml as h, shortImageId } from './format.js';
import { mdCode, mdTable, mdText } from './markdown.js';
import type { AuditContainer, AuditReport, Check, Report } from './types.js';

const ICON = { pass: '✅', fail: '❌', warn: '⚠️' } as const;

/** The gate a failed audit check is recorded under: the check, then the worker (`pids-limit:worker-3`). */
export function auditGate(checkId: string, containerName: string): string {
  return `${checkId}:${containerName}`;
}

/** The gates report.audit shows as checks (so no renderer shows them twice). */
export function auditGates(report: Report): Set<string> {
  const gates = new Set<string>();
  for (const c of report.audit?.containers ?? [])
    for (const check of c.checks) if (check.status === 'fail') gates.add(auditGate(check.id, c.name));
  return gates;
}

/** Check ids in the order the workers list them. */
function columns(audit: AuditReport): string[] {
  const ids: string[] = [];
  for (const c of audit.containers)
    for (const check of c.checks) if (!ids.includes(check.id)) ids.push(check.id);
  return ids;
}

function counts(audit: AuditReport): { failing: number; warning: number } {
  const has = (c: AuditContainer, s: Check['status']) => c.checks.some((k) => k.status === s);
  return {
    failing: audit.containers.filter((c) => has(c, 'fail')).length,
    warning: audit.containers.filter((c) => !has(c, 'fail') && has(c, 'warn')).length,
  };
}

/** One line about what was audited: engine, filters, shared volume, expected image, measured layout cost. */
function aboutParts(audit: AuditReport, code: (t: string) => string, text: (t: string) => string): string[] {
  const n = audit.containers.length;
  const { failing, warning } = counts(audit);
  const parts = [
    `${n} worker${n === 1 ? '' : 's'} on ${code(audit.engine)}: ${failing} failing, ${warning} with warnings only`,
    audit.filters.length > 0 ? `filters ${audit.filters.map(code).join(' ')}` : 'every running container',
    audit.cacheVolume ? `shared cache volume ${code(audit.cacheVolume)}` : 'no cache volume shared by most',
  ];
  if (audit.expectImage)
    parts.push(`expected image ${code(audit.expectImage.ref)} (${code(shortImageId(audit.expectImage.id))})`);
  if (audit.layoutCost) {
    const c = audit.layoutCost;
    parts.push(
      text(
        `two mounts cost ${c.ratio.toFixed(2)}× on a warm setup (${c.separateWarmSeconds.toFixed(1)} s against ${c.sharedWarmSeconds.toFixed(1)} s, from ${c.report})`,
      ),
    );
  }
  return parts;
}

export function auditMarkdown(report: Report): string {
  const audit = report.audit;
  if (!audit || audit.containers.length === 0) return '';
  const ids = columns(audit);
  const rows = audit.containers.map((c) => [
    mdCode(c.name),
    mdCode(c.image.ref),
    ...ids.map((id) => {
      const check = c.checks.find((k) => k.id === id);
      return check ? ICON[check.status] : '—';
    }),
  ]);
  const table = mdTable(['Worker', 'Image', ...ids.map(mdCode)], rows, [
    'l',
    'l',
    ...ids.map(() => 'c' as const),
  ]);
  const notes = audit.containers.flatMap((c) => {
    const shown = c.checks.filter((k) => k.status !== 'pass');
    if (shown.length === 0) return [];
    const lines = shown.map((k) => `- ${ICON[k.status]} ${mdCode(k.id)} — ${mdText(k.detail)}`);
    return [`**${mdCode(c.name)}** (${mdCode(shortImageId(c.id))})\n${lines.join('\n')}`];
  });
  const about = aboutParts(audit, mdCode, mdText).join(' · ');
  return ['### Workers audited', about, table, ...notes].join('\n\n');
}

export function auditHtml(report: Report): string {
  const audit = report.audit;
  if (!audit || audit.containers.length === 0) return '';
  const ids = columns(audit);
  const code = (t: string) => `<code>${h(t)}</code>`;
  const head = ['Worker', 'Image', ...ids].map((t, i) => `<th scope="col">${i < 2 ? h(t) : code(t)}</th>`);
  const rows = audit.containers.map((c) => {
    const cells = ids.map((id) => {
      const check = c.checks.find((k) => k.id === id);
      return check
        ? `<td><span class="status ${check.status}" title="${h(check.detail)}">${check.status}</span></td>`
        : '<td class="missing">—</td>';
    });
    // Names and references stay on one line; the table scrolls sideways instead.
    const nowrap = ' style="white-space:nowrap"';
    return `<tr><th scope="row"${nowrap}>${code(c.name)}</th><td${nowrap}>${code(c.image.ref)}</td>${cells.join('')}</tr>`;
  });
  const notes = audit.containers.flatMap((c) => {
    const shown = c.checks.filter((k) => k.status !== 'pass');
    if (shown.length === 0) return [];
    const items = shown.map(
      (k) => `<li><span class="status ${k.status}">${k.status}</span> ${code(k.id)} ${h(k.detail)}</li>`,
    );
    return [
      `<h3>${code(c.name)} <small>${h(shortImageId(c.id))}</small></h3><ul class="found">${items.join('')}</ul>`,
    ];
  });
  return `<section id="audit" aria-labelledby="audit-title">
<h2 id="audit-title">Workers audited</h2>
<p class="about">${aboutParts(audit, code, h).join(' · ')}</p>
<div class="scroll"><table class="checks"><thead><tr>${head.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>
${notes.join('\n')}
</section>`;
}

export interface AuditCase {
  classname: string;
  name: string;
  check: Check;
}

/** JUnit: one test case per worker and check. */
export function auditCases(report: Report): AuditCase[] {
  return (report.audit?.containers ?? []).flatMap((c) =>
    c.checks.map((check) => ({ classname: `worker-gate.audit.${c.name}`, name: check.id, check })),
  );
}
