// An audit over several engines in the summary and on the HTML page: the fleet
// table and the rules across hosts first (the summary's head, so the PR comment
// has them), then each host's audit as the one-engine audit shows it.
import { auditHtml, auditMarkdown } from './audit-markup.js';
import { escapeHtml as h } from './format.js';
import { mdCode, mdFence, mdTable, mdText } from './markdown.js';
import type { CheckView } from './view/checks.js';
import type { HostRowView, HostsView } from './view/hosts.js';

const VERDICT_ICON = { pass: '✅', fail: '❌', error: '⚠️' } as const;
const STATUS_ICON = { pass: '✅', fail: '❌', warn: '⚠️' } as const;
const HEAD = ['Host', 'Engine', 'Workers', 'Verdict', 'Failures', 'Warnings', 'Images'];

const hostWords = (row: HostRowView) => (row.context ? `${row.host} (${row.endpoint})` : row.host);

function mdRow(row: HostRowView): string[] {
  const host = row.context ? `${mdCode(row.context)} (${mdCode(row.endpoint)})` : mdCode(row.endpoint);
  return [
    host,
    [row.engineName ? mdText(row.engineName) : '', row.engineId ? `(${mdCode(row.engineId)})` : '']
      .filter(Boolean)
      .join(' ') || '—',
    String(row.workers),
    `${VERDICT_ICON[row.verdict]} ${row.verdict}`,
    String(row.failures),
    String(row.warnings),
    row.images.map(mdCode).join('<br>') || '—',
  ];
}

function mdRule(rule: CheckView): string {
  const todo = rule.status === 'fail' && rule.remedy ? `  \n  **What to do:** ${rule.remedy}` : '';
  return `- ${STATUS_ICON[rule.status]} ${mdCode(rule.id)} — ${mdText(rule.detail)}${todo}`;
}

/** The fleet table, the hosts that could not be audited, and the rules across hosts. */
export function hostsHeadMarkdown(hosts: HostsView | undefined): string {
  if (!hosts) return '';
  const parts = [
    '### Hosts audited',
    mdTable(HEAD, hosts.rows.map(mdRow), ['l', 'l', 'r', 'l', 'r', 'r', 'l']),
  ];
  for (const row of hosts.rows)
    if (row.error) parts.push(`**${mdCode(hostWords(row))}** could not be audited:\n\n${mdFence(row.error)}`);
  if (hosts.rules.length > 0) parts.push(`#### Across hosts\n\n${hosts.rules.map(mdRule).join('\n')}`);
  return parts.join('\n\n');
}

/** Each host's own audit. */
export function hostsMarkdown(hosts: HostsView | undefined): string {
  if (!hosts) return '';
  return hosts.sections
    .map((s) => auditMarkdown(s.audit, `Workers audited on ${mdCode(s.host)}`))
    .join('\n\n');
}

const code = (t: string) => `<code>${h(t)}</code>`;

// Hosts, engine names and image references stay on one line; the table scrolls sideways instead.
const NOWRAP = ' style="white-space:nowrap"';

function htmlRow(row: HostRowView): string {
  const host = row.context ? `${code(row.context)}<br><small>${h(row.endpoint)}</small>` : code(row.endpoint);
  const id = row.engineId ? `<br><small>${h(row.engineId)}</small>` : '';
  const engine = row.engineName || row.engineId ? `${h(row.engineName ?? '')}${id}` : '—';
  const error = row.error ? `<br><small>${h(row.error)}</small>` : '';
  const verdict = `<span class="status ${row.verdict === 'error' ? 'warn' : row.verdict}">${row.verdict}</span>`;
  return `<tr><th scope="row"${NOWRAP}>${host}</th><td${NOWRAP}>${engine}</td><td class="num">${row.workers}</td><td>${verdict}${error}</td><td class="num">${row.failures}</td><td class="num">${row.warnings}</td><td${NOWRAP}>${row.images.map(code).join('<br>') || '—'}</td></tr>`;
}

function htmlRule(rule: CheckView): string {
  const todo =
    rule.status === 'fail' && rule.remedy ? `<br><strong>What to do:</strong> ${h(rule.remedy)}` : '';
  return `<li><span class="status ${rule.status}">${rule.status}</span> ${code(rule.id)} ${h(rule.detail)}${todo}</li>`;
}

/** The fleet table and the rules across hosts. */
export function hostsHeadHtml(hosts: HostsView | undefined): string {
  if (!hosts) return '';
  const head = HEAD.map((t) => `<th scope="col">${h(t)}</th>`).join('');
  const rules =
    hosts.rules.length > 0
      ? `\n<h3>Across hosts</h3><ul class="found">${hosts.rules.map(htmlRule).join('')}</ul>`
      : '';
  return `<section id="hosts" aria-labelledby="hosts-title">
<h2 id="hosts-title">Hosts audited</h2>
<div class="scroll"><table class="checks"><thead><tr>${head}</tr></thead><tbody>${hosts.rows.map(htmlRow).join('')}</tbody></table></div>${rules}
</section>`;
}

/** Each host's own audit, a section each. */
export function hostsHtml(hosts: HostsView | undefined): string {
  if (!hosts) return '';
  return hosts.sections
    .map((s, i) => auditHtml(s.audit, { id: `audit-host-${i + 1}`, title: `Workers audited on ${s.host}` }))
    .join('\n');
}
