// The job summary (GitHub-flavoured Markdown): the verdict and every failed
// gate with what to do first, then the image, the contract, the end to end
// with its chart, and the log tails of failed phases collapsed at the end.

import { instructionOf } from '../build/history.js';
import { largestLayers } from '../build/image-info.js';
import { formatBytes, formatSignedBytes } from '../config/units.js';
import { truncate } from '../text.js';
import { auditMarkdown } from './audit-view.js';
import { renderSetupMermaid } from './chart.js';
import { CONCURRENT_HEAD, concurrentRows, e2eSettings, LOCK_HEAD, lockRows } from './concurrent-view.js';
import {
  failedPhases,
  firstPhase,
  instructionAtLine,
  phaseFailed,
  phaseOutcome,
  runLabel,
  runsTableShape,
  sharedPlace,
} from './figures.js';
import {
  cleanLog,
  escapeHtml,
  formatRatio,
  formatSeconds,
  formatSignedPercent,
  lastLines,
  shortImageId,
} from './format.js';
import { grownLayerViews, STATUS_WORDS, topWasters, wasteHeadline } from './layer-contents-view.js';
import { mdCode, mdDetails, mdFence, mdTable, mdText } from './markdown.js';
import { largestWarmCause, profileMarkdown } from './profile-view.js';
import { ERROR_REMEDY, gateFamily, groupByFamily, remedyFor } from './remedies.js';
import type { Check, E2eReport, E2eRun, Finding, Phase, Report } from './types.js';

const VERDICT_ICON = { pass: '✅', fail: '❌', error: '⚠️' } as const;
const STATUS_ICON = { pass: '✅', fail: '❌', warn: '⚠️' } as const;
const LOG_LINES = 50;

