import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/model/report.js';
import { mdProse } from '../../../src/report/markdown.js';
import { renderSummary, renderSummaryHead } from '../../../src/report/summary.js';
import { loadFixture, loadFixtures } from './fixtures.js';

/** The rows of the first Markdown table after a line that contains `marker`. */
function tableAfter(markdown: string, marker: string): string[][] {
  const lines = markdown.slice(markdown.indexOf(marker)).split('\n');
  const start = lines.findIndex((l) => l.startsWith('| '));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('| ')) break;
    rows.push(
      line
        .slice(2, -2)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

describe('renderSummary', () => {
  it('opens every fixture with its verdict and lists every failure before the details', () => {
    for (const { name, report } of loadFixtures()) {
      const md = renderSummary(report);
      expect(md.split('\n')[0], name).toMatch(new RegExp(`^## \\S+ worker-gate: ${report.verdict} — `));
      const detailsStart = md.search(/^### (Image|Checks|End to end)/m);
      for (const failure of report.failures) {
        // The first line as text; the output after it (a build's, a phase's) is a block of its own.
        const at = md.indexOf(mdProse(failure.message.split('\n')[0] ?? ''));
        expect(at, `${name}: ${failure.gate}`).toBeGreaterThan(0);
        if (detailsStart > 0) expect(at, `${name}: ${failure.gate}`).toBeLessThan(detailsStart);
      }
    }
  });

  it("puts a failure's output in a fenced block without terminal colours, the last 30 lines", () => {
    const report = loadFixture('synthetic-contract-fail');
    const output = Array.from({ length: 40 }, (_, i) => `\u001b[91mline ${i + 1} | *x*\u001b[0m`);
    report.failures = [{ gate: 'build', message: `the build failed at Dockerfile:5\n${output.join('\n')}` }];
    report.checks = [];
    const md = renderSummary(report);
    const item = md.slice(md.indexOf('1. **`build`**'), md.indexOf('**What to do:**'));
    expect(item).toBe(
      [
        '1. **`build`** — the build failed at Dockerfile:5 (the last 30 below)',
        '',
        '   ```text',
        ...output.slice(10).map((_, i) => `   line ${i + 11} | *x*`),
        '   ```',
        '',
        '   ',
      ].join('\n'),
    );
    expect(md).not.toContain('\u001b');
  });

  it('on a pass the checks fold into one line under the headline; on a fail the table stays open', () => {
    const pass = renderSummary(loadFixture('synthetic-pass'));
    const checks = pass.indexOf('### Checks');
    expect(checks).toBeGreaterThan(0);
    expect(checks).toBeLessThan(pass.indexOf('### Image'));
    expect(pass.slice(checks)).toMatch(
      /^### Checks\n\n<details><summary>✅ 26 passed<\/summary>\n\n\| {2}\| Check/,
    );
    const fail = renderSummary(loadFixture('synthetic-contract-fail'));
    expect(fail.indexOf('### Checks')).toBeGreaterThan(fail.indexOf('### Image'));
    expect(fail.slice(fail.indexOf('### Checks'))).not.toMatch(/^[^#]*<details>/);
  });

  it('says what to do for every group of failed gates', () => {
    const md = renderSummary(loadFixture('synthetic-contract-fail'));
    const head = md.slice(0, md.indexOf('### Image'));
    // forbid-command, forbid-package, max-image-size, max-size-increase
    expect(head.match(/\*\*What to do:\*\*/g)).toHaveLength(4);
    expect(head).toContain('**`forbid-command`** · 6 failed');
    expect(head).toContain('Remove `ruff`, `pytest`, `mypy`, `xenon`, `copier` and `py.test` from the image');
    // The shared place is named once, with the instruction behind it.
    expect(head).toContain(
      '📍 `images/worker-base-common/Dockerfile` line 13: `RUN pip install --no-cache-dir ruff==0.8.4',
    );
  });

  it('shows the image: size, baseline and delta, and the five largest layers, biggest first', () => {
    const md = renderSummary(loadFixture('synthetic-contract-fail'));
    expect(md).toContain('| Size | **338.4 MB** (338,426,546 bytes) |');
    expect(md).toContain('| Change | **+90.7 MB** (+36.6 %) |');
    const layers = tableAfter(md, '**5 largest layers**');
    expect(layers).toHaveLength(5);
    expect(layers.map((r) => r[0])).toEqual(['90.7 MB', '83.6 MB', '74.8 MB', '44.6 MB', '41.2 MB']);
    expect(layers[0]?.[1]).toBe('13');
    expect(layers[0]?.[2]).toMatch(/^`RUN pip install --no-cache-dir ruff==0\.8\.4/);
    const grown = tableAfter(md, 'Layers that grew');
    expect(grown).toEqual([['+90.7 MB', '13', expect.stringMatching(/^`RUN pip install/)]]);
  });

  it('shows no baseline rows without a baseline', () => {
    const md = renderSummary(loadFixture('synthetic-e2e-fail'));
    expect(md).not.toContain('| Baseline |');
    expect(md).not.toContain('Change vs baseline');
  });

  it('lists the checks, failed first, with what each found and where', () => {
    const md = renderSummary(loadFixture('synthetic-contract-fail'));
    const rows = tableAfter(md, '### Checks');
    expect(rows[0]?.[0]).toBe('❌');
    expect(rows.findIndex((r) => r[0] === '✅')).toBeGreaterThan(rows.findLastIndex((r) => r[0] === '❌'));
    const pyyaml = rows.find((r) => r[1] === '`forbid-package:pyyaml`');
    expect(pyyaml?.[2]).toContain('required by `copier`, `worker-agent`');
    expect(pyyaml?.[2]).toContain('allowed: the worker-agent wrapper reads its YAML config');
    const pinned = rows.find((r) => r[1] === '`pinned-images`');
    expect(pinned?.[0]).toBe('⚠️');
    expect(pinned?.[2]).toContain('line 3');
  });

  it('tables every run: phases × worker × seconds, with the proved state and link mode of each setup', () => {
    const md = renderSummary(loadFixture('synthetic-both'));
    const runs = tableAfter(md, '### End to end');
    expect(runs).toHaveLength(8);
    expect(runs[0]).toEqual([
      '0',
      'A · cold',
      'separate',
      '7.8 s',
      '10.6 s',
      '1.4 s',
      '3.1 s',
      '0.4 s',
      '—',
      '✅ cold',
      'copy-fallback',
      '56',
    ]);
    expect(runs[7]).toEqual([
      '7',
      'B · warm',
      'shared',
      '0.3 s',
      '2.9 s',
      '1.4 s',
      '2.9 s',
      '0.3 s',
      '1.8 s',
      '✅ warm',
      'hardlink',
      '0',
    ]);
    const layouts = tableAfter(md, 'per cache layout');
    expect(layouts.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      [
        'separate',
        'copy-fallback',
        '10.6 s',
        '**6.9 s** (6.6 s–7.3 s, n = 3, mean 7.0 s ± 0.4 s, 95 % interval 6.6 s … 7.3 s)',
      ],
      [
        'shared',
        'hardlink',
        '9.8 s',
        '**2.6 s** (2.4 s–2.9 s, n = 3, mean 2.6 s ± 0.2 s, 95 % interval 2.4 s … 2.9 s)',
      ],
    ]);
    expect(md).toContain('Warm setup, separate ÷ shared: **2.7×** (95 % interval 2.3× … 3.0×)');
    expect(md).toContain('- **outlier**: a run whose modified Z-score');
    expect(md).toContain('- **floor**: `make setup` again in the same worker with the venvs present');
    expect(md).toContain('- **separate ÷ shared**: the warm median with the uv cache on a mount of its own');
  });

  it('several cold runs: the cold median with its spread, as the warm one; one cold run stays a bare figure', () => {
    const report = loadFixture('synthetic-both');
    const separate = report.e2e?.layouts[0];
    if (!separate) throw new Error('synthetic-both has layouts');
    separate.coldSetupSeconds = 10.6;
    separate.coldSetup = {
      n: 2,
      median: 10.6,
      min: 10.2,
      max: 11,
      mean: 10.6,
      sd: 0.566,
      outliers: [],
      runs: [10.2, 11],
    };
    const layouts = tableAfter(renderSummary(report), 'per cache layout');
    expect(layouts.map((r) => r[2])).toEqual(['10.6 s (10.2 s–11.0 s, n = 2, mean 10.6 s ± 0.6 s)', '9.8 s']);
  });

  it("shows worker-gate's own time as one line, as the run logged it", () => {
    const report = loadFixture('synthetic-both');
    if (!report.e2e) throw new Error('synthetic-both has an e2e');
    report.e2e.overhead = {
      wallSeconds: 62,
      phaseSeconds: 58.9,
      ownSeconds: 3.1,
      ownPercent: 5,
      stages: [{ stage: 'workers', seconds: 3.1 }],
    };
    expect(renderSummary(report)).toContain(
      "\nworker-gate's own time: 3.1 s of 1 min 2 s (5 %): workers 3.1 s\n",
    );
  });

  it('draws cold vs warm per layout as a Mermaid bar chart', () => {
    const md = renderSummary(loadFixture('synthetic-both'));
    const chart = /```mermaid\n([\s\S]*?)\n```/.exec(md)?.[1] ?? '';
    expect(chart).toContain('xychart-beta');
    expect(chart).toContain('x-axis ["separate cold", "separate warm", "shared cold", "shared warm"]');
    expect(chart).toContain('bar [10.6, 6.9, 9.8, 2.6]');
  });

  it('gives the advice in the first part, the one a pull-request comment shows', () => {
    const report = loadFixture('synthetic-both');
    const head = renderSummaryHead(report);
    expect(head).toContain('> 💡 In the separate layout uv cannot hard-link');
    expect(head).not.toContain('### Image');
    expect(renderSummary(report).startsWith(head)).toBe(true);
  });

  it('collapses the log tail of each failed phase, colour codes removed', () => {
    const md = renderSummary(loadFixture('synthetic-e2e-fail'));
    const details = /<details><summary>(.*?)<\/summary>\n\n(```+)text\n([\s\S]*?)\n\2\n\n<\/details>/.exec(
      md,
    );
    expect(details?.[1]).toBe('worker A (cold, separate) · test · exit 2 — last lines');
    expect(details?.[3]).toContain('FAILED tests/test_invoice.py::test_invoice_total_rounds');
    expect(details?.[3]).toContain('<bound method Invoice.total');
    expect(details?.[3]).not.toContain('\u001b');
    expect(md).toContain('| ❌ 2.9 s (exit 2) |');
  });

  it('explains an error: the cause, its detail and what to do', () => {
    const report = loadFixture('synthetic-error');
    const md = renderSummary(report);
    expect(md).toContain(
      `**Cause:** the Docker engine stopped answering during the e2e stage (worker A, phase setup)`,
    );
    expect(md).toContain('connect ENOENT /var/run/docker.sock');
    expect(md).toContain('This is not a verdict on the image');
    // What did run is still shown.
    expect(md).toContain('### Checks');
  });

  it('renders an error before any stage ran without empty sections', () => {
    const md = renderSummary(loadFixture('synthetic-error-early'));
    expect(md).not.toMatch(/### (Image|Checks|End to end)/);
    expect(md).not.toContain('| --- |\n\n');
  });

  it('keeps hostile text from breaking tables or turning into markup', () => {
    const report: Report = structuredClone(loadFixture('synthetic-pass'));
    report.verdict = 'fail';
    report.failures = [
      { gate: 'require:uv', message: 'wants uv>=0.9,<1 | got <script>alert(1)</script> `x`' },
    ];
    const check = report.checks.find((c) => c.id === 'require:uv');
    if (check) {
      check.status = 'fail';
      check.detail = report.failures[0]?.message ?? '';
    }
    const md = renderSummary(report);
    expect(md).not.toContain('<script>');
    expect(md).toContain('wants uv\\>=0.9,\\<1 \\| got \\<script\\>alert(1)\\</script\\> \\`x\\`');
    const row = tableAfter(md, '### Checks').find((r) => r[1] === '`require:uv`');
    expect(row).toHaveLength(3);
  });

  it('fences a log that itself contains a Markdown fence', () => {
    const report: Report = structuredClone(loadFixture('synthetic-e2e-fail'));
    const phase = report.e2e?.runs[0]?.phases.find((p) => p.name === 'test');
    if (phase) phase.logTail = 'before\n```\n</details>\nafter';
    const md = renderSummary(report);
    expect(md).toContain('````text\nbefore\n```\n</details>\nafter\n````');
  });
});
