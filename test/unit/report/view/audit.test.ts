// The audit's report (recorded from a real run of the engine test's fleet) in
// every renderer: one row per worker, each failed check once, with what to do.
import { XMLParser } from 'fast-xml-parser';
import { expect, test } from 'vitest';
import { renderHtml } from '../../../../src/report/html.js';
import { renderJunit } from '../../../../src/report/junit.js';
import { remedyFor } from '../../../../src/report/remedies.js';
import { renderSummary } from '../../../../src/report/summary.js';
import { buildView } from '../../../../src/report/view/index.js';
import { loadFixture } from '../fixtures.js';

const report = loadFixture('audit-fleet');

test('the summary has the audit table, a row per worker, and the notes of non-passing checks', () => {
  const md = renderSummary(report);
  expect(md).toContain('### Workers audited');
  expect(md).toContain('7 workers on `unix:///var/run/docker.sock`: 5 failing, 2 with warnings only');
  for (const c of report.audit?.containers ?? []) expect(md).toContain(`| \`${c.name}\` |`);
  expect(md).toContain('- ⚠️ `uv-cache-dir` — UV\\_CACHE\\_DIR is unset');
  expect(md).toContain('two mounts cost 1.35× on a warm setup');
});

test('failures of one check across workers share one remedy naming them', () => {
  expect(remedyFor('cache-volume-shared:fleet-drift-anon', 'cache-volume-shared:fleet-drift-volume')).toBe(
    'Mount the one volume the other workers share at the uv cache folder of `fleet-drift-anon` and `fleet-drift-volume`: a cache of their own is never warm.',
  );
  expect(renderSummary(report)).toContain('**`cache-volume-shared`** · 2 failed');
});

test('JUnit: a test case per worker and check, failures only for failed checks, no duplicate gates suite', () => {
  const xml = new XMLParser({ ignoreAttributes: false }).parse(renderJunit(report));
  const suites = [xml.testsuites.testsuite].flat() as {
    '@_name': string;
    '@_failures': string;
    testcase: { failure?: unknown }[];
  }[];
  const audit = suites.find((s) => s['@_name'] === 'worker-gate.audit');
  expect(audit?.testcase).toHaveLength(
    (report.audit?.containers ?? []).reduce((n, c) => n + c.checks.length, 0),
  );
  expect(audit?.testcase.filter((c) => c.failure).length).toBe(report.failures.length);
  expect(suites.map((s) => s['@_name'])).not.toContain('worker-gate.gates');
  expect(buildView(report).unshownFailures).toEqual([]);
});

test('HTML: the audit section with each worker and a status per check', () => {
  const html = renderHtml(report);
  expect(html).toContain('<h2 id="audit-title">Workers audited</h2>');
  expect(html.match(/<tr><th scope="row"[^>]*><code>fleet-/g)).toHaveLength(7);
  expect(html).toContain('<span class="status fail" title="no pids limit');
});

test('scaffolders are counted apart from the workers and shown in a table of their own', () => {
  const recorded = loadFixture('recorded-audit-scaffolder');
  const view = buildView(recorded).audit;
  expect(view?.workers.map((w) => w.name)).toEqual(['wg-rec-worker-1', 'wg-rec-worker-2']);
  expect(view?.columns).not.toContain('scaffolder-cache-volume');
  expect(view?.scaffolders?.columns).toEqual(['scaffolder-cache-volume']);
  expect(view?.scaffolders?.rows.map((s) => [s.name, s.noted.map((k) => k.status)])).toEqual([
    ['wg-rec-scaffolder-1', ['warn']],
  ]);
  const md = renderSummary(recorded);
  expect(md).toContain('2 workers on `unix:///var/run/docker.sock`: 0 failing, 2 with warnings only');
  expect(md).toContain(
    '1 scaffolder beside them (1 with warnings), scaffolder filters `label=wg-rec.role=scaffolder`',
  );
  expect(md).toContain('| `wg-rec-scaffolder-1` | `worker-gate-standin/python:3.12-slim` | ⚠️ |');
  expect(renderJunit(recorded)).toContain('classname="worker-gate.audit.scaffolder.wg-rec-scaffolder-1"');
  expect(renderHtml(recorded)).toContain('<h3 id="audit-scaffolders">Scaffolders</h3>');
  // No scaffolder, no scaffolders table.
  expect(buildView(report).audit?.scaffolders).toBeUndefined();
});

test('the grid: failing workers first, then those with warnings; failing checks first, then warned ones', () => {
  const audit = buildView(loadFixture('recorded-audit-expect-image')).audit;
  expect(audit?.workers.map((w) => w.name)).toEqual(['wg-e2-worker-2', 'wg-e2-worker-3', 'wg-e2-worker-1']);
  expect(audit?.columns.slice(0, 3)).toEqual(['memory-limit', 'expected-image', 'cache-mounts']);
  const status = (w: { cells: ({ status: string } | undefined)[] }) => w.cells.map((c) => c?.status ?? '-');
  // Every failing cell sits left of every passing-only column.
  for (const w of audit?.workers ?? []) expect(status(w).slice(3)).not.toContain('fail');
});

test('a warning on several workers is told once, with how many and which; their notes leave it out', () => {
  const audit = buildView(report).audit;
  expect(audit?.folded).toEqual([
    expect.objectContaining({
      id: 'cache-mounts',
      workers: expect.arrayContaining(['fleet-good-env']),
      same: false,
    }),
  ]);
  expect(audit?.folded[0]?.workers).toHaveLength(7);
  for (const w of audit?.workers ?? []) expect(w.noted.map((k) => k.id)).not.toContain('cache-mounts');
  const md = renderSummary(report);
  expect(md.match(/`cache-mounts`/g)).toHaveLength(2); // its column and its one line
  expect(md).toMatch(
    /\n- ⚠️ `cache-mounts` on 7 workers \(fleet-drift-anon, .*\) — on fleet-drift-anon: the cache/,
  );
  expect(renderHtml(report)).toContain('<h3>Warnings on several workers</h3>');
});