export function renderSummary(report: Report): string {
  const parts = [
    renderSummaryHead(report),
    imageSection(report),
    contractSection(report),
    auditMarkdown(report),
    e2eSection(report),
    logSection(report),
    footer(report),
  ];
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

/** The part a reader must see: verdict, key figures, every failed gate with what to do, the advice. (Also the PR comment.) */
export function renderSummaryHead(report: Report): string {
  const parts = [title(report), keyFigures(report), errorBlock(report), failuresBlock(report)];
  if (report.e2e?.advice) parts.push(`> 💡 ${mdText(report.e2e.advice)}`);
  const cause = largestWarmCause(report.e2e);
  if (cause) parts.push(`⏱️ ${mdText(cause)}`);
  return parts.filter((p) => p !== '').join('\n\n');
}

function title(report: Report): string {
  const n = report.failures.length;
  const what =
    report.verdict === 'pass'
      ? 'every gate passed'
      : report.verdict === 'fail'
        ? `${n} gate${n === 1 ? '' : 's'} failed`
        : 'the run could not finish';
  const facts = [report.image ? mdCode(report.image.ref) : undefined, `\`${report.command}\``];
  facts.push(`${formatSeconds(report.durationSeconds)}`, `worker-gate ${mdText(report.tool.version)}`);
  return `## ${VERDICT_ICON[report.verdict]} worker-gate: ${report.verdict} — ${what}\n\n${facts.filter(Boolean).join(' · ')}`;
}

function keyFigures(report: Report): string {
  const head: string[] = [];
  const row: string[] = [];
  if (report.image) {
    head.push('Image size');
    row.push(`**${formatBytes(report.image.sizeBytes)}**`);
  }
  if (report.baseline) {
    head.push('Change vs baseline');
    row.push(
      `${formatSignedBytes(report.baseline.sizeDeltaBytes)} (${formatSignedPercent(report.baseline.sizeDeltaPercent)})`,
    );
  }
  const setup = report.e2e?.setup;
  if (setup) {
    const layout = report.e2e?.layouts.find((l) => l.layout === 'separate') ?? report.e2e?.layouts[0];
    head.push('Cold setup', 'Warm setup (median)', 'Speedup');
    const mode = layout ? ` · ${layout.linkMode}` : '';
    row.push(
      formatSeconds(setup.coldSeconds),
      `${formatSeconds(setup.warmSeconds?.median)}${mode}`,
      formatRatio(setup.speedup),
    );
  }
  if (report.e2e?.layoutRatio !== undefined) {
    head.push('Separate ÷ shared warm');
    row.push(formatRatio(report.e2e.layoutRatio));
  }
  return head.length === 0 ? '' : mdTable(head, [row]);
}

function errorBlock(report: Report): string {
  if (report.verdict !== 'error') return '';
  const cause = report.error?.message ?? 'no cause was recorded';
  const lines = [`**Cause:** ${mdText(cause)}`];
  if (report.error?.detail) lines.push('', mdFence(cleanLog(report.error.detail)));
  lines.push('', `**What to do:** ${ERROR_REMEDY}`);
  return lines.join('\n');
}

function failuresBlock(report: Report): string {
  if (report.failures.length === 0) return '';
  // Gates of one family (six forbidden commands from one `pip install`) share one "what to do".
  const items = groupByFamily(report.failures).map(({ family, members }, i) => {
    const indent = ' '.repeat(`${i + 1}. `.length);
    const todo = `**What to do:** ${remedyFor(...members.map((m) => m.gate))}`;
    const only = members[0];
    if (members.length === 1 && only) {
      const place = placeText(report, only);
      const grew = only.gate === 'max-size-increase' ? whatGrew(report, indent) : '';
      return `${i + 1}. **${mdCode(only.gate)}** — ${mdText(only.message)}${place ? `  \n${indent}${place}` : ''}${grew ? `\n\n${grew}\n` : ''}  \n${indent}${todo}`;
    }
    const shared = sharedPlace(members);
    const lines = members.map((m) => {
      const place = shared ? '' : placeText(report, m);
      return `${indent}- **${mdCode(gateFamily(m.gate).name ?? m.gate)}** — ${mdText(m.message)}${place ? ` · ${place}` : ''}`;
    });
    const head = `${i + 1}. **${mdCode(family)}** · ${members.length} failed${shared ? ` · ${placeText(report, shared)}` : ''}`;
    return `${head}\n${lines.join('\n')}\n\n${indent}${todo}`;
  });
  return `### Failed gates\n\n${items.join('\n')}`;
}

/** "📍 `Dockerfile` line 13: `RUN pip install …`" — where a failure points, with the instruction there. */
function placeText(report: Report, at: { file?: string; line?: number }): string {
  if (!at.file) return '';
  const createdBy = instructionAtLine(report, at.line);
  const what = createdBy ? `: ${instruction(createdBy, 70)}` : '';
  return `📍 ${mdCode(at.file)}${at.line ? ` line ${at.line}` : ''}${what}`;
}

function imageSection(report: Report): string {
  const image = report.image;
  if (!image) return '';
  const rows: string[][] = [
    ['Reference', mdCode(image.ref)],
    ['ID', mdCode(shortImageId(image.id))],
    ['Size', `**${formatBytes(image.sizeBytes)}** (${image.sizeBytes.toLocaleString('en-US')} bytes)`],
  ];
  const baseline = report.baseline;
  if (baseline) {
    const from = baseline.ref ? `${baseline.source} ${mdCode(baseline.ref)}` : baseline.source;
    rows.push([
      'Baseline',
      `${formatBytes(baseline.image.sizeBytes)} — ${mdCode(baseline.image.ref)} (from ${from})`,
    ]);
    rows.push([
      'Change',
      `**${formatSignedBytes(baseline.sizeDeltaBytes)}** (${formatSignedPercent(baseline.sizeDeltaPercent)})`,
    ]);
  }
  rows.push(['User', mdCode(image.user || 'root')]);
  if (image.pythonVersion) rows.push(['Python', mdText(image.pythonVersion)]);
  if (image.uvVersion) rows.push(['uv', mdText(image.uvVersion)]);
  if (image.dockerfile) rows.push(['Dockerfile', mdCode(image.dockerfile)]);
  const parts = ['### Image', mdTable(['', ''], rows)];

  const largest = largestLayers(image.layers, 5);
  if (largest.length > 0) {
    parts.push(
      `**${largest.length === 1 ? 'Largest layer' : `${largest.length} largest layers`}**`,
      mdTable(
        ['Size', 'Line', 'Instruction'],
        largest.map((l) => [formatBytes(l.sizeBytes), line(l.dockerfileLine), instruction(l.createdBy)]),
        ['r', 'r', 'l'],
      ),
    );
  }
  if (baseline && baseline.grownLayers.length > 0) {
    parts.push(
      '**Layers that grew against the baseline**',
      mdTable(
        ['Change', 'Line', 'Instruction'],
        baseline.grownLayers.map((l) => [
          formatSignedBytes(l.deltaBytes),
          line(l.dockerfileLine),
          `${instruction(l.createdBy)}${l.new ? ' (new line)' : l.baselineCreatedBy ? ' (edited line)' : ''}`,
        ]),
        ['r', 'r', 'l'],
      ),
    );
    const grew = whatGrew(report);
    if (grew) parts.push(grew);
  }
  if (image.waste) {
    const wasters = topWasters(image.waste);
    parts.push(`**Waste:** ${mdText(wasteHeadline(image.waste))}`);
    if (wasters.length > 0)
      parts.push(
        mdTable(
          ['Wasted', 'Line', 'What', 'Layer'],
          wasters.map((w) => [w.size, line(w.line), mdText(w.what), instruction(w.createdBy)]),
          ['r', 'r', 'l', 'l'],
        ),
      );
  }
  return parts.join('\n\n');
}

/** The paths that grew in each grown layer (under the size gate), or why there are none. */
function whatGrew(report: Report, indent = ''): string {
  const baseline = report.baseline;
  if (!baseline) return '';
  if (baseline.pathsNote) return `${indent}_${mdText(baseline.pathsNote)}_`;
  const lines = grownLayerViews(baseline)
    .filter((v) => v.paths.length > 0)
    .map((v) => {
      const where = v.line ? `line ${v.line}` : 'layer';
      const status = v.status ? ` (${STATUS_WORDS[v.status]})` : '';
      const paths = v.paths.map((p) => `${mdCode(p.path)} ${p.change}`).join(', ');
      return `${indent}- **What grew** at ${where}${status}, ${v.change}: ${paths}`;
    });
  return lines.join('\n');
}

function contractSection(report: Report): string {
  if (report.checks.length === 0) return '';
  const order = { fail: 0, warn: 1, pass: 2 } as const;
  const checks = [...report.checks].sort((a, b) => order[a.status] - order[b.status]);
  const counts = (['pass', 'fail', 'warn'] as const)
    .map((s) => [s, report.checks.filter((c) => c.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s === 'pass' ? 'passed' : s === 'fail' ? 'failed' : 'warned'}`);
  const table = mdTable(
    ['', 'Check', 'Detail'],
    checks.map((c) => [STATUS_ICON[c.status], mdCode(c.id), checkDetail(c)]),
    ['c', 'l', 'l'],
  );
  return `### Checks\n\n${counts.join(', ')}\n\n${table}`;
}

const FINDINGS_SHOWN = 4;

function checkDetail(check: Check): string {
  const found = check.found ?? [];
  const lines = [mdText(check.detail)];
  for (const f of found.slice(0, FINDINGS_SHOWN)) lines.push(`found ${findingText(f)}`);
  if (found.length > FINDINGS_SHOWN)
    lines.push(`… and ${found.length - FINDINGS_SHOWN} more (see the JSON report)`);
  return lines.join('<br>');
}

function findingText(f: Finding): string {
  const parts = [mdCode(f.path)];
  if (f.version) parts.push(mdText(f.version));
  if (f.layer) {
    const at = f.layer.dockerfileLine ? `, line ${f.layer.dockerfileLine}` : '';
    parts.push(`in layer ${f.layer.index}${at}: ${instruction(f.layer.createdBy, 60)}`);
  }
  if (f.requiredBy?.length) parts.push(`required by ${f.requiredBy.map(mdCode).join(', ')}`);
  if (f.allowedReason) parts.push(`allowed: ${mdText(f.allowedReason)}`);
  return parts.join(' · ');
}

function e2eSection(report: Report): string {
  const e2e = report.e2e;
  if (!e2e) return '';
  const about = [`Template ${mdCode(e2e.template.source)} at ${mdCode(e2e.template.ref)}`];
  const data = Object.entries(e2e.template.data);
  if (data.length > 0) about.push(`data ${data.map(([k, v]) => mdCode(`${k}=${v}`)).join(' ')}`);
  if (e2e.uvVersion) about.push(`uv ${mdText(e2e.uvVersion)}`);
  about.push(...e2eSettings(e2e).map(mdText));
  const parts = ['### End to end', about.join(' · ')];
  if (e2e.runs.length > 0) parts.push(runsTable(e2e.runs));
  if (e2e.layouts.length > 0) parts.push('**`make setup` per cache layout**', layoutsTable(e2e));
  const concurrent = concurrentRows(e2e);
  if (concurrent.length > 0) {
    parts.push(
      '**Concurrent workers: `make setup` all at once on one cache**',
      mdTable(
        CONCURRENT_HEAD,
        concurrent.map((row) => row.map(mdText)),
      ),
    );
    const locks = lockRows(e2e);
    parts.push(
      locks.length > 0
        ? mdTable(
            LOCK_HEAD,
            locks.map((row) => row.map(mdText)),
            ['l', 'l', 'r', 'r'],
          )
        : 'uv made no worker wait for a lock (no `Waiting to acquire lock` line).',
    );
  }
  const chart = renderSetupMermaid(report);
  if (chart) parts.push(chart);
  const profile = profileMarkdown(e2e);
  if (profile) parts.push(profile);
  return parts.join('\n\n');
}

function runsTable(runs: E2eRun[]): string {
  const { head, columns } = runsTableShape(runs);
  const rows = runs.map((run) => {
    const first = firstPhase(run);
    return [
      String(run.index),
      `${run.worker} · ${run.kind}`,
      run.layout,
      phaseCell(first),
      ...columns.map((n) => phaseCell(run.phases.find((p) => p.name === n))),
      provedCell(run),
      run.linkMode ?? '—',
      run.downloads === undefined ? '—' : String(run.downloads),
    ];
  });
  // Seconds and counts right-aligned so their decimals line up.
  const align = head.map((h, i): 'l' | 'r' =>
    i >= 3 && h !== 'Proved state' && h !== 'Link mode' ? 'r' : 'l',
  );
  return mdTable(head, rows, align);
}

function phaseCell(phase: Phase | undefined): string {
  if (!phase) return '—';
  if (!phaseFailed(phase)) return formatSeconds(phase.seconds);
  return `${phase.timedOut ? '⏱' : '❌'} ${formatSeconds(phase.seconds)} (${phaseOutcome(phase)})`;
}

function provedCell(run: E2eRun): string {
  const state = run.provedState;
  if (!state) return '—';
  return state.startsWith('not-') ? `⚠️ ${state}` : `✅ ${state}`;
}

function layoutsTable(e2e: E2eReport): string {
  const rows = e2e.layouts.map((l) => {
    const warm = l.warmSetupSeconds;
    const warmText = warm
      ? `**${formatSeconds(warm.median)}** (${formatSeconds(warm.min)}–${formatSeconds(warm.max)}, ${warm.runs.length} run${warm.runs.length === 1 ? '' : 's'})`
      : '— (no proved warm run)';
    return [
      l.layout,
      l.linkMode,
      l.coldSetupSeconds === null ? '— (no proved cold run)' : formatSeconds(l.coldSetupSeconds),
      warmText,
      formatRatio(l.speedup),
      formatSeconds(l.floorSeconds),
      l.cacheBytesAfterScaffold === null ? '—' : formatBytes(l.cacheBytesAfterScaffold),
      l.cacheBytesAfterCold === null ? '—' : formatBytes(l.cacheBytesAfterCold),
    ];
  });
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
  if (e2e.layoutRatio === undefined) return table;
  return `${table}\n\nWarm setup, separate ÷ shared: **${formatRatio(e2e.layoutRatio)}**`;
}

function logSection(report: Report): string {
  const failed = failedPhases(report);
  if (failed.length === 0) return '';
  const blocks = failed.map(({ run, phase }) => {
    const summary = escapeHtml(`${runLabel(run)} · ${phase.name} · ${phaseOutcome(phase)} — last lines`);
    const tail = phase.logTail ? lastLines(cleanLog(phase.logTail), LOG_LINES) : '(no output was recorded)';
    return mdDetails(summary, mdFence(tail));
  });
  return `### Logs of failed phases\n\n${blocks.join('\n\n')}`;
}

function footer(report: Report): string {
  return `<sub>worker-gate ${escapeHtml(report.tool.version)} · report schema ${report.schemaVersion} · started ${escapeHtml(report.startedAt)}</sub>`;
}

function line(n: number | undefined): string {
  return n ? String(n) : '—';
}

function instruction(createdBy: string, max = 90): string {
  return mdCode(truncate(instructionOf(createdBy), max));
}
