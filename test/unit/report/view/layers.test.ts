import { describe, expect, test } from 'vitest';
import { renderCommentBody } from '../../../../src/github/comment-body.js';
import type { Report } from '../../../../src/model/report.js';
import { validateReport } from '../../../../src/model/report-schema.js';
import { renderHtml } from '../../../../src/report/html.js';
import { renderSummary } from '../../../../src/report/summary.js';
import { loadFixture } from '../fixtures.js';

/** A recorded failing report with a baseline, given what the layer archives add. */
function withLayerContents(): Report {
  const report = loadFixture('check-fat-fail-baseline');
  const grown = report.baseline?.grownLayers[0];
  if (!grown || !report.image) throw new Error('fixture changed: it needs a grown layer and an image');
  grown.paths = [
    { path: '/usr/local/lib/python3.12/site-packages/mypy', kind: 'folder', deltaBytes: 40_000_000 },
    {
      path: '/usr/local/lib/python3.12/site-packages/ruff-0.9.0.data/scripts/ruff',
      kind: 'file',
      deltaBytes: 30_000_000,
    },
  ];
  grown.index = 3;
  const layer = {
    index: 2,
    createdBy: '/bin/sh -c head -c 50000000 /dev/zero > /opt/d.bin',
    dockerfileLine: 4,
  };
  report.image.waste = {
    shippedBytes: 400_000_000,
    finalBytes: 350_000_000,
    wastedBytes: 59_000_000,
    wastedPercent: 14.5,
    efficiencyPercent: 87.5,
    wasters: [
      {
        kind: 'removed',
        path: '/opt/d.bin',
        sizeBytes: 50_000_000,
        files: 1,
        layer,
        by: { ...layer, index: 3, dockerfileLine: 5 },
      },
      {
        kind: 'cache',
        what: 'apt package lists',
        path: '/var/lib/apt/lists',
        sizeBytes: 9_000_000,
        files: 12,
        layer,
      },
    ],
  };
  return report;
}

describe('what grew and what is waste, in every renderer', () => {
  const report = withLayerContents();

  test('the report stays valid against the schema', () => {
    expect(validateReport(report)).toEqual([]);
  });

  test('summary and PR comment show the grown paths under the size gate', () => {
    for (const text of [
      renderSummary(report),
      renderCommentBody(report, { key: 'k', target: 'Dockerfile' }),
    ]) {
      const gate = text.indexOf('**`max-size-increase`**');
      const grew = text.indexOf('**What grew** at line 8');
      expect(gate).toBeGreaterThan(0);
      expect(grew).toBeGreaterThan(gate);
      expect(text.slice(grew)).toMatch(/`\/usr\/local\/lib\/python3\.12\/site-packages\/mypy\/` \+40 MB/);
    }
  });

  test('the summary lists the wasters with their lines; the HTML shows both', () => {
    const md = renderSummary(report);
    expect(md).toContain('**Waste:** 59 MB wasted (14.5 % of the image) · 87.5 % efficient');
    expect(md).toMatch(/\| 50 MB \| 4 \| \/opt\/d\.bin deleted by line 5 \|/);
    expect(md).toContain('apt package lists left: /var/lib/apt/lists');
    const html = renderHtml(report);
    expect(html).toContain('<h3>Waste</h3>');
    expect(html).toContain('<code>/usr/local/lib/python3.12/site-packages/mypy/</code> +40 MB');
  });

  test('with baseline-report there are no archives, and the summary says so', () => {
    const fromReport = withLayerContents();
    if (!fromReport.baseline) throw new Error('no baseline');
    delete fromReport.baseline.grownLayers[0]?.paths;
    fromReport.baseline.pathsNote = 'baseline-report holds no layer archives: layer-level deltas only';
    expect(validateReport(fromReport)).toEqual([]);
    expect(renderSummary(fromReport)).toContain(
      '_baseline-report holds no layer archives: layer-level deltas only_',
    );
  });
});
