// Where the setup time goes, as each reader meets it: a Markdown section of the
// job summary (per layout: the cold setup, the median warm one and the floor,
// each a table of categories with text bars and its top commands; the plan's
// expected figures beside the measured ones; the ranked speed-ups), an SVG
// stacked bar per setup for the HTML report, one line for the PR comment and
// the top three causes for the CLI.
import { escapeHtml, formatSeconds } from './format.js';
import { mdCode, mdTable, mdText } from './markdown.js';
import { type Cause, causesOf, headlineWarm, type ProfiledSetup, profiledSetups } from './profile-runs.js';
import type { E2eReport } from './types.js';

/** The plan's expected figures (design.md, "The numbers the plan expects"). */
export const PLAN = { cold: [15, 35], warm: [3, 5] } as const;
const BAR_WIDTH = 20;
const TOP_COMMANDS = 3;

function allSetups(e2e: E2eReport): ProfiledSetup[] {
  return e2e.layouts.flatMap((l) => profiledSetups(e2e, l.layout));
}

function textBar(seconds: number, total: number): string {
  const n = total > 0 ? Math.round((seconds / total) * BAR_WIDTH) : 0;
  return `\`${'█'.repeat(n)}${'·'.repeat(BAR_WIDTH - n)}\``;
}

function setupTable(s: ProfiledSetup): string {
  const total = s.profile.seconds;
  const rows = causesOf(s.profile).map((c) => [
    mdText(c.label),
    formatSeconds(c.seconds),
    `${Math.round((c.seconds / total) * 100)} %`,
    textBar(c.seconds, total),
  ]);
  const top = [...s.profile.lines]
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, TOP_COMMANDS)
    .map((l) => `${mdCode(l.name)} ${formatSeconds(l.seconds)}`);
  const local = s.profile.localPackages?.map((p) => `${mdText(p.name)} ${p.state}`).join(', ');
  const lines = [
    `**${mdText(s.layout)} layout, ${mdText(s.label)}**: ${formatSeconds(total)}`,
    '',
    mdTable(['Where', 'Seconds', 'Share', ''], rows, ['l', 'r', 'r', 'l']),
    '',
    `Top commands: ${top.join(' · ')}`,
  ];
  if (local) lines.push(`Local packages: ${local}`);
  return lines.join('\n');
}

function range([low, high]: readonly [number, number]): string {
  return `about ${low}–${high} s`;
}

/** The plan's figures beside the measured ones, and what stands between them. */
export function planComparison(e2e: E2eReport, text: (s: string) => string = mdText): string | undefined {
  const setup = e2e.setup;
  if (!setup) return undefined;
  const lines = [
    `The plan expects a cold setup of ${range(PLAN.cold)} and a warm one of ${range(PLAN.warm)}; measured: cold ${formatSeconds(setup.coldSeconds)}, warm median ${formatSeconds(setup.warmSeconds?.median ?? null)}.`,
  ];
  const layout = e2e.layouts[0]?.layout;
  const shown = layout ? profiledSetups(e2e, layout) : [];
  for (const [role, measured, high] of [
    ['cold', setup.coldSeconds, PLAN.cold[1]],
    ['warm', setup.warmSeconds?.median, PLAN.warm[1]],
  ] as const) {
    const profile = shown.find((s) => s.role === role)?.profile;
    const gap = (measured ?? 0) - high;
    if (!profile || gap <= 0) continue;
    // The largest causes that together cover the excess over the plan's upper figure.
    const between: Cause[] = [];
    let covered = 0;
    for (const cause of causesOf(profile)) {
      if (covered >= gap) break;
      between.push(cause);
      covered += cause.seconds;
    }
    const label = role === 'warm' ? 'the warm median' : 'the cold setup';
    lines.push(
      `Between ${label} and the plan's ${high} s (${formatSeconds(gap)} over): ${between
        .map((c) => `${text(c.label)} ${formatSeconds(c.seconds)}`)
        .join(', ')}.`,
    );
  }
  return lines.join(' ');
}

export function profileMarkdown(e2e: E2eReport): string {
  const setups = allSetups(e2e);
  if (setups.length === 0) return '';
  const parts = ['**Where the setup time goes**'];
  const plan = planComparison(e2e);
  if (plan) parts.push(plan);
  parts.push(...setups.map(setupTable));
  if (e2e.speedups?.length) {
    const rows = e2e.speedups.map((s) => [
      mdText(s.title),
      formatSeconds(s.seconds),
      s.basis,
      mdText(s.detail),
    ]);
    parts.push(
      '**What would make the warm setup faster**',
      mdTable(['Change', 'Saves', 'Figure', 'Why'], rows, ['l', 'r', 'l', 'l']),
    );
  }
  return parts.join('\n\n');
}

