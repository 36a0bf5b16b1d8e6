// The chart of cold vs warm `make setup` per cache layout, in the two forms a
// reader meets: a Mermaid xychart (rendered by GitHub in job summaries and
// comments) and an inline SVG for the HTML report (no script, no fetch).
import { formatSeconds, round } from '../model/numbers.js';
import { escapeHtml } from './format.js';
import type { SetupBar, SetupChart } from './view/layouts.js';

const KIND_LABEL: Record<SetupBar['kind'], string> = { cold: 'cold', warm: 'warm median', floor: 'floor' };

/** A Mermaid bar chart of cold and warm-median setup per layout, or undefined when nothing was measured. */
export function renderSetupMermaid(chart: SetupChart): string | undefined {
  // Mermaid's xychart has no error bars or grouping: one bar per layout and kind reads best.
  const bars = chart.bars.filter((b) => b.kind !== 'floor');
  if (bars.length === 0) return undefined;
  const top = niceCeiling(Math.max(...bars.map((b) => b.seconds)) * 1.1);
  const labels = bars.map((b) => `"${b.layout} ${b.kind}"`).join(', ');
  const values = bars.map((b) => round(b.seconds, 1)).join(', ');
  return [
    '```mermaid',
    'xychart-beta',
    '    title "make setup: cold vs warm (seconds)"',
    `    x-axis [${labels}]`,
    `    y-axis "seconds" 0 --> ${top}`,
    `    bar [${values}]`,
    '```',
  ].join('\n');
}

const WIDTH = 760;
const LABEL_WIDTH = 170;
const VALUE_GAP = 8;
const ROW = 30;
const BAR = 18;
const GROUP_GAP = 16;
const TOP = 12;
const AXIS = 34;

/** A horizontal bar chart: per layout its cold setup, warm median (min–max whisker) and floor. */
export function renderSetupSvg(chart: SetupChart, id = 'setup-chart'): string | undefined {
  const bars = chart.bars;
  if (bars.length === 0) return undefined;
  const layouts = [...new Set(bars.map((b) => b.layout))];
  const maxValue = Math.max(...bars.map((b) => b.max ?? b.seconds));
  const top = niceCeiling(maxValue * 1.05);
  const plotWidth = WIDTH - LABEL_WIDTH - 70;
  const x = (s: number) => LABEL_WIDTH + (s / top) * plotWidth;

  const rows: string[] = [];
  let y = TOP;
  for (const layout of layouts) {
    // The link mode explains the bars (copy-fallback is why a warm setup stays slow).
    const mode = chart.linkModes[layout];
    const modeText = mode ? `<tspan class="mode-label"> · ${escapeHtml(mode)}</tspan>` : '';
    rows.push(
      `<text class="group" x="0" y="${y + ROW / 2 + 5}">${escapeHtml(layout)} layout${modeText}</text>`,
    );
    y += ROW - 6;
    for (const bar of bars.filter((b) => b.layout === layout)) {
      rows.push(barRow(bar, y, x));
      y += ROW;
    }
    y += GROUP_GAP;
  }
  const plotBottom = y - GROUP_GAP + 4;
  const height = plotBottom + AXIS;
  const ticks = tickValues(top).map((t) => {
    const tx = x(t).toFixed(1);
    return `<line class="grid" x1="${tx}" x2="${tx}" y1="${TOP}" y2="${plotBottom}"/><text class="tick" x="${tx}" y="${plotBottom + 18}" text-anchor="middle">${t} s</text>`;
  });
  const description = bars
    .map((b) => `${b.layout} ${KIND_LABEL[b.kind]} ${formatSeconds(b.seconds)}${spreadText(b)}`)
    .join('; ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">make setup seconds per cache layout: cold, warm median and floor</title>`,
    `<desc id="${id}-desc">${escapeHtml(description)}</desc>`,
    ...ticks,
    `<line class="axis" x1="${LABEL_WIDTH}" x2="${LABEL_WIDTH}" y1="${TOP}" y2="${plotBottom}"/>`,
    ...rows,
    '</svg>',
  ].join('\n');
}

function barRow(bar: SetupBar, y: number, x: (s: number) => number): string {
  const barY = y + (ROW - BAR) / 2;
  const mid = barY + BAR / 2;
  const end = x(bar.seconds);
  const parts = [
    `<text class="label" x="${LABEL_WIDTH - VALUE_GAP}" y="${mid + 4}" text-anchor="end">${KIND_LABEL[bar.kind]}${bar.runs ? ` (${bar.runs} runs)` : ''}</text>`,
  ];
  if (bar.kind === 'floor') {
    // The floor is what no cache removes: drawn as a hatched outline, not a solid bar.
    parts.push(
      `<rect class="bar floor" x="${LABEL_WIDTH}" y="${barY}" width="${(end - LABEL_WIDTH).toFixed(1)}" height="${BAR}" rx="2"/>`,
    );
  } else {
    parts.push(
      `<rect class="bar ${bar.kind}" x="${LABEL_WIDTH}" y="${barY}" width="${Math.max(1, end - LABEL_WIDTH).toFixed(1)}" height="${BAR}" rx="2"/>`,
    );
  }
  let valueX = end;
  if (bar.min !== undefined && bar.max !== undefined && bar.max > bar.min) {
    const x1 = x(bar.min).toFixed(1);
    const x2 = x(bar.max).toFixed(1);
    parts.push(
      `<path class="whisker" d="M${x1} ${mid}H${x2}M${x1} ${mid - 5}V${mid + 5}M${x2} ${mid - 5}V${mid + 5}"/>`,
    );
    valueX = Math.max(valueX, x(bar.max));
  }
  parts.push(
    `<text class="value" x="${(valueX + VALUE_GAP).toFixed(1)}" y="${mid + 4}">${formatSeconds(bar.seconds)}</text>`,
  );
  return `<g class="row ${bar.kind}">${parts.join('')}</g>`;
}

function spreadText(bar: SetupBar): string {
  if (bar.min === undefined || bar.max === undefined) return '';
  return ` (min ${formatSeconds(bar.min)}, max ${formatSeconds(bar.max)}, ${bar.runs ?? 0} runs)`;
}

/** The smallest 1, 2, 2.5 or 5 × 10^k step giving at most six ticks, and the axis end on a step. */
function niceStep(top: number): number {
  const raw = top / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const step = niceStep(value);
  return Math.ceil(value / step) * step;
}

function tickValues(top: number): number[] {
  const step = niceStep(top);
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 1000; t += step) ticks.push(round(t, 3));
  return ticks;
}
