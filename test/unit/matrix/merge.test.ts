// The merge's rules on small reports: the order (error, fail, pass, then each
// cell's own ratio, never its absolute seconds), the failure ids, the verdict,
// and the baseline's same cell (a merged baseline or a single run's report).
import { describe, expect, it } from 'vitest';
import { mergeReports } from '../../../src/matrix/merge.js';
import { cellId, coordinatesOf } from '../../../src/model/cells.js';
import type { E2eRun, Report, Verdict } from '../../../src/model/report.js';
import { exitCodeOf, finishReport, newReport } from '../../../src/model/report-building.js';

function run(
  image: string,
  verdict: Verdict,
  speedup: number | null,
  warm: number,
  failed: string[] = [],
): Report {
  const report = newReport('verify', new Date('2026-12-01T00:00:00Z'));
  const coordinates = { image, template: 'service', ref: 'v2' };
  report.cell = { id: cellId(coordinates), ...coordinates };
  report.failures = failed.map((gate) => ({ gate, message: `${gate} failed` }));
  if (verdict === 'error') report.error = { message: 'the engine stopped answering' };
  report.e2e = {
    setup: { coldSeconds: warm * 3, warmSeconds: { median: warm }, speedup },
    layouts: [],
    template: { source: 'templates/service', ref: 'v2', data: {} },
  } as unknown as Report['e2e'];
  return finishReport(report);
}

const merge = (reports: Report[], baseline?: Report) =>
  mergeReports(
    reports.map((report) => ({ report })),
    { command: 'merge', ...(baseline ? { baseline } : {}) },
  );

describe('mergeReports', () => {
  it("names the cache volumes a cell's proved-warm runs set up on, from its report's runs", () => {
    const report = run('node', 'pass', 3, 2);
    const e2e = report.e2e as NonNullable<Report['e2e']>;
    const one = { worker: 'A', layout: 'separate', phases: [] } as Pick<
      E2eRun,
      'worker' | 'layout' | 'phases'
    >;
    e2e.runs = [
      { ...one, index: 0, kind: 'cold', provedState: 'cold', cacheVolume: 'wg-r1-separate-cache' },
      {
        ...one,
        index: 1,
        worker: 'B',
        kind: 'warm',
        provedState: 'warm',
        cacheVolume: 'wg-r1-separate-cache',
      },
      { ...one, index: 2, worker: 'B', kind: 'warm', provedState: 'not-warm', cacheVolume: 'wg-r1-other' },
      {
        ...one,
        index: 3,
        worker: 'B',
        layout: 'shared',
        kind: 'warm',
        provedState: 'warm',
        cacheVolume: 'wg-r1-shared',
      },
    ];
    expect(merge([report]).cells?.[0]?.warmCacheVolumes).toEqual(['wg-r1-separate-cache', 'wg-r1-shared']);
    // A report recorded before runs named their volume has none to name.
    expect(merge([run('old', 'pass', 3, 2)]).cells?.[0]).not.toHaveProperty('warmCacheVolumes');
  });

  it('orders error, fail, pass; passes by speed-up, lowest first, whatever their seconds', () => {
    const merged = merge([
      run('fast', 'pass', 4, 1),
      run('broken', 'fail', 2, 5, ['max-image-size']),
      run('slow-but-gaining', 'pass', 3, 50),
      run('gone', 'error', null, 0),
    ]);
    expect(merged.cells?.map((c) => c.id)).toEqual([
      'gone+service@v2',
      'broken+service@v2',
      'slow-but-gaining+service@v2',
      'fast+service@v2',
    ]);
    expect(merged.failures.map((f) => f.gate)).toEqual(['broken+service@v2:max-image-size']);
    expect(merged.verdict).toBe('error');
    expect(exitCodeOf(merged)).toBe(2);
  });

  it('against a baseline: the largest fall of speed-up first, new and fixed failures named', () => {
    const baseline = merge([
      run('a', 'pass', 2, 1),
      run('b', 'pass', 2, 1),
      run('c', 'fail', 2, 1, ['max-image-size']),
    ]);
    const merged = merge(
      [run('a', 'pass', 3, 1), run('b', 'pass', 1, 1), run('c', 'pass', 2, 1), run('d', 'pass', 9, 1)],
      baseline,
    );
    expect(merged.cells?.map((c) => [c.id, c.baseline?.found])).toEqual([
      ['b+service@v2', true],
      ['c+service@v2', true],
      ['a+service@v2', true],
      ['d+service@v2', false],
    ]);
    expect(merged.cells?.[1]?.baseline?.fixedFailures).toEqual(['max-image-size']);
    expect(exitCodeOf(merged)).toBe(0);
  });

  it("a single run's report is a baseline of one cell; a report without a cell is placed by what it tested", () => {
    const single = newReport('verify');
    single.image = {
      ref: 'ghcr.io/acme/worker-base:1.4',
      id: 'sha256:1',
      sizeBytes: 1,
      user: 'agent',
      layers: [],
    };
    expect(coordinatesOf(single)).toEqual({
      id: 'worker-base-1.4+no-template',
      image: 'worker-base:1.4',
      template: 'no-template',
    });
    const merged = merge([run('a', 'fail', 2, 1, ['e2e:A:setup'])], run('a', 'pass', 2, 1));
    expect(merged.cells?.[0]?.baseline?.newFailures).toEqual(['e2e:A:setup']);
    expect(exitCodeOf(merged)).toBe(1);
  });
});
