// The HTML report: one self-contained page (inline CSS, inline SVG, no script,
// no request leaves the page: its Content-Security-Policy forbids it) that a
// person would rather read than the JSON. Verdict and failures first, then the
// image, the checks, the setup timings and the runs. Markup only: what it
// says comes from the view.

import type { Report } from '../model/report.js';
import { truncate } from '../model/text.js';
import { auditHtml } from './audit-markup.js';
import { renderSetupSvg } from './chart.js';
import { cleanLog, escapeHtml as h, htmlProse } from './format.js';
import { hostsHeadHtml, hostsHtml } from './hosts-markup.js';
import { HTML_STYLE } from './html-style.js';
import { MATRIX_STYLE, matrixHtml } from './matrix-markup.js';
import { profileHtml } from './profile-markup.js';
import type { FindingView, Place } from './view/checks.js';
import { CONCURRENT_HEAD, LOCK_HEAD } from './view/concurrent.js';
import { buildView, type E2eView, type View } from './view/index.js';
import { STATUS_WORDS } from './view/layers.js';
import { NO_PROVED_COLD, NO_PROVED_WARM } from './view/layouts.js';
import type { PhaseLog, PhaseView, RunView } from './view/runs.js';

const VERDICT_TEXT = { pass: 'Pass', fail: 'Fail', error: 'Error' } as const;
const VERDICT_MARK = { pass: '✓', fail: '✕', error: '!' } as const;
const STATUS_TEXT = { pass: 'pass', fail: 'fail', warn: 'warn' } as const;

export function renderHtml(report: Report): string {
  return htmlOf(buildView(report));
}

