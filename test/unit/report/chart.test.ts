import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderSetupMermaid, renderSetupSvg } from '../../../src/report/chart.js';
import { buildView } from '../../../src/report/view/index.js';
import { loadFixture } from './fixtures.js';

const chartOf = (name: string) => buildView(loadFixture(name)).chart;

describe('the setup chart', () => {
  it('is absent when nothing was timed', () => {
    expect(renderSetupMermaid(chartOf('synthetic-contract-fail'))).toBeUndefined();
    expect(renderSetupSvg(chartOf('synthetic-contract-fail'))).toBeUndefined();
  });

  it('in Mermaid: one bar per layout and kind, an axis above the tallest', () => {
    const chart = renderSetupMermaid(chartOf('synthetic-pass')) ?? '';
    expect(chart.split('\n')).toEqual([
      '```mermaid',
      'xychart-beta',
      '    title "make setup: cold vs warm (seconds)"',
      '    x-axis ["separate cold", "separate warm"]',
      '    y-axis "seconds" 0 --> 12.5',
      '    bar [10.6, 6.9]',
      '```',
    ]);
  });

  it('in Mermaid: leaves out what was not proved instead of drawing a zero', () => {
    const chart = renderSetupMermaid(chartOf('synthetic-e2e-fail')) ?? '';
    expect(chart).toContain('x-axis ["separate cold"]');
    expect(chart).toContain('bar [10.2]');
  });

  it('in SVG: well-formed, labelled for screen readers, a bar per figure and a whisker per warm median', () => {
    const svg = renderSetupSvg(chartOf('synthetic-both')) ?? '';
    expect(XMLValidator.validate(svg)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg).svg;
    expect(parsed.role).toBe('img');
    expect(parsed['aria-labelledby']).toBe('setup-chart-title setup-chart-desc');
    expect(parsed.title['#text']).toMatch(/^make setup seconds per cache layout/);
    expect(parsed.desc['#text']).toContain('separate warm median 6.9 s (min 6.6 s, max 7.3 s, 3 runs)');
    expect(parsed.desc['#text']).toContain('shared cold 9.8 s');
    expect(svg.match(/<rect class="bar cold"/g)).toHaveLength(2);
    expect(svg.match(/<rect class="bar warm"/g)).toHaveLength(2);
    expect(svg.match(/<rect class="bar floor"/g)).toHaveLength(2);
    expect(svg.match(/class="whisker"/g)).toHaveLength(2);
    expect(svg).toContain('separate layout<tspan class="mode-label"> · copy-fallback</tspan>');
  });

  it('in SVG: bar lengths are proportional to the seconds', () => {
    const svg = renderSetupSvg(chartOf('synthetic-both')) ?? '';
    const widths = [
      ...svg.matchAll(/<rect class="bar (cold|warm)" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g),
    ].map((m) => Number(m[2]));
    const [sepCold, sepWarm, shCold, shWarm] = widths as [number, number, number, number];
    expect(sepCold / sepWarm).toBeCloseTo(10.58 / 6.91, 1);
    expect(shCold / shWarm).toBeCloseTo(9.83 / 2.58, 1);
  });
});
