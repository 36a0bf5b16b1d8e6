// The HTML report: one self-contained page (inline CSS, inline SVG, no script,
// no request leaves the page: its Content-Security-Policy forbids it) that a
// person would rather read than the JSON. Verdict and failures first, then the
// image, the checks, the setup timings and the runs.

import { instructionOf } from '../build/history.js';
import { largestLayers } from '../build/image-info.js';
import { formatBytes, formatSignedBytes } from '../config/units.js';
import { truncate } from '../text.js';
import { auditHtml } from './audit-view.js';
import { renderSetupSvg } from './chart.js';
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
  formatRatio,
  formatSeconds,
  formatSignedPercent,
  escapeHtml as h,
  lastLines,
  shortImageId,
} from './format.js';
import { HTML_STYLE } from './html-style.js';
import { grownLayerViews, STATUS_WORDS, topWasters, wasteHeadline } from './layer-contents-view.js';
import { profileHtml } from './profile-view.js';
import { ERROR_REMEDY, gateFamily, groupByFamily, remedyFor } from './remedies.js';
import type { Check, E2eReport, E2eRun, Finding, Phase, Report } from './types.js';

const VERDICT_TEXT = { pass: 'Pass', fail: 'Fail', error: 'Error' } as const;
const VERDICT_MARK = { pass: '✓', fail: '✕', error: '!' } as const;
const STATUS_TEXT = { pass: 'pass', fail: 'fail', warn: 'warn' } as const;
const LOG_LINES = 50;

