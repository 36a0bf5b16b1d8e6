// The HTML report's stylesheet, inlined into the page (no external resources).
// System fonts, readable line length, colour never the only signal (every
// status also has its word), and a dark scheme for people who use one.
export const HTML_STYLE = `
:root {
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9;
  --warn: #9a6700; --warn-bg: #fff8c5; --accent: #0969da;
  --cold: #bc4c00; --warm: #0969da; --floor: #8c959f;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d;
    --pass: #3fb950; --pass-bg: #12261e; --fail: #f85149; --fail-bg: #2d1214;
    --warn: #d29922; --warn-bg: #272115; --accent: #4493f8;
    --cold: #f0883e; --warm: #4493f8; --floor: #6e7681;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--fg); background: var(--bg);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Liberation Sans", Helvetica, Arial, sans-serif;
}
code, pre, .instr { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 0.88em; }
code { background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: 0 0.3em; overflow-wrap: anywhere; }
.wrap, main { max-width: 1080px; margin: 0 auto; padding: 0 24px; }
main { padding-bottom: 32px; }
h1, h2, h3 { line-height: 1.25; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 0.8rem; padding-bottom: 0.35rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.02rem; margin: 1.4rem 0 0.5rem; }
small { color: var(--muted); font-size: 0.85em; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

header.verdict { border-bottom: 1px solid var(--line); padding: 22px 0 18px; background: var(--panel); border-top: 6px solid var(--muted); }
header.pass { border-top-color: var(--pass); }
header.fail { border-top-color: var(--fail); }
header.error { border-top-color: var(--warn); }
.eyebrow { margin: 0; color: var(--muted); font-size: 0.8rem; letter-spacing: 0.08em; text-transform: uppercase; }
h1 { margin: 0.35rem 0 0.45rem; font-size: 1.75rem; display: flex; flex-wrap: wrap; align-items: center; gap: 0.6rem; }
.badge { display: inline-flex; align-items: center; gap: 0.35em; font-size: 1rem; font-weight: 700; letter-spacing: 0.04em; text-transform: uppercase; padding: 0.25em 0.75em; border-radius: 999px; color: #fff; }
.badge[data-verdict="pass"] { background: var(--pass); }
.badge[data-verdict="fail"] { background: var(--fail); }
.badge[data-verdict="error"] { background: var(--warn); }
.meta { margin: 0; color: var(--muted); display: flex; flex-wrap: wrap; gap: 0.5em; align-items: baseline; }
.meta code { color: var(--fg); font-size: 0.95em; }

.figures dl { display: flex; flex-wrap: wrap; gap: 12px; margin: 22px 0 0; }
.card { flex: 1 1 136px; max-width: 260px; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.card dt { color: var(--muted); font-size: 0.8rem; }
.card dd { margin: 0.15rem 0 0; font-size: 1.3rem; font-weight: 650; font-variant-numeric: tabular-nums; white-space: nowrap; }
.card dd small { display: block; font-size: 0.62em; font-weight: 500; }
.card.down dd { color: var(--pass); }
.card.up dd, .card.bad dd { color: var(--fail); }

.failures { list-style: none; padding: 0; margin: 0; display: grid; gap: 12px; }
.failure, .problem { min-width: 0; border: 1px solid var(--line); border-left: 5px solid var(--fail); border-radius: 8px; padding: 12px 16px; background: var(--bg); }
.problem.error { border-left-color: var(--warn); margin-top: 22px; }
.problem.error h2 { margin-top: 0; border: 0; }
.failure h3 { margin: 0 0 0.3rem; font-size: 1rem; }
.failure h3 code { font-size: 0.95em; background: var(--fail-bg); border-color: transparent; color: var(--fail); }
.message { margin: 0.2rem 0; font-weight: 500; overflow-wrap: anywhere; }
.where { margin: 0.2rem 0; color: var(--muted); font-size: 0.92em; }
.where .instr { color: var(--fg); }
.members { margin: 0.3rem 0 0; padding-left: 1.1rem; }
.members li { margin: 0.2rem 0; }
.members .message { font-weight: 400; }
.todo { margin: 0.5rem 0 0; padding: 8px 12px; background: var(--panel); border-radius: 6px; }
.todo strong { display: block; font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin-bottom: 2px; }
.advice { margin: 22px 0 0; padding: 12px 16px; border: 1px solid var(--accent); border-left-width: 5px; border-radius: 8px; }
.advice strong { color: var(--accent); margin-right: 0.4em; }

.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 340px), 1fr)); gap: 0 32px; margin: 0; }
.facts div { display: flex; gap: 0.75em; padding: 5px 0; border-bottom: 1px dashed var(--line); }
.facts dt { color: var(--muted); flex: 0 0 6.5em; }
.facts dd { margin: 0; overflow-wrap: anywhere; }

table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
thead th { font-size: 0.8rem; color: var(--muted); font-weight: 600; border-bottom-width: 2px; white-space: nowrap; }
tbody tr:nth-child(even) { background: color-mix(in srgb, var(--panel) 70%, transparent); }
.num { text-align: right; white-space: nowrap; }
/* position: relative keeps absolutely placed children (the .sr labels) inside the scroll box. */
.scroll { overflow-x: auto; position: relative; }
.instr { overflow-wrap: anywhere; background: none; border: 0; padding: 0; }
.layers .meter { width: 22%; min-width: 80px; }
.meter span { display: block; height: 10px; margin-top: 6px; border-radius: 3px; background: var(--accent); opacity: 0.75; }
.up { color: var(--fail); }
.missing { color: var(--muted); }
td.failed { color: var(--fail); background: var(--fail-bg); }

.tally { color: var(--muted); margin: 0 0 0.5rem; }
.status { display: inline-block; min-width: 3.6em; text-align: center; font-size: 0.78rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; padding: 1px 8px; border-radius: 999px; }
.status.pass { color: var(--pass); background: var(--pass-bg); }
.status.fail { color: var(--fail); background: var(--fail-bg); }
.status.warn { color: var(--warn); background: var(--warn-bg); }
.checks tr.fail td { background: color-mix(in srgb, var(--fail-bg) 55%, transparent); }
.checks td:nth-child(2) { white-space: nowrap; }
.found { margin: 0.3rem 0 0; padding-left: 1.1rem; color: var(--muted); font-size: 0.92em; }
.found li { margin: 0.15rem 0; }
.mode { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85em; padding: 1px 6px; border-radius: 4px; background: var(--panel); border: 1px solid var(--line); white-space: nowrap; }
.mode.copy-fallback { color: var(--warn); border-color: var(--warn); }
.mode.hardlink { color: var(--pass); border-color: var(--pass); }

.about { color: var(--muted); margin: 0 0 0.8rem; }
.chart-box { margin: 0 0 1rem; padding: 14px 16px 8px; border: 1px solid var(--line); border-radius: 8px; overflow-x: auto; }
.chart { display: block; max-width: 100%; height: auto; font-family: inherit; }
.chart text { fill: var(--fg); font-size: 13px; }
.chart .group { font-weight: 650; font-size: 14px; }
.chart .mode-label { font-weight: 400; fill: var(--muted); }
.chart .tick { fill: var(--muted); font-size: 12px; }
.chart .label { fill: var(--muted); }
.chart .value { font-weight: 600; font-variant-numeric: tabular-nums; }
.chart .grid { stroke: var(--line); stroke-width: 1; }
.chart .axis { stroke: var(--muted); stroke-width: 1; }
.chart .bar.cold { fill: var(--cold); }
.chart .bar.warm { fill: var(--warm); }
.chart .bar.floor { fill: none; stroke: var(--floor); stroke-width: 1.5; stroke-dasharray: 4 3; }
.chart .whisker { stroke: var(--fg); stroke-width: 1.5; fill: none; }
figcaption { color: var(--muted); font-size: 0.85rem; display: flex; flex-wrap: wrap; gap: 0.3em 1.2em; align-items: center; margin-top: 6px; }
.key { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 0.35em; vertical-align: -1px; }
.key.cold { background: var(--cold); }
.key.warm { background: var(--warm); }
.key.floor { border: 1.5px dashed var(--floor); }
.ratio { margin: 0.6rem 0 0; }

details.log { margin: 0.6rem 0; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
details.log summary { cursor: pointer; padding: 8px 12px; background: var(--fail-bg); font-weight: 600; }
pre { margin: 0; padding: 12px 14px; overflow-x: auto; background: var(--panel); font-size: 0.82rem; line-height: 1.45; white-space: pre; }
.problem pre { border-radius: 6px; margin-top: 0.5rem; }
footer { border-top: 1px solid var(--line); padding: 14px 0 24px; color: var(--muted); font-size: 0.82rem; }
@media (max-width: 640px) {
  .wrap, main { padding: 0 14px; }
  h1 { font-size: 1.4rem; }
  .checks td:nth-child(2) { white-space: normal; }
  /* Tables scroll in their own box rather than squeezing a column to one word per line. */
  .scroll > table { min-width: 620px; }
  .layers .meter { display: none; }
  th, td { padding: 6px 6px; }
}
@media print { header.verdict { background: none; } details.log { break-inside: avoid; } }
`;
