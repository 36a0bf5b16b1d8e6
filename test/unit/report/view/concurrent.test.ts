import { describe, expect, test } from 'vitest';
import type { E2eReport } from '../../../../src/model/report.js';
import { validateReport } from '../../../../src/model/report-schema.js';
import { renderHtml } from '../../../../src/report/html.js';
import { renderSummary } from '../../../../src/report/summary.js';
import { concurrentRows, e2eSettings, lockRows } from '../../../../src/report/view/concurrent.js';
import { loadFixture } from '../fixtures.js';

const report = loadFixture('synthetic-concurrent');
const e2e = report.e2e as E2eReport;

describe('concurrent workers in the summary and the HTML', () => {
  test('one row per batch: concurrent median beside the lone warm median, the ratio, the offline proof', () => {
    expect(concurrentRows(e2e)).toEqual([
      [
        'separate',
        '3 (1 on the baseline image)',
        '9.1 s (8.4 s–10.0 s)',
        '6.9 s',
        '1.3×',
        '0',
        'passed, 0 downloads',
      ],
    ]);
  });

  test('every lock wait: the entry, how many workers waited, the longest wait', () => {
    expect(lockRows(e2e)).toEqual([
      ['separate', 'sdists-v9/editable/5f1e0c/framework', '2 of 3', '2.5 s'],
      ['separate', 'builds-v0', '1 of 3', '0.3 s'],
    ]);
  });

  test('how the run was set up: the scaffold cache and the changed variables', () => {
    expect(e2eSettings(e2e)).toEqual([
      'scaffolded on a uv cache of its own',
      'env set: WORKER_GATE_AGENT',
      'env unset: PYTHONPATH, UV_CACHE_DIR',
    ]);
  });

  test('a failed offline proof and no batches', () => {
    const failed: E2eReport = structuredClone(e2e);
    const batch = failed.concurrent?.[0];
    if (!batch?.offline) throw new Error('fixture has no offline proof');
    batch.offline.passed = false;
    batch.offline.phases[1] = { name: 'setup', seconds: 1, exitCode: 2, timedOut: false };
    expect(concurrentRows(failed)[0]?.[6]).toBe('failed (setup)');
    expect(concurrentRows({ ...e2e, concurrent: [] })).toEqual([]);
  });

  test('both renderers show them', () => {
    const summary = renderSummary(report);
    expect(summary).toContain('Concurrent workers');
    expect(summary).toContain('| separate | 3 (1 on the baseline image) | 9.1 s (8.4 s–10.0 s) | 6.9 s |');
    expect(summary).toContain('sdists-v9/editable/5f1e0c/framework');
    const html = renderHtml(report);
    expect(html).toContain('<table class="concurrent">');
    expect(html).toContain('<td>sdists-v9/editable/5f1e0c/framework</td>');
  });
});

describe('the schema of e2e.concurrent', () => {
  test('the fixture validates; a batch out of bounds, or a run without its phases, does not', () => {
    expect(validateReport(report)).toEqual([]);
    const tooMany = structuredClone(report);
    const batch = tooMany.e2e?.concurrent?.[0];
    if (!batch) throw new Error('fixture has no batch');
    batch.workers = 17;
    expect(validateReport(tooMany).join('\n')).toMatch(/concurrent\/0\/workers/);
    const noPhases = structuredClone(report) as unknown as {
      e2e: { concurrent: { runs: Record<string, unknown>[] }[] };
    };
    delete noPhases.e2e.concurrent[0]?.runs[0]?.phases;
    expect(validateReport(noPhases as unknown as typeof report).join('\n')).toMatch(/phases/);
  });
});
