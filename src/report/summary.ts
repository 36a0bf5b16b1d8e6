// The job summary (GitHub-flavoured Markdown): the verdict and every failed
// gate with what to do first, then the image, the contract, the end to end
// with its chart, and the log tails of failed phases collapsed at the end.
// Markup only: what it says comes from the view.

import type { Report } from '../model/report.js';
import { truncate } from '../model/text.js';
import { auditMarkdown } from './audit-markup.js';
import { renderSetupMermaid } from './chart.js';
import { cleanLog, escapeHtml } from './format.js';
import { hostsHeadMarkdown, hostsMarkdown } from './hosts-markup.js';
import { mdCode, mdDetails, mdFence, mdProse, mdTable, mdText } from './markdown.js';
import { matrixMarkdown } from './matrix-markup.js';
import { profileMarkdown } from './profile-markup.js';
import type { CheckView, FailureView, FindingView, Place } from './view/checks.js';
import { CONCURRENT_HEAD, LOCK_HEAD } from './view/concurrent.js';
import { buildView, type E2eView, type View } from './view/index.js';
import { type GrownLayerView, STATUS_WORDS } from './view/layers.js';
import { NO_PROVED_COLD, NO_PROVED_WARM } from './view/layouts.js';
import type { PhaseView, RunView } from './view/runs.js';

const VERDICT_ICON = { pass: '✅', fail: '❌', error: '⚠️' } as const;
const STATUS_ICON = { pass: '✅', fail: '❌', warn: '⚠️' } as const;
const FINDINGS_SHOWN = 4;

export function renderSummary(report: Report): string {
  return summaryOf(buildView(report));
}