export function renderHtml(report: Report): string {
  const subject = report.image?.ref ?? report.command;
  const body = [
    header(report),
    '<main>',
    keyFigures(report),
    errorSection(report),
    failuresSection(report),
    advice(report),
    imageSection(report),
    checksSection(report),
    auditHtml(report),
    timingsSection(report),
    profileHtml(report.e2e),
    runsSection(report),
    '</main>',
    footer(report),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>worker-gate ${h(report.verdict)}: ${h(subject)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
${body.filter((part) => part !== '').join('\n')}
</body>
</html>
`;
}

function header(report: Report): string {
  const n = report.failures.length;
  const headline =
    report.verdict === 'pass'
      ? 'Every gate passed'
      : report.verdict === 'fail'
        ? `${n} gate${n === 1 ? '' : 's'} failed`
        : 'The run could not finish';
  const meta = [
    report.image ? `<code>${h(report.image.ref)}</code>` : '',
    `<span>${h(report.command)}</span>`,
    `<time datetime="${h(report.startedAt)}">${h(readableTime(report.startedAt))}</time>`,
    `<span>took ${h(formatSeconds(report.durationSeconds))}</span>`,
  ].filter(Boolean);
  return `<header class="verdict ${report.verdict}">
<div class="wrap">
<p class="eyebrow">worker-gate report</p>
<h1><span class="badge" data-verdict="${report.verdict}"><span aria-hidden="true">${VERDICT_MARK[report.verdict]}</span> ${VERDICT_TEXT[report.verdict]}</span> <span class="headline">${h(headline)}</span></h1>
<p class="meta">${meta.join('<span class="sep" aria-hidden="true">·</span>')}</p>
</div>
</header>`;
}

function keyFigures(report: Report): string {
  const cards: [string, string, string?][] = [];
  if (report.image) cards.push(['Image size', formatBytes(report.image.sizeBytes)]);
  if (report.baseline) {
    const b = report.baseline;
    const tone = b.sizeDeltaBytes > 0 ? 'up' : b.sizeDeltaBytes < 0 ? 'down' : undefined;
    cards.push([
      'Change vs baseline',
      `${formatSignedBytes(b.sizeDeltaBytes)} <small>${formatSignedPercent(b.sizeDeltaPercent)}</small>`,
      tone,
    ]);
  }
  const setup = report.e2e?.setup;
  if (setup) {
    cards.push(['Cold setup', formatSeconds(setup.coldSeconds)]);
    cards.push(['Warm median', formatSeconds(setup.warmSeconds?.median)]);
    cards.push(['Speedup', formatRatio(setup.speedup)]);
  }
  if (report.e2e?.layoutRatio !== undefined)
    cards.push(['Separate ÷ shared', formatRatio(report.e2e.layoutRatio)]);
  // The header already says when nothing failed.
  if (report.failures.length > 0) cards.push(['Failed gates', String(report.failures.length), 'bad']);
  if (cards.length === 0) return '';
  const items = cards.map(
    ([label, value, tone]) =>
      `<div class="card${tone ? ` ${tone}` : ''}"><dt>${h(label)}</dt><dd>${value}</dd></div>`,
  );
  return `<section class="figures" aria-label="Key figures"><dl>${items.join('')}</dl></section>`;
}

function errorSection(report: Report): string {
  if (report.verdict !== 'error') return '';
  const detail = report.error?.detail ? `<pre class="log">${h(cleanLog(report.error.detail))}</pre>` : '';
  return `<section id="error" class="problem error" aria-labelledby="error-title">
<h2 id="error-title">Why the run stopped</h2>
<p class="message">${h(report.error?.message ?? 'no cause was recorded')}</p>
${detail}
<p class="todo"><strong>What to do</strong> ${h(ERROR_REMEDY)}</p>
</section>`;
}

function failuresSection(report: Report): string {
  if (report.failures.length === 0) return '';
  // Gates of one family (six forbidden commands from one `pip install`) share one "what to do".
  const items = groupByFamily(report.failures).map(({ family, members }) => {
    const todo = `<p class="todo"><strong>What to do</strong> ${withCode(remedyFor(...members.map((m) => m.gate)))}</p>`;
    const only = members[0];
    if (members.length === 1 && only) {
      return `<li class="failure">
<h3><code>${h(only.gate)}</code></h3>
${messageHtml(only.message)}
${place(report, only)}
${todo}
</li>`;
    }
    const shared = sharedPlace(members);
    const list = members.map(
      (m) =>
        `<li><code>${h(gateFamily(m.gate).name ?? m.gate)}</code> <span class="message">${h(m.message)}</span>${shared ? '' : place(report, m)}</li>`,
    );
    return `<li class="failure">
<h3><code>${h(family)}</code> <small>${members.length} failed</small></h3>
${shared ? place(report, shared) : ''}
<ul class="members">${list.join('')}</ul>
${todo}
</li>`;
  });
  return `<section id="failures" aria-labelledby="failures-title">
<h2 id="failures-title">Failed gates</h2>
<ol class="failures">${items.join('\n')}</ol>
</section>`;
}

/** A failure's first line as its message; what follows (a log tail, build output) folded in a <pre>. */
function messageHtml(message: string): string {
  const cut = message.indexOf('\n');
  if (cut < 0) return `<p class="message">${h(message)}</p>`;
  const rest = cleanLog(message.slice(cut + 1));
  return `<p class="message">${h(message.slice(0, cut))}</p>
<details class="log"><summary>Output</summary><pre>${h(rest)}</pre></details>`;
}

/** Where a failure points, with the instruction at that line when a layer came from it. */
function place(report: Report, at: { file?: string; line?: number }): string {
  if (!at.file) return '';
  const createdBy = instructionAtLine(report, at.line);
  const what = createdBy ? `: <code class="instr">${h(instructionOf(createdBy))}</code>` : '';
  return `<p class="where">At <code>${h(at.file)}</code>${at.line ? ` line ${at.line}` : ''}${what}</p>`;
}

function advice(report: Report): string {
  const text = report.e2e?.advice;
  if (!text) return '';
  return `<aside class="advice" aria-label="Advice"><strong>Advice</strong> ${h(text)}</aside>`;
}

function imageSection(report: Report): string {
  const image = report.image;
  if (!image) return '';
  const facts: [string, string][] = [
    ['Reference', `<code>${h(image.ref)}</code>`],
    ['ID', `<code title="${h(image.id)}">${h(shortImageId(image.id))}</code>`],
    [
      'Size',
      `${formatBytes(image.sizeBytes)} <small>${image.sizeBytes.toLocaleString('en-US')} bytes</small>`,
    ],
    ['User', `<code>${h(image.user || 'root')}</code>`],
  ];
  if (image.pythonVersion) facts.push(['Python', h(image.pythonVersion)]);
  if (image.uvVersion) facts.push(['uv', h(image.uvVersion)]);
  if (image.dockerfile) facts.push(['Dockerfile', `<code>${h(image.dockerfile)}</code>`]);
  const b = report.baseline;
  if (b) {
    const from = b.ref ? `${h(b.source)} <code>${h(b.ref)}</code>` : h(b.source);
    facts.push([
      'Baseline',
      `${formatBytes(b.image.sizeBytes)} <small><code>${h(b.image.ref)}</code> from ${from}</small>`,
    ]);
    facts.push([
      'Change',
      `${formatSignedBytes(b.sizeDeltaBytes)} <small>${formatSignedPercent(b.sizeDeltaPercent)}</small>`,
    ]);
  }
  const parts = [
    '<section id="image" aria-labelledby="image-title">',
    '<h2 id="image-title">Image</h2>',
    `<dl class="facts">${facts.map(([k, v]) => `<div><dt>${h(k)}</dt><dd>${v}</dd></div>`).join('')}</dl>`,
  ];
  const largest = largestLayers(image.layers, 5);
  if (largest.length > 0) {
    const top = largest[0]?.sizeBytes || 1;
    const rows = largest.map(
      (l) =>
        `<tr><td class="num">${formatBytes(l.sizeBytes)}</td><td class="meter" aria-hidden="true"><span style="width:${((l.sizeBytes / top) * 100).toFixed(1)}%"></span></td><td class="num">${l.dockerfileLine ?? '—'}</td><td><code class="instr">${h(instructionOf(l.createdBy))}</code></td></tr>`,
    );
    parts.push(
      '<h3>Largest layers</h3>',
      `<div class="scroll"><table class="layers"><thead><tr><th scope="col" class="num">Size</th><th scope="col"><span class="sr">Share</span></th><th scope="col" class="num">Line</th><th scope="col">Instruction</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
    );
  }
  if (b && b.grownLayers.length > 0) {
    const rows = grownLayerViews(b, b.grownLayers.length).map(
      (v) =>
        `<tr><td class="num up">${h(v.change)}</td><td class="num">${v.line ?? '—'}</td><td><code class="instr">${h(v.instruction)}</code>${v.status ? ` <small>${STATUS_WORDS[v.status]}</small>` : ''}</td><td>${v.paths.map((p) => `<code>${h(p.path)}</code> ${h(p.change)}`).join('<br>')}</td></tr>`,
    );
    parts.push(
      '<h3>Layers that grew against the baseline</h3>',
      `<div class="scroll"><table class="layers"><thead><tr><th scope="col" class="num">Change</th><th scope="col" class="num">Line</th><th scope="col">Instruction</th><th scope="col">What grew</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
    );
    if (b.pathsNote) parts.push(`<p class="note">${h(b.pathsNote)}</p>`);
  }
  if (image.waste) {
    const rows = topWasters(image.waste).map(
      (w) =>
        `<tr><td class="num">${h(w.size)}</td><td class="num">${w.line ?? '—'}</td><td>${h(w.what)}</td><td><code class="instr">${h(instructionOf(w.createdBy))}</code></td></tr>`,
    );
    parts.push(
      '<h3>Waste</h3>',
      `<p>${h(wasteHeadline(image.waste))}</p>`,
      rows.length === 0
        ? ''
        : `<div class="scroll"><table class="layers"><thead><tr><th scope="col" class="num">Wasted</th><th scope="col" class="num">Line</th><th scope="col">What</th><th scope="col">Layer</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

function checksSection(report: Report): string {
  if (report.checks.length === 0) return '';
  const order = { fail: 0, warn: 1, pass: 2 } as const;
  const checks = [...report.checks].sort((a, b) => order[a.status] - order[b.status]);
  const count = (s: Check['status']) => report.checks.filter((c) => c.status === s).length;
  const tally = [`${count('pass')} passed`, `${count('fail')} failed`, `${count('warn')} warned`].join(' · ');
  const rows = checks.map(
    (c) =>
      `<tr class="${c.status}"><td><span class="status ${c.status}">${STATUS_TEXT[c.status]}</span></td><td><code>${h(c.id)}</code></td><td>${h(c.detail)}${findings(c.found)}</td></tr>`,
  );
  return `<section id="checks" aria-labelledby="checks-title">
<h2 id="checks-title">Checks</h2>
<p class="tally">${tally}</p>
<div class="scroll"><table class="checks"><thead><tr><th scope="col">Status</th><th scope="col">Check</th><th scope="col">Detail</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>
</section>`;
}

function findings(found: Finding[] | undefined): string {
  if (!found || found.length === 0) return '';
  const items = found.map((f) => {
    const bits = [`<code>${h(f.path)}</code>`];
    if (f.version) bits.push(h(f.version));
    if (f.layer) {
      const line = f.layer.dockerfileLine ? `, line ${f.layer.dockerfileLine}` : '';
      const full = instructionOf(f.layer.createdBy);
      bits.push(
        `layer ${f.layer.index}${line}: <code class="instr" title="${h(full)}">${h(truncate(full, 60))}</code>`,
      );
    }
    if (f.requiredBy?.length)
      bits.push(`required by ${f.requiredBy.map((r) => `<code>${h(r)}</code>`).join(', ')}`);
    if (f.allowedReason) bits.push(`allowed: ${h(f.allowedReason)}`);
    return `<li>${bits.join(' · ')}</li>`;
  });
  return `<ul class="found">${items.join('')}</ul>`;
}

function timingsSection(report: Report): string {
  const e2e = report.e2e;
  if (!e2e) return '';
  const about = [`template <code>${h(e2e.template.source)}</code> at <code>${h(e2e.template.ref)}</code>`];
  const data = Object.entries(e2e.template.data);
  if (data.length > 0) about.push(`data ${data.map(([k, v]) => `<code>${h(`${k}=${v}`)}</code>`).join(' ')}`);
  if (e2e.uvVersion) about.push(`uv ${h(e2e.uvVersion)}`);
  about.push(...e2eSettings(e2e).map(h));
  const chart = renderSetupSvg(report);
  const parts = [
    '<section id="timings" aria-labelledby="timings-title">',
    '<h2 id="timings-title"><code>make setup</code>: cold and warm</h2>',
    `<p class="about">${about.join(' · ')}</p>`,
  ];
  if (chart) {
    parts.push(
      `<figure class="chart-box">${chart}<figcaption><span><span class="key cold"></span>cold: empty cache</span><span><span class="key warm"></span>warm: median of the proved-warm runs, whisker from min to max</span><span><span class="key floor"></span>floor: setup again with the venvs present</span></figcaption></figure>`,
    );
  }
  if (e2e.layouts.length > 0) parts.push(layoutsTable(e2e));
  parts.push(concurrentTables(e2e));
  parts.push('</section>');
  return parts.join('\n');
}

function layoutsTable(e2e: E2eReport): string {
  const rows = e2e.layouts.map((l) => {
    const warm = l.warmSetupSeconds;
    const warmText = warm
      ? `${formatSeconds(warm.median)} <small>${formatSeconds(warm.min)}–${formatSeconds(warm.max)}, ${warm.runs.length} run${warm.runs.length === 1 ? '' : 's'}</small>`
      : '<span class="missing">no proved warm run</span>';
    const cold =
      l.coldSetupSeconds === null
        ? '<span class="missing">no proved cold run</span>'
        : formatSeconds(l.coldSetupSeconds);
    const bytes = (n: number | null) => (n === null ? '—' : formatBytes(n));
    return `<tr><th scope="row">${h(l.layout)}</th><td><span class="mode ${h(l.linkMode)}">${h(l.linkMode)}</span></td><td class="num">${cold}</td><td class="num">${warmText}</td><td class="num">${formatRatio(l.speedup)}</td><td class="num">${formatSeconds(l.floorSeconds)}</td><td class="num">${bytes(l.cacheBytesAfterScaffold)}</td><td class="num">${bytes(l.cacheBytesAfterCold)}</td></tr>`;
  });
  const ratio =
    e2e.layoutRatio === undefined
      ? ''
      : `<p class="ratio">Warm setup, separate ÷ shared: <strong>${formatRatio(e2e.layoutRatio)}</strong></p>`;
  return `<h3>Per cache layout</h3>
<div class="scroll"><table class="layouts"><thead><tr><th scope="col">Layout</th><th scope="col">Link mode</th><th scope="col" class="num">Cold</th><th scope="col" class="num">Warm median</th><th scope="col" class="num">Speedup</th><th scope="col" class="num">Floor</th><th scope="col" class="num">Cache after scaffold</th><th scope="col" class="num">Cache after cold</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>
${ratio}`;
}

function htmlTable(className: string, head: string[], rows: string[][], numeric: number[]): string {
  const cls = (i: number) => (numeric.includes(i) ? ' class="num"' : '');
  const th = head.map((c, i) => `<th scope="col"${cls(i)}>${h(c)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${h(c)}</td>`).join('')}</tr>`).join('');
  return `<div class="scroll"><table class="${className}"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function concurrentTables(e2e: E2eReport): string {
  const rows = concurrentRows(e2e);
  if (rows.length === 0) return '';
  const locks = lockRows(e2e);
  return [
    '<h3>Concurrent workers: <code>make setup</code> all at once on one cache</h3>',
    htmlTable('concurrent', CONCURRENT_HEAD, rows, [1, 2, 3, 4, 5]),
    locks.length > 0
      ? htmlTable('locks', LOCK_HEAD, locks, [2, 3])
      : '<p class="about">uv made no worker wait for a lock (no <code>Waiting to acquire lock</code> line).</p>',
  ].join('\n');
}

function runsSection(report: Report): string {
  const runs = report.e2e?.runs ?? [];
  if (runs.length === 0) return '';
  const { head, columns } = runsTableShape(runs);
  const rows = runs.map((run) => {
    const first = firstPhase(run);
    const cells = [first, ...columns.map((n) => run.phases.find((p) => p.name === n))].map(phaseCell);
    return `<tr><td class="num">${run.index}</td><td>${run.worker} <small>${run.kind}</small></td><td>${h(run.layout)}</td>${cells.join('')}<td>${proved(run)}</td><td>${run.linkMode ? `<span class="mode ${h(run.linkMode)}">${h(run.linkMode)}</span>` : '—'}</td><td class="num">${run.downloads ?? '—'}</td></tr>`;
  });
  const th = head
    .map(
      (c, i) =>
        `<th scope="col"${i === 0 || (i >= 3 && i < head.length - 3) || i === head.length - 1 ? ' class="num"' : ''}>${h(c)}</th>`,
    )
    .join('');
  const logs = failedPhases(report).map(({ run, phase }) => logBlock(run, phase));
  return `<section id="runs" aria-labelledby="runs-title">
<h2 id="runs-title">End-to-end runs</h2>
<p class="about">Seconds per phase. Worker A scaffolds and pushes; each worker B clones it into a fresh container on the same uv cache.</p>
<div class="scroll"><table class="runs"><thead><tr>${th}</tr></thead><tbody>${rows.join('')}</tbody></table></div>
${logs.length > 0 ? `<h3>Logs of failed phases</h3>\n${logs.join('\n')}` : ''}
</section>`;
}

function phaseCell(phase: Phase | undefined): string {
  if (!phase) return '<td class="num missing">—</td>';
  if (!phaseFailed(phase)) return `<td class="num">${formatSeconds(phase.seconds)}</td>`;
  return `<td class="num failed"><strong>${formatSeconds(phase.seconds)}</strong> <small>${h(phaseOutcome(phase))}</small></td>`;
}

function proved(run: E2eRun): string {
  if (!run.provedState) return '—';
  const ok = !run.provedState.startsWith('not-');
  return `<span class="status ${ok ? 'pass' : 'warn'}">${h(run.provedState)}</span>`;
}

function logBlock(run: E2eRun, phase: Phase): string {
  const tail = phase.logTail ? lastLines(cleanLog(phase.logTail), LOG_LINES) : '(no output was recorded)';
  return `<details class="log" open><summary>${h(runLabel(run))} · <code>${h(phase.name)}</code> · ${h(phaseOutcome(phase))}</summary><pre>${h(tail)}</pre></details>`;
}

function footer(report: Report): string {
  return `<footer><div class="wrap">worker-gate ${h(report.tool.version)} · report schema ${report.schemaVersion} · started ${h(report.startedAt)}</div></footer>`;
}

/** Remedies are written with `code` spans (they are Markdown in the summary). */
function withCode(text: string): string {
  return h(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function readableTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
