// Where the setup time goes, as each reader meets it: a Markdown section of the
// job summary (per setup a table of categories with text bars and its top
// commands, the plan's figures beside the measured ones, the ranked speed-ups)
// and, for the HTML report, an SVG stacked bar per setup with the same figures.
import { escapeHtml, htmlProse } from './format.js';
import { mdCode, mdProse, mdTable, mdText } from './markdown.js';
import { BAR_CELLS, type ProfileView, type SetupProfileView } from './view/profile.js';

function textBar(cells: number): string {
  return `\`${'█'.repeat(cells)}${'·'.repeat(BAR_CELLS - cells)}\``;
}

function setupTable(s: SetupProfileView): string {
  const rows = s.causes.map((c) => [mdText(c.label), c.time, c.share, textBar(c.bar)]);
  const top = s.topCommands.map((l) => `${mdCode(l.name)} ${l.time}`);
  const lines = [
    `**${mdText(s.layout)} layout, ${mdText(s.label)}**: ${s.time}`,
    '',
    mdTable(['Where', 'Seconds', 'Share', ''], rows, ['l', 'r', 'r', 'l']),
    '',
    `Top commands: ${top.join(' · ')}`,
  ];
  if (s.localPackages) lines.push(`Local packages: ${mdText(s.localPackages)}`);
  return lines.join('\n');
}

export function profileMarkdown(view: ProfileView): string {
  if (view.setups.length === 0) return '';
  const parts = ['**Where the setup time goes**'];
  if (view.plan) parts.push(mdText(view.plan));
  parts.push(...view.setups.map(setupTable));
  if (view.speedups.length > 0) {
    const rows = view.speedups.map((s) => [
      mdProse(s.title),
      s.saves,
      s.basis,
      mdProse(s.trial ? `${s.detail}. ${s.trial}` : s.detail),
    ]);
    parts.push(
      '**What would make the warm setup faster**',
      mdTable(['Change', 'Saves', 'Figure', 'Why'], rows, ['l', 'r', 'l', 'l']),
    );
    for (const s of view.speedups.filter((s) => s.patch))
      parts.push(
        `<details><summary>The ${s.setting ? 'setting' : 'patch'} tried: ${mdText(s.title)}</summary>\n\n\`\`\`${s.setting ? 'sh' : 'diff'}\n${s.patch?.trimEnd()}\n\`\`\`\n\n</details>`,
      );
  }
  return parts.join('\n\n');
}

const SVG_WIDTH = 760;
/** A generous width of one character of the chart's 12 px sans-serif: labels are sized by it, so none is clipped. */
const CHAR_WIDTH = 7;
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
export function profileSvg(view: ProfileView): string | undefined {
  const setups = view.setups;
  if (setups.length === 0) return undefined;
  const labels = [...new Set(setups.flatMap((s) => s.causes.map((c) => c.label)))];
  const colour = (label: string) => PALETTE[labels.indexOf(label) % PALETTE.length] as string;
  const rowLabel = (s: SetupProfileView) => `${s.layout} ${s.label}`;
  // The label column is as wide as the longest label; the bars get the rest.
  const labelWidth = Math.ceil(Math.max(...setups.map((s) => rowLabel(s).length)) * CHAR_WIDTH) + 16;
  const max = Math.max(...setups.map((s) => s.seconds));
  const scale = (SVG_WIDTH - labelWidth - 70) / (max || 1);
  const rows = setups.map((s, i) => {
    const y = 8 + i * SVG_ROW;
    let x = labelWidth;
    const segments = s.causes.map((c) => {
      const w = c.seconds * scale;
      const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${SVG_BAR}" fill="${colour(c.label)}"><title>${escapeHtml(`${c.label}: ${c.time}`)}</title></rect>`;
      x += w;
      return rect;
    });
    return [
      `<text x="${labelWidth - 8}" y="${y + 12}" text-anchor="end">${escapeHtml(rowLabel(s))}</text>`,
      ...segments,
      `<text x="${(x + 6).toFixed(1)}" y="${y + 12}">${escapeHtml(s.time)}</text>`,
    ].join('');
  });
  const legendY = 8 + setups.length * SVG_ROW + 6;
  // As many legend columns as the longest entry leaves room for: no entry runs into the next.
  const column = Math.max(...labels.map((label) => label.length)) * CHAR_WIDTH + 14 + 20;
  const perRow = Math.max(1, Math.floor((SVG_WIDTH - 8) / column));
  const legend = labels.map((label, i) => {
    const x = 8 + (i % perRow) * column;
    const y = legendY + Math.floor(i / perRow) * 18;
    return `<rect x="${x}" y="${y}" width="10" height="10" fill="${colour(label)}"/><text x="${x + 14}" y="${y + 9}">${escapeHtml(label)}</text>`;
  });
  const height = legendY + Math.ceil(labels.length / perRow) * 18 + 6;
  return `<svg class="profile-chart" role="img" aria-label="where each setup's seconds went" viewBox="0 0 ${SVG_WIDTH} ${height}" width="100%" font-size="12" font-family="sans-serif">${rows.join('')}${legend.join('')}</svg>`;
}

/** The HTML section: the stacked bars, the plan's figures and the ranked speed-ups. */
export function profileHtml(view: ProfileView | undefined): string {
  const svg = view && profileSvg(view);
  if (!view || !svg) return '';
  const items = view.speedups.map(
    (s) =>
      `<li><strong>${htmlProse(s.title)}</strong>: ${escapeHtml(s.saves)} (${escapeHtml(s.basis)}). ${htmlProse(s.detail)}` +
      (s.trial ? `<br>${escapeHtml(s.trial)}` : '') +
      (s.patch
        ? `<details><summary>The ${s.setting ? 'setting' : 'patch'} tried</summary><pre>${escapeHtml(s.patch)}</pre></details>`
        : '') +
      '</li>',
  );
  return [
    '<section id="profile" aria-labelledby="profile-title">',
    '<h2 id="profile-title">Where the setup time goes</h2>',
    view.plan ? `<p>${escapeHtml(view.plan)}</p>` : '',
    `<figure class="chart-box">${svg}</figure>`,
    items.length ? `<h3>What would make the warm setup faster</h3><ol>${items.join('')}</ol>` : '',
    '</section>',
  ]
    .filter((p) => p !== '')
    .join('\n');
}
