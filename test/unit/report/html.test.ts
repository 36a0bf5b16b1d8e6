// Structure and safety of the HTML report; how it looks and loads is proved in
// Chromium (test/engine/html-chromium.test.ts).
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/model/report.js';
import { renderHtml } from '../../../src/report/html.js';
import { loadFixture, loadFixtures } from './fixtures.js';

describe('renderHtml', () => {
  it('is self-contained for every fixture: no script, no stylesheet link, nothing fetched', () => {
    for (const { name, report } of loadFixtures()) {
      const html = renderHtml(report);
      expect(html.startsWith('<!doctype html>'), name).toBe(true);
      expect(html, name).not.toMatch(/<script|<link|<iframe|<img|@import|url\(/i);
      // No attribute that makes a browser fetch (URLs in text, such as a layer's `wget`, are only text);
      // a link within the page (the matrix grid's cells) fetches nothing.
      expect(html, name).not.toMatch(/\s(?:src|srcset|xlink:href|action|poster|data|background)\s*=/i);
      expect(html, name).not.toMatch(/\shref\s*=\s*"(?!#)/i);
      expect(html).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
      );
    }
  });

  it('opens with the verdict and shows every failure with what to do', () => {
    const report = loadFixture('synthetic-contract-fail');
    const html = renderHtml(report);
    expect(html).toContain(
      '<title>worker-gate fail: registry.example.com/agents/worker-base-common:2025.05</title>',
    );
    expect(html).toContain('<span class="badge" data-verdict="fail">');
    expect(html).toContain('15 checks failed');
    const failures = html.slice(
      html.indexOf('<section id="failures"'),
      html.indexOf('</section>', html.indexOf('<section id="failures"')),
    );
    for (const f of report.failures) expect(failures).toContain(f.message);
    expect(failures.match(/class="todo"/g)).toHaveLength(4);
    expect(failures.indexOf('id="failures"')).toBeLessThan(html.indexOf('id="image"'));
  });

  it('has the sections a report of each kind needs, and no empty ones', () => {
    const ids = (r: Report) => [...renderHtml(r).matchAll(/<section id="([a-z]+)"/g)].map((m) => m[1]);
    // A pass: the checks, folded, come before the image.
    expect(ids(loadFixture('synthetic-pass'))).toEqual(['checks', 'image', 'timings', 'runs']);
    expect(renderHtml(loadFixture('synthetic-pass'))).toContain(
      '<h2 id="checks-title">Checks</h2>\n<details><summary class="tally">26 passed · 0 failed · 0 warned</summary>',
    );
    expect(ids(loadFixture('synthetic-contract-fail'))).toEqual(['failures', 'image', 'checks']);
    expect(ids(loadFixture('synthetic-e2e-fail'))).toEqual([
      'failures',
      'image',
      'checks',
      'timings',
      'runs',
    ]);
    expect(ids(loadFixture('synthetic-error'))).toEqual(['error', 'image', 'checks']);
    expect(ids(loadFixture('synthetic-error-early'))).toEqual(['error']);
  });

  it('shows the layouts side by side with the chart and the advice', () => {
    const html = renderHtml(loadFixture('synthetic-both'));
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="chart"');
    expect(html).toContain(
      '<th scope="row">separate</th><td><span class="mode copy-fallback">copy-fallback</span></td>',
    );
    expect(html).toContain('<th scope="row">shared</th><td><span class="mode hardlink">hardlink</span></td>');
    expect(html).toContain('Warm setup, separate ÷ shared: <strong>2.7×</strong>');
    expect(html).toContain(
      '<aside class="advice" aria-label="Advice"><strong>Advice</strong> In the separate layout',
    );
  });

  it('keeps the log tail of a failed phase, escaped and without colour codes', () => {
    const html = renderHtml(loadFixture('synthetic-e2e-fail'));
    expect(html).toContain('&lt;bound method Invoice.total of Invoice(lines=[...])&gt;()');
    expect(html).not.toContain('\u001b');
    expect(html).toContain('<td class="num failed"><strong>2.9 s</strong> <small>exit 2</small></td>');
  });

  it('escapes whatever the report carries', () => {
    const report: Report = structuredClone(loadFixture('synthetic-pass'));
    report.verdict = 'fail';
    report.failures = [{ gate: 'max-image-size', message: '<img src=x onerror="alert(1)"> & more' }];
    if (report.image) report.image.ref = 'evil"><script>alert(2)</script>';
    const html = renderHtml(report);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more');
  });
});
