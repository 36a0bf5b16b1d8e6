// The reports of two real runs (test/fixtures/reports/e2e-*.json): they match
// the schema, and the pure summaries and gates give the same figures again
// from their recorded runs.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { provedState } from '../../../../src/e2e/evidence/cache-state.js';
import { TIMING } from '../../../../src/judge/timing.js';
import { e2eFigures, summarizeLayout } from '../../../../src/model/figures/layout-figures.js';
import { provedWarmRuns } from '../../../../src/model/figures/proved-runs.js';
import type { Report } from '../../../../src/model/report.js';
import { validateReport } from '../../../../src/model/report-schema.js';
import { checkOf, facts, verdicts } from '../../judge/e2e-measured.js';

const load = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../fixtures/reports/${name}.json`, import.meta.url), 'utf8'),
  ) as Report;

describe('a real `both` run with three warm runs per layout', () => {
  const report = load('e2e-both');
  const e2e = report.e2e;
  if (!e2e) throw new Error('the fixture has no e2e section');

  test('validates against the schema', () => {
    expect(validateReport(report)).toEqual([]);
  });

  test('its layout figures, headline, ratio and advice are what the summaries compute from its runs', () => {
    const layouts = e2e.layouts.map((l) =>
      summarizeLayout(l.layout, e2e, {
        cacheBytesAfterScaffold: l.cacheBytesAfterScaffold,
        cacheBytesAfterCold: l.cacheBytesAfterCold,
        floorSeconds: l.floorSeconds,
      }),
    );
    // Recorded before issue 25: its figures are a part of what the summaries compute now.
    expect(layouts).toMatchObject(e2e.layouts);
    const figures = e2eFigures(layouts);
    expect(figures.setup).toMatchObject(e2e.setup ?? {});
    expect(figures.headlineLayout).toBe(e2e.headlineLayout);
    expect(figures.layoutRatio).toBe(e2e.layoutRatio);
    // Its advice was written with the figures to the millisecond; now they read as the View shows them.
    expect(figures.advice).toBe(
      e2e.advice?.replace(
        '(warm setup 5.502 s against 4.081 s, 1.35×)',
        '(warm setup 5.5 s against 4.1 s, 1.4×)',
      ),
    );
  });

  test("each run's proved state follows from its downloads; the proved runs and the shared cache are what the code finds", () => {
    for (const r of e2e.runs) expect(provedState(r.kind, r.downloads, true)).toBe(r.provedState);
    expect(provedWarmRuns(e2e.runs, 'separate').map((r) => r.index)).toEqual([1, 2, 3]);
    expect(provedWarmRuns(e2e.runs, 'shared').map((r) => r.index)).toEqual([5, 6, 7]);
    expect(e2e.headlineLayout).toBe('separate');
    expect(checkOf('cache-shared', e2e, facts())).toEqual({
      id: 'cache-shared',
      status: 'pass',
      detail: '6 of 6 warm runs downloaded nothing: the uv cache is shared between workers',
    });
    expect(checkOf('cache-evidence', e2e, facts())).toEqual(
      report.checks.find((c) => c.id === 'cache-evidence'),
    );
  });

  // Recorded without intervals: each gate judges the figure alone, widened by ±10 % timing noise.
  test('the gates pass, warn and fail on its medians', () => {
    const median = e2e.setup?.warmSeconds?.median ?? 0;
    const speedup = e2e.setup?.speedup ?? 0;
    const ratio = e2e.layoutRatio ?? 0;
    const timing = (config: Parameters<typeof verdicts>[2]) =>
      verdicts(e2e, facts(), config).checks.filter((c) => TIMING.checks.some((t) => t.id === c.id));
    const status = (config: Parameters<typeof verdicts>[2]) => timing(config).map((c) => c.status);
    expect(
      status({
        maxWarmSetupSeconds: median * 1.2,
        minSetupSpeedup: speedup * 0.8,
        maxLayoutRatio: ratio * 1.2,
      }),
    ).toEqual(['pass', 'pass', 'pass']);
    expect(status({ maxWarmSetupSeconds: median, minSetupSpeedup: speedup, maxLayoutRatio: ratio })).toEqual([
      'warn',
      'warn',
      'warn',
    ]);
    const failing = timing({
      maxWarmSetupSeconds: median * 0.8,
      minSetupSpeedup: speedup * 1.2,
      maxLayoutRatio: ratio * 0.8,
    });
    expect(failing.map((c) => c.status)).toEqual(['fail', 'fail', 'fail']);
    expect(failing[0]?.detail).toContain(`warm setup median ${median} s (separate layout, runs 1, 2, 3:`);
  });
});

describe('a real run whose test target failed', () => {
  const report = load('e2e-fail');

  test("validates, fails on worker A's test phase, and shows the failing test", () => {
    expect(validateReport(report)).toEqual([]);
    expect(report.verdict).toBe('fail');
    expect(report.failures.map((f) => f.gate)).toEqual(['e2e:A:test']);
    expect(report.failures[0]?.message).toContain(
      'FAILED tests/test_worker_gate_fails.py::test_deliberately_broken',
    );
    expect(report.e2e?.runs).toHaveLength(1);
  });
});