export function summaryOf(view: View): string {
  // On a pass the checks are a collapsed line under the headline; else they follow the image, failures first.
  const passed = view.headline.verdict === 'pass';
  const parts = [
    summaryHeadOf(view),
    passed ? contractSection(view) : '',
    imageSection(view),
    buildSection(view),
    passed ? '' : contractSection(view),
    auditMarkdown(view.audit),
    hostsMarkdown(view.hosts),
    e2eSection(view),
    logSection(view),
    footer(view),
  ];
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

/** The part a reader must see: verdict, key figures, every failed gate with what to do, the advice. (Also the PR comment.) */
export function renderSummaryHead(report: Report): string {
  return summaryHeadOf(buildView(report));
}

export function summaryHeadOf(view: View): string {
  // A merged report's cells carry their own failures and errors: the matrix says them, cell by cell.
  if (view.matrix) return [title(view), matrixMarkdown(view.matrix)].join('\n\n');
  // Several hosts: the fleet table names each host's failures and errors; their details follow.
  if (view.hosts) return [title(view), hostsHeadMarkdown(view.hosts)].join('\n\n');
  const parts = [title(view), keyFigures(view), errorBlock(view), failuresBlock(view)];
  if (view.headline.advice) parts.push(`> 💡 ${mdProse(view.headline.advice)}`);
  if (view.headline.largestCause) parts.push(`⏱️ ${mdProse(view.headline.largestCause)}`);
  return parts.filter((p) => p !== '').join('\n\n');
}

function title(view: View): string {
  const h = view.headline;
  const facts = [view.image ? mdCode(view.image.ref) : undefined, `\`${h.command}\``];
  facts.push(h.duration, `worker-gate ${mdText(h.version)}`);
  return `## ${VERDICT_ICON[h.verdict]} worker-gate: ${h.verdict} — ${h.what}\n\n${facts.filter(Boolean).join(' · ')}`;
}

function keyFigures(view: View): string {
  // The failed gates are listed right below.
  const shown = view.cards.filter((c) => c.kind !== 'failed');
  if (shown.length === 0) return '';
  const row = shown.map((c) => {
    if (c.kind === 'image-size') return `**${c.value}**`;
    const sub = c.sub ? ` (${c.sub})` : '';
    const mode = c.linkMode ? ` · ${c.linkMode}` : '';
    return `${c.value}${sub}${mode}`;
  });
  return mdTable(
    shown.map((c) => c.label),
    [row],
  );
}

function errorBlock(view: View): string {
  const error = view.error;
  if (!error) return '';
  const lines = [`**Cause:** ${mdText(error.cause)}`];
  if (error.detail) lines.push('', mdFence(cleanLog(error.detail)));
  lines.push('', `**What to do:** ${error.remedy}`);
  return lines.join('\n');
}

/** The lines of a failure's output (a build's) a summary shows: the last ones, where it failed. */
const LOG_LINES = 30;

/**
 * A failure's message: its first line as text, and the lines after it (the
 * build's output) as a fenced block without terminal colours, the last
 * LOG_LINES of them, indented to stay inside the list item ('' when none).
 */
function messageParts(message: string, indent: string): { text: string; log: string } {
  const [first = '', ...rest] = message.split('\n');
  const lines = cleanLog(rest.join('\n'))
    .split('\n')
    .filter((line) => line.trim() !== '');
  if (lines.length === 0) return { text: mdProse(first), log: '' };
  const fence = mdFence(lines.slice(-LOG_LINES).join('\n'));
  const cut = lines.length > LOG_LINES ? ` (the last ${LOG_LINES} below)` : '';
  return { text: `${mdProse(first)}${cut}`, log: fence.replace(/^/gm, indent) };
}

function failuresBlock(view: View): string {
  if (view.failureGroups.length === 0) return '';
  const items = view.failureGroups.map((group, i) => {
    const indent = ' '.repeat(`${i + 1}. `.length);
    const todo = `**What to do:** ${group.remedy}`;
    const only = group.members[0];
    if (group.members.length === 1 && only) {
      const place = placeText(only.place);
      const grew = only.showsGrowth ? whatGrew(view, indent) : '';
      const { text, log } = messageParts(only.message, indent);
      const head = `${i + 1}. **${mdCode(only.gate)}** — ${text}${place ? `  \n${indent}${place}` : ''}`;
      if (log) return `${head}\n\n${log}${grew ? `\n\n${grew}` : ''}\n\n${indent}${todo}`;
      return `${head}${grew ? `\n\n${grew}\n` : ''}  \n${indent}${todo}`;
    }
    const lines = group.members.map((m: FailureView) => {
      const place = group.place ? '' : placeText(m.place);
      const { text, log } = messageParts(m.message, `${indent}  `);
      return `${indent}- **${mdCode(m.name)}** — ${text}${place ? ` · ${place}` : ''}${log ? `\n\n${log}\n` : ''}`;
    });
    const head = `${i + 1}. **${mdCode(group.family)}** · ${group.members.length} failed${group.place ? ` · ${placeText(group.place)}` : ''}`;
    return `${head}\n${lines.join('\n')}\n\n${indent}${todo}`;
  });
  return `### Failed gates\n\n${items.join('\n')}`;
}

/** "📍 `Dockerfile` line 13: `RUN pip install …`" — where a failure points, with the instruction there. */
function placeText(place: Place | undefined): string {
  if (!place) return '';
  const what = place.instruction ? `: ${instruction(place.instruction, 70)}` : '';
  return `📍 ${mdCode(place.file)}${place.line ? ` line ${place.line}` : ''}${what}`;
}

function buildSection(view: View): string {
  const build = view.build;
  if (!build) return '';
  const parts = ['### Build', mdText(build.about)];
  if (build.steps.length > 0) {
    parts.push(
      mdTable(
        ['Step', 'Line', 'Time', 'Cache'],
        build.steps.map((s) => [instruction(s.name), line(s.line), s.seconds, s.cached ? 'cached' : '']),
        ['l', 'r', 'r', 'l'],
      ),
    );
  }
  return parts.join('\n\n');
}

function imageSection(view: View): string {
  const image = view.image;
  if (!image) return '';
  const rows: string[][] = [
    ['Reference', mdCode(image.ref)],
    ['ID', mdCode(image.shortId)],
    ['Size', `**${image.size}** (${image.exactSize} bytes)`],
  ];
  const baseline = view.baseline;
  if (baseline) {
    const from = baseline.sourceRef ? `${baseline.source} ${mdCode(baseline.sourceRef)}` : baseline.source;
    rows.push(['Baseline', `${baseline.size} — ${mdCode(baseline.ref)} (from ${from})`]);
    rows.push(['Change', `**${baseline.change}** (${baseline.changePercent})`]);
  }
  rows.push(['User', mdCode(image.user)]);
  if (image.pythonVersion) rows.push(['Python', mdText(image.pythonVersion)]);
  if (image.uvVersion) rows.push(['uv', mdText(image.uvVersion)]);
  if (image.dockerfile) rows.push(['Dockerfile', mdCode(image.dockerfile)]);
  const parts = ['### Image', mdTable(['', ''], rows)];

  const largest = image.largest;
  if (largest.length > 0) {
    parts.push(
      `**${largest.length === 1 ? 'Largest layer' : `${largest.length} largest layers`}**`,
      mdTable(
        ['Size', 'Line', 'Instruction'],
        largest.map((l) => [l.size, line(l.line), instruction(l.instruction)]),
        ['r', 'r', 'l'],
      ),
    );
  }
  if (baseline && baseline.grown.length > 0) {
    parts.push(
      '**Layers that grew against the baseline**',
      mdTable(
        ['Change', 'Line', 'Instruction'],
        baseline.grown.map((l: GrownLayerView) => [
          l.change,
          line(l.line),
          `${instruction(l.instruction)}${l.status ? ` (${STATUS_WORDS[l.status]})` : ''}`,
        ]),
        ['r', 'r', 'l'],
      ),
    );
    const grew = whatGrew(view);
    if (grew) parts.push(grew);
  }
  if (image.waste) {
    const wasters = image.waste.wasters;
    parts.push(`**Waste:** ${mdText(image.waste.headline)}`);
    if (wasters.length > 0)
      parts.push(
        mdTable(
          ['Wasted', 'Line', 'What', 'Layer'],
          wasters.map((w) => [w.size, line(w.line), mdText(w.what), instruction(w.instruction)]),
          ['r', 'r', 'l', 'l'],
        ),
      );
  }
  return parts.join('\n\n');
}

/** The paths that grew in each grown layer (under the size gate), or why there are none. */
function whatGrew(view: View, indent = ''): string {
  const baseline = view.baseline;
  if (!baseline) return '';
  if (baseline.pathsNote) return `${indent}_${mdText(baseline.pathsNote)}_`;
  return baseline.growth
    .map((v) => {
      const where = v.line ? `line ${v.line}` : 'layer';
      const status = v.status ? ` (${STATUS_WORDS[v.status]})` : '';
      const paths = v.paths.map((p) => `${mdCode(p.path)} ${p.change}`).join(', ');
      return `${indent}- **What grew** at ${where}${status}, ${v.change}: ${paths}`;
    })
    .join('\n');
}

function contractSection(view: View): string {
  // Several hosts: their checks are the rules across hosts, told under the fleet table.
  if (view.checks.length === 0 || view.hosts) return '';
  const counts = (['pass', 'fail', 'warn'] as const)
    .filter((s) => view.tally[s] > 0)
    .map((s) => `${view.tally[s]} ${s === 'pass' ? 'passed' : s === 'fail' ? 'failed' : 'warned'}`);
  const table = (checks: readonly CheckView[]) =>
    mdTable(
      ['', 'Check', 'Detail'],
      checks.map((c) => [STATUS_ICON[c.status], mdCode(c.id), checkDetail(c)]),
      ['c', 'l', 'l'],
    );
  if (view.headline.verdict !== 'pass')
    return `### Checks\n\n${counts.join(', ')}\n\n${table(view.shownChecks)}`;
  // A pass: what warned stays in sight, the passed rows fold away.
  const warned = view.shownChecks.filter((c) => c.status !== 'pass');
  const passed = view.shownChecks.filter((c) => c.status === 'pass');
  const parts = ['### Checks'];
  if (warned.length > 0) parts.push(counts.join(', '), table(warned));
  if (passed.length > 0) parts.push(mdDetails(`✅ ${passed.length} passed`, table(passed)));
  return parts.join('\n\n');
}

function checkDetail(check: CheckView): string {
  const found = check.findings;
  const lines = [mdText(check.detail)];
  for (const f of found.slice(0, FINDINGS_SHOWN)) lines.push(`found ${findingText(f)}`);
  if (found.length > FINDINGS_SHOWN)
    lines.push(`… and ${found.length - FINDINGS_SHOWN} more (see the JSON report)`);
  return lines.join('<br>');
}

function findingText(f: FindingView): string {
  const parts = [mdCode(f.path)];
  if (f.version) parts.push(mdText(f.version));
  if (f.layer) {
    const at = f.layer.line ? `, line ${f.layer.line}` : '';
    parts.push(`in layer ${f.layer.index}${at}: ${instruction(f.layer.instruction, 60)}`);
  }
  if (f.requiredBy) parts.push(`required by ${f.requiredBy.map(mdCode).join(', ')}`);
  if (f.allowedReason) parts.push(`allowed: ${mdText(f.allowedReason)}`);
  if (f.note) parts.push(mdText(f.note));
  return parts.join(' · ');
}

function e2eSection(view: View): string {
  const e2e = view.e2e;
  if (!e2e) return '';
  const about = [`Template ${mdCode(e2e.template.source)} at ${mdCode(e2e.template.ref)}`];
  if (e2e.data.length > 0) about.push(`data ${e2e.data.map(mdCode).join(' ')}`);
  if (e2e.uvVersion) about.push(`uv ${mdText(e2e.uvVersion)}`);
  about.push(...e2e.settings.map(mdText));
  const parts = ['### End to end', about.join(' · ')];
  if (e2e.roles.length > 0) parts.push(e2e.roles.map((line) => `- ${mdText(line)}`).join('\n'));
  if (e2e.overhead) parts.push(mdText(e2e.overhead));
  if (e2e.runs.rows.length > 0) parts.push(runsTable(e2e));
  if (e2e.layouts.length > 0) parts.push('**`make setup` per cache layout**', layoutsTable(e2e));
  if (e2e.concurrent.length > 0) {
    parts.push(
      '**Concurrent workers: `make setup` all at once on one cache**',
      mdTable(
        CONCURRENT_HEAD,
        e2e.concurrent.map((row) => row.map(mdText)),
      ),
    );
    parts.push(
      e2e.locks.length > 0
        ? mdTable(
            LOCK_HEAD,
            e2e.locks.map((row) => row.map(mdText)),
            ['l', 'l', 'r', 'r'],
          )
        : 'uv made no worker wait for a lock (no `Waiting to acquire lock` line).',
    );
  }
  const chart = renderSetupMermaid(view.chart);
  if (chart) parts.push(chart);
  const profile = profileMarkdown(e2e.profile);
  if (profile) parts.push(profile);
  return parts.join('\n\n');
}

function runsTable(e2e: E2eView): string {
  const { head, rows } = e2e.runs;
  const cells = rows.map((run: RunView) => [
    String(run.index),
    `${run.worker} · ${mdText(run.kind)}`,
    run.layout,
    ...run.cells.map(phaseCell),
    run.proved ? `${run.proved.ok ? '✅' : '⚠️'} ${run.proved.state}` : '—',
    run.linkMode ?? '—',
    run.downloads === undefined ? '—' : String(run.downloads),
  ]);
  // Seconds and counts right-aligned so their decimals line up.
  const align = head.map((h, i): 'l' | 'r' =>
    i >= 3 && h !== 'Proved state' && h !== 'Link mode' ? 'r' : 'l',
  );
  return mdTable(head, cells, align);
}

function phaseCell(phase: PhaseView | undefined): string {
  if (!phase) return '—';
  if (!phase.failed) return phase.time;
  return `${phase.timedOut ? '⏱' : '❌'} ${phase.time} (${phase.outcome})`;
}

function layoutsTable(e2e: E2eView): string {
  const rows = e2e.layouts.map((l) => [
    l.layout,
    l.linkMode,
    l.cold === undefined
      ? `— (${NO_PROVED_COLD})`
      : l.coldSpread
        ? `${l.cold} (${l.coldSpread.min}–${l.coldSpread.max}, ${l.coldSpread.stats})`
        : l.cold,
    l.warm
      ? `**${l.warm.median}** (${l.warm.min}–${l.warm.max}, ${l.warm.stats ?? `${l.warm.runs} run${l.warm.runs === 1 ? '' : 's'}`})`
      : `— (${NO_PROVED_WARM})`,
    l.speedupInterval ? `${l.speedup} (95 % interval ${l.speedupInterval})` : l.speedup,
    l.floor,
    l.cacheAfterScaffold,
    l.cacheAfterCold,
  ]);
  const table = mdTable(
    [
      'Layout',
      'Link mode',
      'Cold',
      'Warm median (min–max)',
      'Speedup',
      'Floor',
      'Cache after scaffold',
      'after cold',
    ],
    rows,
    ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
  const glossary = glossaryDetails(e2e);
  if (e2e.layoutRatio === undefined) return `${table}${glossary}`;
  const interval = e2e.layoutRatioInterval ? ` (95 % interval ${e2e.layoutRatioInterval})` : '';
  return `${table}\n\nWarm setup, separate ÷ shared: **${e2e.layoutRatio}**${interval}${glossary}`;
}

function glossaryDetails(e2e: E2eView): string {
  if (e2e.glossary.length === 0) return '';
  const items = e2e.glossary.map((g) => `- **${mdText(g.term)}**: ${g.meaning}`).join('\n');
  return `\n\n${mdDetails('The words of the timings', items)}`;
}

function logSection(view: View): string {
  if (view.logs.length === 0) return '';
  const blocks = view.logs.map((log) => {
    const summary = escapeHtml(`${log.run} · ${log.phase} · ${log.outcome} — last lines`);
    return mdDetails(summary, mdFence(log.tail));
  });
  return `### Logs of failed phases\n\n${blocks.join('\n\n')}`;
}

function footer(view: View): string {
  const h = view.headline;
  return `<sub>worker-gate ${escapeHtml(h.version)} · report schema ${h.schemaVersion} · started ${escapeHtml(h.startedAt)}</sub>`;
}

function line(n: number | undefined): string {
  return n ? String(n) : '—';
}

function instruction(text: string, max = 90): string {
  return mdCode(truncate(text, max));
}
