// The HTML report in a real browser: Debian's Chromium (scripts/ensure-chromium.sh)
// driven by playwright-core. Every fixture report loads from file:// with no
// console error and no request beyond the page itself, shows its verdict and
// each failure, fits a phone's width, and leaves a screenshot in test-results/.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { renderHtml } from '../../src/report/html.js';
import { loadFixtures } from '../unit/report/fixtures.js';

const CHROMIUM = process.env.WG_CHROMIUM ?? '/usr/bin/chromium';
const OUT_DIR = path.resolve('test-results', 'html-report');
// Without the background-networking flags Chromium keeps dialling Google's hosts,
// which this machine's closed network refuses (environment notes, "Known to work").
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const VERDICT_TEXT = { pass: 'Pass', fail: 'Fail', error: 'Error' } as const;

let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: run scripts/ensure-chromium.sh (or set WG_CHROMIUM)`);
  }
  mkdirSync(OUT_DIR, { recursive: true });
  profile = mkdtempSync(path.join(tmpdir(), 'wg-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

interface Visit {
  page: Page;
  consoleErrors: string[];
  failedRequests: string[];
  requests: string[];
}

async function visit(file: string, width: number): Promise<Visit> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const visit: Visit = { page, consoleErrors: [], failedRequests: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') visit.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => visit.consoleErrors.push(e.message));
  page.on('requestfailed', (r) => visit.failedRequests.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('request', (r) => visit.requests.push(r.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return visit;
}

function writePage(name: string, report: Report): string {
  const file = path.join(OUT_DIR, `${name.replace(/\.json$/, '')}.html`);
  writeFileSync(file, renderHtml(report));
  return file;
}

describe('the HTML report in headless Chromium', () => {
  const fixtures = loadFixtures();

  it('has fixtures to render', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
  });

  for (const { name, report } of fixtures) {
    it(`${name}: loads cleanly, shows the verdict and every failure, keeps a screenshot`, async () => {
      const file = writePage(name, report);
      const { page, consoleErrors, failedRequests, requests } = await visit(file, 1280);
      try {
        expect(consoleErrors).toEqual([]);
        expect(failedRequests).toEqual([]);
        // Self-contained: the only request is the page itself.
        expect(requests).toEqual([pathToFileURL(file).href]);

        await expect(page.locator('header .badge').textContent()).resolves.toContain(
          VERDICT_TEXT[report.verdict],
        );
        await expect(page.title()).resolves.toContain(report.verdict);
        if (report.cells) {
          // A merged report: each cell lists its own failures and error, by the cell.
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
          const shown = await page.locator('#cells').innerText();
          for (const cell of report.cells) {
            expect(shown).toContain(cell.id);
            for (const failure of cell.failures) expect(shown).toContain(failure.message.split('\n')[0]);
            if (cell.error) expect(shown).toContain(cell.error.message);
          }
        } else if (report.hosts) {
          // An audit of several hosts: the fleet table names each host, and every failure is told
          // on the page (a host's under its own audit, the rules across hosts under the table).
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
          const table = await page.locator('#hosts').innerText();
          for (const host of report.hosts) expect(table).toContain(host.host);
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
          const shown = await page.locator('body').innerText();
          for (const failure of report.failures) expect(shown).toContain(failure.message.split('\n')[0]);
        } else if (report.failures.length > 0) {
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
          const shown = await page.locator('#failures').innerText();
          // Each failure's headline line is shown; a log tail below it sits in a <pre>, whitespace kept.
          for (const failure of report.failures) expect(shown).toContain(failure.message.split('\n')[0]);
        } else {
          expect(await page.locator('#failures').count()).toBe(0);
        }
        if (report.verdict === 'error' && !report.cells) {
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
          await expect(page.locator('#error').innerText()).resolves.toContain(report.error?.message ?? '');
        }
        if (report.e2e?.layouts.some((l) => l.coldSetupSeconds !== null || l.warmSetupSeconds !== null)) {
          const chart = page.getByRole('img', { name: /make setup seconds per cache layout/ });
          await expect(chart.count()).resolves.toBe(1);
          const box = await chart.boundingBox();
          expect(box?.width ?? 0).toBeGreaterThan(300);
        }
        await page.screenshot({ path: file.replace(/\.html$/, '.png'), fullPage: true });
      } finally {
        await page.close();
      }
    });

    if (report.cells)
      it(`${name}: the grid is coloured by verdict, and a click on a cell shows its details`, async () => {
        const file = writePage(name, report);
        const { page } = await visit(file, 1280);
        try {
          const grid = page.locator('table.matrix td.cell a');
          await expect(grid.count()).resolves.toBe(report.cells?.length);
          // Strings, not functions: the project's TypeScript has no DOM types.
          const colour = (verdict: string) =>
            page.evaluate<string>(
              `getComputedStyle(document.querySelector('table.matrix td.cell.${verdict}')).backgroundColor`,
            );
          const verdicts = [...new Set(report.cells?.map((c) => c.verdict))];
          const colours = await Promise.all(verdicts.map(colour));
          expect(new Set(colours).size).toBe(verdicts.length);
          // The first cell of the report (the worst), found in the grid by its id.
          const first = report.cells?.[0];
          const link = page.locator(`table.matrix a[title^="${first?.id}:"]`);
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
          expect(await link.innerText()).toMatch(
            first?.verdict === 'error' ? /^! / : first?.verdict === 'fail' ? /^✕ / : /^✓ /,
          );
          await link.click();
          const hash = await page.evaluate<string>('location.hash');
          const detail = page.locator(hash);
          // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees
          await expect(detail.innerText()).resolves.toContain(
            first?.error?.message ?? first?.failures[0]?.message.split('\n')[0] ?? first?.id ?? '',
          );
          await expect(detail.isVisible()).resolves.toBe(true);
          const inView = await page.evaluate<boolean>(
            `(() => { const r = document.querySelector(${JSON.stringify(hash)}).getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; })()`,
          );
          expect(inView).toBe(true);
          await page.screenshot({ path: file.replace(/\.html$/, '.clicked.png') });
        } finally {
          await page.close();
        }
      });

    it(`${name}: the profile chart's labels and legend fit, none clipped, none overlapping (1280 px)`, async () => {
      const file = writePage(name, report);
      const { page } = await visit(file, 1280);
      try {
        // Every label and legend entry as the browser laid it out, in the chart's own units.
        const laidOut = await page.evaluate<{ outside: string[]; overlaps: string[] } | null>(`(() => {
          const svg = document.querySelector('svg.profile-chart');
          if (!svg) return null;
          const view = svg.viewBox.baseVal;
          const swatches = [...svg.querySelectorAll('rect')].filter(
            (r) => r.getAttribute('width') === '10' && r.getAttribute('height') === '10',
          );
          const boxes = [...svg.querySelectorAll('text'), ...swatches].map((el) => {
            const b = el.getBBox();
            return { what: el.textContent || 'a legend swatch', x: b.x, y: b.y, w: b.width, h: b.height };
          });
          const outside = boxes
            .filter((b) => b.x < 0 || b.x + b.w > view.width || b.y < 0 || b.y + b.h > view.height)
            .map((b) => b.what);
          const overlaps = [];
          for (let i = 0; i < boxes.length; i += 1)
            for (let j = i + 1; j < boxes.length; j += 1) {
              const a = boxes[i];
              const c = boxes[j];
              if (a.x < c.x + c.w && c.x < a.x + a.w && a.y < c.y + c.h && c.y < a.y + a.h)
                overlaps.push(a.what + ' / ' + c.what);
            }
          return { outside, overlaps };
        })()`);
        if (laidOut === null) return;
        await page.locator('svg.profile-chart').screenshot({ path: file.replace(/\.html$/, '.profile.png') });
        expect(laidOut).toEqual({ outside: [], overlaps: [] });
      } finally {
        await page.close();
      }
    });

    it(`${name}: fits a phone's width without scrolling the page sideways`, async () => {
      const file = writePage(name, report);
      const { page } = await visit(file, 390);
      try {
        // Wide tables scroll inside their own box; the page itself must not.
        // A string, not a function: the project's TypeScript has no DOM types.
        const overflow = await page.evaluate<number>(
          'document.documentElement.scrollWidth - window.innerWidth',
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: file.replace(/\.html$/, '.narrow.png'), fullPage: true });
      } finally {
        await page.close();
      }
    });
  }
});