export function htmlOf(view: View): string {
  const body = [
    header(view),
    '<main>',
    keyFigures(view),
    view.matrix || view.hosts ? '' : errorSection(view),
    view.matrix || view.hosts ? '' : failuresSection(view),
    matrixHtml(view.matrix),
    hostsHeadHtml(view.hosts),
    advice(view),
    // On a pass the checks are one folded line right here; else they follow the image.
    view.headline.verdict === 'pass' ? checksSection(view) : '',
    imageSection(view),
    buildSection(view),
    view.headline.verdict === 'pass' ? '' : checksSection(view),
    auditHtml(view.audit),
    hostsHtml(view.hosts),
    timingsSection(view),
    profileHtml(view.e2e?.profile),
    runsSection(view),
    '</main>',
    footer(view),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>worker-gate ${h(view.headline.verdict)}: ${h(view.image?.ref ?? view.headline.command)}</title>
<style>${HTML_STYLE}${view.matrix ? MATRIX_STYLE : ''}</style>
</head>
<body>
${body.filter((part) => part !== '').join('\n')}
</body>
</html>
`;
}

function header(view: View): string {
  const head = view.headline;
  const meta = [
    view.image ? `<code>${h(view.image.ref)}</code>` : '',
    `<span>${h(head.command)}</span>`,
    `<time datetime="${h(head.startedAt)}">${h(readableTime(head.startedAt))}</time>`,
    `<span>took ${h(head.duration)}</span>`,
  ].filter(Boolean);
  return `<header class="verdict ${head.verdict}">
<div class="wrap">
<p class="eyebrow">worker-gate report</p>
<h1><span class="badge" data-verdict="${head.verdict}"><span aria-hidden="true">${VERDICT_MARK[head.verdict]}</span> ${VERDICT_TEXT[head.verdict]}</span> <span class="headline">${h(capitalized(head.what))}</span></h1>
<p class="meta">${meta.join('<span class="sep" aria-hidden="true">·</span>')}</p>
</div>
</header>`;
}

function keyFigures(view: View): string {
  if (view.cards.length === 0) return '';
  const items = view.cards.map((c) => {
    const value = c.sub ? `${h(c.value)} <small>${h(c.sub)}</small>` : h(c.value);
    return `<div class="card${c.tone ? ` ${c.tone}` : ''}"><dt>${h(c.shortLabel)}</dt><dd>${value}</dd></div>`;
  });
  return `<section class="figures" aria-label="Key figures"><dl>${items.join('')}</dl></section>`;
}

function errorSection(view: View): string {
  const error = view.error;
  if (!error) return '';
  const detail = error.detail ? `<pre class="log">${h(cleanLog(error.detail))}</pre>` : '';
  return `<section id="error" class="problem error" aria-labelledby="error-title">
<h2 id="error-title">Why the run stopped</h2>
<p class="message">${h(error.cause)}</p>
${detail}
<p class="todo"><strong>What to do</strong> ${h(error.remedy)}</p>
</section>`;
}

function failuresSection(view: View): string {
  if (view.failureGroups.length === 0) return '';
  const items = view.failureGroups.map((group) => {
    const todo = `<p class="todo"><strong>What to do</strong> ${withCode(group.remedy)}</p>`;
    const only = group.members[0];
    if (group.members.length === 1 && only) {
      return `<li class="failure">
<h3><code>${h(only.gate)}</code></h3>
${messageHtml(only.message)}
${place(only.place)}
${todo}
</li>`;
    }
    const list = group.members.map(
      (m) =>
        `<li><code>${h(m.name)}</code> <span class="message">${h(m.message)}</span>${group.place ? '' : place(m.place)}</li>`,
    );
    return `<li class="failure">
<h3><code>${h(group.family)}</code> <small>${group.members.length} failed</small></h3>
${place(group.place)}
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
function place(at: Place | undefined): string {
  if (!at) return '';
  const what = at.instruction ? `: <code class="instr">${h(at.instruction)}</code>` : '';
  return `<p class="where">At <code>${h(at.file)}</code>${at.line ? ` line ${at.line}` : ''}${what}</p>`;
}

function advice(view: View): string {
  const text = view.headline.advice;
  if (!text) return '';
  return `<aside class="advice" aria-label="Advice"><strong>Advice</strong> ${htmlProse(text)}</aside>`;
}

function layersTable(head: string, rows: string[]): string {
  return `<div class="scroll"><table class="layers"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function imageSection(view: View): string {
  const image = view.image;
  if (!image) return '';
  const facts: [string, string][] = [
    ['Reference', `<code>${h(image.ref)}</code>`],
    ['ID', `<code title="${h(image.id)}">${h(image.shortId)}</code>`],
    ['Size', `${h(image.size)} <small>${h(image.exactSize)} bytes</small>`],
    ['User', `<code>${h(image.user)}</code>`],
  ];
  if (image.pythonVersion) facts.push(['Python', h(image.pythonVersion)]);
  if (image.uvVersion) facts.push(['uv', h(image.uvVersion)]);
  if (image.dockerfile) facts.push(['Dockerfile', `<code>${h(image.dockerfile)}</code>`]);
  const b = view.baseline;
  if (b) {
    const from = b.sourceRef ? `${h(b.source)} <code>${h(b.sourceRef)}</code>` : h(b.source);
    facts.push(['Baseline', `${h(b.size)} <small><code>${h(b.ref)}</code> from ${from}</small>`]);
    facts.push(['Change', `${h(b.change)} <small>${h(b.changePercent)}</small>`]);
  }
  const parts = [
    '<section id="image" aria-labelledby="image-title">',
    '<h2 id="image-title">Image</h2>',
    `<dl class="facts">${facts.map(([k, v]) => `<div><dt>${h(k)}</dt><dd>${v}</dd></div>`).join('')}</dl>`,
  ];
  if (image.largest.length > 0) {
    const rows = image.largest.map(
      (l) =>
        `<tr><td class="num">${h(l.size)}</td><td class="meter" aria-hidden="true"><span style="width:${(l.share * 100).toFixed(1)}%"></span></td><td class="num">${l.line ?? '—'}</td><td><code class="instr">${h(l.instruction)}</code></td></tr>`,
    );
    parts.push(
      '<h3>Largest layers</h3>',
      layersTable(
        '<th scope="col" class="num">Size</th><th scope="col"><span class="sr">Share</span></th><th scope="col" class="num">Line</th><th scope="col">Instruction</th>',
        rows,
      ),
    );
  }
  if (b && b.grown.length > 0) {
    const rows = b.grown.map(
      (v) =>
        `<tr><td class="num up">${h(v.change)}</td><td class="num">${v.line ?? '—'}</td><td><code class="instr">${h(v.instruction)}</code>${v.status ? ` <small>${STATUS_WORDS[v.status]}</small>` : ''}</td><td>${v.paths.map((p) => `<code>${h(p.path)}</code> ${h(p.change)}`).join('<br>')}</td></tr>`,
    );
    parts.push(
      '<h3>Layers that grew against the baseline</h3>',
      layersTable(
        '<th scope="col" class="num">Change</th><th scope="col" class="num">Line</th><th scope="col">Instruction</th><th scope="col">What grew</th>',
        rows,
      ),
    );
    if (b.pathsNote) parts.push(`<p class="note">${h(b.pathsNote)}</p>`);
  }
  if (image.waste) {
    const rows = image.waste.wasters.map(
      (w) =>
        `<tr><td class="num">${h(w.size)}</td><td class="num">${w.line ?? '—'}</td><td>${h(w.what)}</td><td><code class="instr">${h(w.instruction)}</code></td></tr>`,
    );
    parts.push(
      '<h3>Waste</h3>',
      `<p>${h(image.waste.headline)}</p>`,
      rows.length === 0
        ? ''
        : layersTable(
            '<th scope="col" class="num">Wasted</th><th scope="col" class="num">Line</th><th scope="col">What</th><th scope="col">Layer</th>',
            rows,
          ),
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** BuildKit's steps as bars of their time; a step from the cache is marked, its bar faint. */
function buildSection(view: View): string {
  const build = view.build;
  if (!build) return '';
  const parts = [
    '<section id="build" aria-labelledby="build-title">',
    '<h2 id="build-title">Build</h2>',
    `<p>${h(build.about)}</p>`,
  ];
  if (build.steps.length > 0) {
    const rows = build.steps.map(
      (s) =>
        `<tr><td class="num">${h(s.seconds)}</td><td class="meter" aria-hidden="true"><span style="width:${(s.share * 100).toFixed(1)}%${s.cached ? ';opacity:0.3' : ''}"></span></td><td>${s.cached ? 'cached' : ''}</td><td class="num">${s.line ?? '—'}</td><td><code class="instr">${h(s.name)}</code></td></tr>`,
    );
    parts.push(
      layersTable(
        '<th scope="col" class="num">Time</th><th scope="col"><span class="sr">Share</span></th><th scope="col">Cache</th><th scope="col" class="num">Line</th><th scope="col">Step</th>',
        rows,
      ),
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

function checksSection(view: View): string {
  // Several hosts: their checks are the rules across hosts, told under the fleet table.
  if (view.checks.length === 0 || view.hosts) return '';
  const t = view.tally;
  const tally = [`${t.pass} passed`, `${t.fail} failed`, `${t.warn} warned`].join(' · ');
  const rows = view.shownChecks.map(
    (c) =>
      `<tr class="${c.status}"><td><span class="status ${c.status}">${STATUS_TEXT[c.status]}</span></td><td><code>${h(c.id)}</code></td><td>${h(c.detail)}${findings(c.findings)}</td></tr>`,
  );
  const table = `<div class="scroll"><table class="checks"><thead><tr><th scope="col">Status</th><th scope="col">Check</th><th scope="col">Detail</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
  const body =
    view.headline.verdict === 'pass'
      ? `<details><summary class="tally">${tally}</summary>\n${table}\n</details>`
      : `<p class="tally">${tally}</p>\n${table}`;
  return `<section id="checks" aria-labelledby="checks-title">
<h2 id="checks-title">Checks</h2>
${body}
</section>`;
}

function findings(found: FindingView[]): string {
  if (found.length === 0) return '';
  const items = found.map((f) => {
    const bits = [`<code>${h(f.path)}</code>`];
    if (f.version) bits.push(h(f.version));
    if (f.layer) {
      const line = f.layer.line ? `, line ${f.layer.line}` : '';
      const full = f.layer.instruction;
      bits.push(
        `layer ${f.layer.index}${line}: <code class="instr" title="${h(full)}">${h(truncate(full, 60))}</code>`,
      );
    }
    if (f.requiredBy) bits.push(`required by ${f.requiredBy.map((r) => `<code>${h(r)}</code>`).join(', ')}`);
    if (f.allowedReason) bits.push(`allowed: ${h(f.allowedReason)}`);
    if (f.note) bits.push(h(f.note));
    return `<li>${bits.join(' · ')}</li>`;
  });
  return `<ul class="found">${items.join('')}</ul>`;
}

function timingsSection(view: View): string {
  const e2e = view.e2e;
  if (!e2e) return '';
  const about = [`template <code>${h(e2e.template.source)}</code> at <code>${h(e2e.template.ref)}</code>`];
  if (e2e.data.length > 0) about.push(`data ${e2e.data.map((d) => `<code>${h(d)}</code>`).join(' ')}`);
  if (e2e.uvVersion) about.push(`uv ${h(e2e.uvVersion)}`);
  about.push(...e2e.settings.map(h));
  const chart = renderSetupSvg(view.chart);
  const parts = [
    '<section id="timings" aria-labelledby="timings-title">',
    '<h2 id="timings-title"><code>make setup</code>: cold and warm</h2>',
    `<p class="about">${about.join(' · ')}</p>`,
  ];
  if (e2e.roles.length > 0)
    parts.push(`<ul class="roles">${e2e.roles.map((line) => `<li>${h(line)}</li>`).join('')}</ul>`);
  if (e2e.overhead) parts.push(`<p class="overhead">${h(e2e.overhead)}</p>`);
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

function layoutsTable(e2e: E2eView): string {
  const rows = e2e.layouts.map((l) => {
    const warm = l.warm
      ? `${h(l.warm.median)} <small>${h(l.warm.min)}–${h(l.warm.max)}, ${h(l.warm.stats ?? `${l.warm.runs} run${l.warm.runs === 1 ? '' : 's'}`)}</small>`
      : `<span class="missing">${NO_PROVED_WARM}</span>`;
    const spread = l.coldSpread
      ? ` <small>${h(l.coldSpread.min)}–${h(l.coldSpread.max)}, ${h(l.coldSpread.stats)}</small>`
      : '';
    const cold =
      l.cold === undefined ? `<span class="missing">${NO_PROVED_COLD}</span>` : `${h(l.cold)}${spread}`;
    return `<tr><th scope="row">${h(l.layout)}</th><td><span class="mode ${h(l.linkMode)}">${h(l.linkMode)}</span></td><td class="num">${cold}</td><td class="num">${warm}</td><td class="num">${h(l.speedup)}${l.speedupInterval ? ` <small>95 % interval ${h(l.speedupInterval)}</small>` : ''}</td><td class="num">${h(l.floor)}</td><td class="num">${h(l.cacheAfterScaffold)}</td><td class="num">${h(l.cacheAfterCold)}</td></tr>`;
  });
  const ratio =
    e2e.layoutRatio === undefined
      ? ''
      : `<p class="ratio">Warm setup, separate ÷ shared: <strong>${h(e2e.layoutRatio)}</strong>${e2e.layoutRatioInterval ? ` (95 % interval ${h(e2e.layoutRatioInterval)})` : ''}</p>`;
  const note =
    e2e.glossary.length === 0
      ? ''
      : `<details class="glossary"><summary>The words of the timings</summary><dl>${e2e.glossary
          .map(
            (g) => `<dt>${h(g.term)}</dt><dd>${h(g.meaning).replace(/`([^`]+)`/g, '<code>$1</code>')}</dd>`,
          )
          .join('')}</dl></details>`;
  return `<h3>Per cache layout</h3>
<div class="scroll"><table class="layouts"><thead><tr><th scope="col">Layout</th><th scope="col">Link mode</th><th scope="col" class="num">Cold</th><th scope="col" class="num">Warm median</th><th scope="col" class="num">Speedup</th><th scope="col" class="num">Floor</th><th scope="col" class="num">Cache after scaffold</th><th scope="col" class="num">Cache after cold</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>
${ratio}${note}`;
}

function htmlTable(className: string, head: string[], rows: string[][], numeric: number[]): string {
  const cls = (i: number) => (numeric.includes(i) ? ' class="num"' : '');
  const th = head.map((c, i) => `<th scope="col"${cls(i)}>${h(c)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${h(c)}</td>`).join('')}</tr>`).join('');
  return `<div class="scroll"><table class="${className}"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function concurrentTables(e2e: E2eView): string {
  if (e2e.concurrent.length === 0) return '';
  return [
    '<h3>Concurrent workers: <code>make setup</code> all at once on one cache</h3>',
    htmlTable('concurrent', CONCURRENT_HEAD, e2e.concurrent, [1, 2, 3, 4, 5]),
    e2e.locks.length > 0
      ? htmlTable('locks', LOCK_HEAD, e2e.locks, [2, 3])
      : '<p class="about">uv made no worker wait for a lock (no <code>Waiting to acquire lock</code> line).</p>',
  ].join('\n');
}

function runsSection(view: View): string {
  const runs = view.e2e?.runs;
  if (!runs || runs.rows.length === 0) return '';
  const { head } = runs;
  const rows = runs.rows.map(
    (run: RunView) =>
      `<tr><td class="num">${run.index}</td><td>${run.worker} <small>${h(run.kind)}</small></td><td>${h(run.layout)}</td>${run.cells.map(phaseCell).join('')}<td>${proved(run)}</td><td>${run.linkMode ? `<span class="mode ${h(run.linkMode)}">${h(run.linkMode)}</span>` : '—'}</td><td class="num">${run.downloads ?? '—'}</td></tr>`,
  );
  const th = head
    .map(
      (c, i) =>
        `<th scope="col"${i === 0 || (i >= 3 && i < head.length - 3) || i === head.length - 1 ? ' class="num"' : ''}>${h(c)}</th>`,
    )
    .join('');
  const logs = view.logs.map(logBlock);
  return `<section id="runs" aria-labelledby="runs-title">
<h2 id="runs-title">End-to-end runs</h2>
<p class="about">${h(view.e2e?.runsAbout ?? '')}</p>
<div class="scroll"><table class="runs"><thead><tr>${th}</tr></thead><tbody>${rows.join('')}</tbody></table></div>
${logs.length > 0 ? `<h3>Logs of failed phases</h3>\n${logs.join('\n')}` : ''}
</section>`;
}

function phaseCell(phase: PhaseView | undefined): string {
  if (!phase) return '<td class="num missing">—</td>';
  if (!phase.failed) return `<td class="num">${h(phase.time)}</td>`;
  return `<td class="num failed"><strong>${h(phase.time)}</strong> <small>${h(phase.outcome)}</small></td>`;
}

function proved(run: RunView): string {
  if (!run.proved) return '—';
  return `<span class="status ${run.proved.ok ? 'pass' : 'warn'}">${h(run.proved.state)}</span>`;
}

function logBlock(log: PhaseLog): string {
  return `<details class="log" open><summary>${h(log.run)} · <code>${h(log.phase)}</code> · ${h(log.outcome)}</summary><pre>${h(log.tail)}</pre></details>`;
}

function footer(view: View): string {
  const head = view.headline;
  return `<footer><div class="wrap">worker-gate ${h(head.version)} · report schema ${head.schemaVersion} · started ${h(head.startedAt)}</div></footer>`;
}

/** Remedies are written with `code` spans (they are Markdown in the summary). */
function withCode(text: string): string {
  return h(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function capitalized(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function readableTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