/** `largest cause of the warm setup: preparing (downloads, local builds) 4.6 s of 17.8 s`, or undefined. */
export function largestWarmCause(e2e: E2eReport | undefined): string | undefined {
  const warm = e2e && headlineWarm(e2e);
  const top = warm && causesOf(warm.profile)[0];
  if (!warm || !top) return undefined;
  return `largest cause of the warm setup: ${top.label} ${formatSeconds(top.seconds)} of ${formatSeconds(warm.profile.seconds)}`;
}

/** The warm setup's three largest causes, one line each, for the end of the CLI's output. */
export function topCauseLines(e2e: E2eReport | undefined, count = 3): string[] {
  const warm = e2e && headlineWarm(e2e);
  if (!warm) return [];
  const causes = causesOf(warm.profile).slice(0, count);
  return [
    `where the warm setup's ${formatSeconds(warm.profile.seconds)} went (${warm.layout} layout, top ${causes.length}):`,
    ...causes.map((c, i) => `  ${i + 1}. ${c.label}: ${formatSeconds(c.seconds)}`),
  ];
}

const SVG_WIDTH = 760;
const SVG_LABEL = 200;
const SVG_ROW = 26;
const SVG_BAR = 16;
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
];

/** One stacked bar per shown setup, every category a segment with its own colour and a legend. */
export function profileSvg(e2e: E2eReport): string | undefined {
  const setups = allSetups(e2e);
  if (setups.length === 0) return undefined;
  const labels = [...new Set(setups.flatMap((s) => causesOf(s.profile).map((c) => c.label)))];
  const colour = (label: string) => PALETTE[labels.indexOf(label) % PALETTE.length] as string;
  const max = Math.max(...setups.map((s) => s.profile.seconds));
  const scale = (SVG_WIDTH - SVG_LABEL - 70) / (max || 1);
  const rows = setups.map((s, i) => {
    const y = 8 + i * SVG_ROW;
    let x = SVG_LABEL;
    const segments = causesOf(s.profile).map((c) => {
      const w = c.seconds * scale;
      const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${SVG_BAR}" fill="${colour(c.label)}"><title>${escapeHtml(`${c.label}: ${formatSeconds(c.seconds)}`)}</title></rect>`;
      x += w;
      return rect;
    });
    return [
      `<text x="${SVG_LABEL - 8}" y="${y + 12}" text-anchor="end">${escapeHtml(`${s.layout} ${s.label}`)}</text>`,
      ...segments,
      `<text x="${(x + 6).toFixed(1)}" y="${y + 12}">${escapeHtml(formatSeconds(s.profile.seconds))}</text>`,
    ].join('');
  });
  const legendY = 8 + setups.length * SVG_ROW + 6;
  const legend = labels.map((label, i) => {
    const x = 8 + (i % 4) * 185;
    const y = legendY + Math.floor(i / 4) * 18;
    return `<rect x="${x}" y="${y}" width="10" height="10" fill="${colour(label)}"/><text x="${x + 14}" y="${y + 9}">${escapeHtml(label)}</text>`;
  });
  const height = legendY + Math.ceil(labels.length / 4) * 18 + 6;
  return `<svg class="profile-chart" role="img" aria-label="where each setup's seconds went" viewBox="0 0 ${SVG_WIDTH} ${height}" width="100%" font-size="12" font-family="sans-serif">${rows.join('')}${legend.join('')}</svg>`;
}

/** The HTML section: the stacked bars, the plan's figures and the ranked speed-ups. */
export function profileHtml(e2e: E2eReport | undefined): string {
  const svg = e2e && profileSvg(e2e);
  if (!e2e || !svg) return '';
  const plan = planComparison(e2e, (t) => t);
  const items = (e2e.speedups ?? []).map(
    (s) =>
      `<li><strong>${escapeHtml(s.title)}</strong>: ${escapeHtml(formatSeconds(s.seconds))} (${s.basis}). ${escapeHtml(s.detail)}</li>`,
  );
  return [
    '<section id="profile" aria-labelledby="profile-title">',
    '<h2 id="profile-title">Where the setup time goes</h2>',
    plan ? `<p>${escapeHtml(plan)}</p>` : '',
    `<figure class="chart-box">${svg}</figure>`,
    items.length ? `<h3>What would make the warm setup faster</h3><ol>${items.join('')}</ol>` : '',
    '</section>',
  ]
    .filter((p) => p !== '')
    .join('\n');
}
