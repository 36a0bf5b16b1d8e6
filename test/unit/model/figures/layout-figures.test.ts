import { describe, expect, test } from 'vitest';
import {
  e2eFigures,
  headlineSetup,
  layoutAdvice,
  layoutLinkMode,
  layoutRatio,
  summarizeLayout,
} from '../../../../src/model/figures/layout-figures.js';
import { bothRuns, run } from './runs.js';

const extras = { cacheBytesAfterScaffold: 34_919_943, cacheBytesAfterCold: 124_405_124, floorSeconds: 2.5 };

describe('layout figures', () => {
  test('cold setup, warm median/min/max of the proved warm runs, speedup and the floor', () => {
    const separate = summarizeLayout('separate', { runs: bothRuns() }, extras);
    expect(separate).toEqual({
      layout: 'separate',
      linkMode: 'copy-fallback',
      coldSetupSeconds: 8.6,
      coldSetup: { n: 1, median: 8.6, min: 8.6, max: 8.6, mean: 8.6, outliers: [], runs: [8.6] },
      // mean 24 / 3 = 8; sd √((0.16 + 0.25 + 0.01) / 2) = 0.458; MAD 0.3, no outlier.
      warmSetupSeconds: {
        n: 3,
        median: 7.9,
        min: 7.6,
        max: 8.5,
        mean: 8,
        sd: 0.458,
        outliers: [],
        interval: { low: 7.6, high: 8.5 },
        runs: [7.6, 8.5, 7.9],
      },
      speedup: 1.09,
      cacheBytesAfterScaffold: 34_919_943,
      cacheBytesAfterCold: 124_405_124,
      floorSeconds: 2.5,
      floorRatio: 3.16,
    });
  });

  test('several cold runs: their figures like the warm ones, the speed-up of the medians, its interval from every run', () => {
    const runs = [
      run(0, 'separate', 'cold', 8.6, 'cold', 'copy-fallback'),
      run(1, 'separate', 'warm', 7.6, 'warm', 'copy-fallback'),
      run(2, 'separate', 'cold', 8.7, 'cold', 'copy-fallback'),
      run(3, 'separate', 'warm', 8.5, 'warm', 'copy-fallback'),
      run(4, 'separate', 'cold', 14, 'cold', 'copy-fallback'),
      run(5, 'separate', 'warm', 7.9, 'warm', 'copy-fallback'),
    ];
    const result = summarizeLayout('separate', { runs }, extras);
    // median 8.7; mean 31.3 / 3 = 10.433; sd √((3.361 + 3.004 + 12.721) / 2) = 3.089;
    // MAD median(0.1, 0, 5.3) = 0.1, so 14 scores 0.6745 × 5.3 / 0.1 = 35.7 > 3.5: an outlier.
    expect(result.coldSetupSeconds).toBe(8.7);
    expect(result.coldSetup).toMatchObject({
      n: 3,
      median: 8.7,
      min: 8.6,
      max: 14,
      mean: 10.433,
      sd: 3.089,
      outliers: [14],
      runs: [8.6, 8.7, 14],
    });
    // 8.7 / 7.9
    expect(result.speedup).toBe(1.1);
    const interval = result.speedupInterval;
    expect(interval).toBeDefined();
    // Resampling the colds reaches their largest run: the interval sees all three (14 / 7.6 = 1.84).
    expect(interval?.high).toBeGreaterThan(1.5);
    expect(interval?.low).toBeLessThanOrEqual(1.1);
  });

  test('a not-warm run is left out of the median; a not-cold cold run gives no cold figure and no speedup', () => {
    const runs = [
      run(0, 'separate', 'cold', 8.6, 'not-cold', 'copy-fallback', 0),
      run(1, 'separate', 'warm', 2.0, 'warm', 'copy-fallback'),
      run(2, 'separate', 'warm', 9.9, 'not-warm', 'copy-fallback', 12),
    ];
    const result = summarizeLayout('separate', { runs: runs }, extras);
    expect(result.coldSetupSeconds).toBeNull();
    expect(result.speedup).toBeNull();
    expect(result.warmSetupSeconds).toEqual({
      n: 1,
      median: 2,
      min: 2,
      max: 2,
      mean: 2,
      outliers: [],
      runs: [2],
    });
  });

  test('no proved warm run: no warm figure, no floor ratio', () => {
    const runs = [
      run(0, 'shared', 'cold', 8, 'cold', 'hardlink'),
      run(1, 'shared', 'warm', 9, 'not-warm', 'hardlink', 40),
    ];
    const result = summarizeLayout('shared', { runs: runs }, { ...extras, floorSeconds: null });
    expect(result.warmSetupSeconds).toBeNull();
    expect(result.floorRatio).toBeUndefined();
  });

  test("warm runs that disagree on the link mode make the layout's mode unknown", () => {
    const runs = [
      run(0, 'shared', 'cold', 8, 'cold', 'hardlink'),
      run(1, 'shared', 'warm', 3, 'warm', 'hardlink'),
      run(2, 'shared', 'warm', 3, 'warm', 'copy'),
    ];
    expect(summarizeLayout('shared', { runs: runs }, extras).linkMode).toBe('unknown');
  });
});

describe('headline, ratio and advice', () => {
  const separate = summarizeLayout('separate', { runs: bothRuns() }, extras);
  const shared = summarizeLayout('shared', { runs: bothRuns() }, extras);
  const layouts = [separate, shared];

  test('the headline is the separate layout when it ran, recorded by name with its figures copied', () => {
    const figures = e2eFigures(layouts);
    expect(figures.headlineLayout).toBe('separate');
    expect(figures.setup).toEqual({
      coldSeconds: 8.6,
      warmSeconds: {
        n: 3,
        median: 7.9,
        min: 7.6,
        max: 8.5,
        mean: 8,
        sd: 0.458,
        outliers: [],
        interval: { low: 7.6, high: 8.5 },
      },
      speedup: 1.09,
    });
    expect(e2eFigures([shared, separate])).toMatchObject({
      headlineLayout: 'separate',
      setup: figures.setup,
    });
    expect(e2eFigures([shared])).toMatchObject({ headlineLayout: 'shared', setup: { coldSeconds: 8.9 } });
    expect(e2eFigures([])).toEqual({ layouts: [], setup: null });
    expect(headlineSetup(undefined)).toBeNull();
  });

  test("a layout's speed-up is its recorded cold setup over its recorded warm median", () => {
    // 8.0196 s is recorded as 8.02 s: the speed-up is 8.02 / 4 = 2.005 → 2.01, what a reader computes
    // from the report (the raw 8.0196 / 4 = 2.0049 would say 2).
    const runs = [
      run(0, 'separate', 'cold', 8.0196, 'cold', 'copy-fallback'),
      run(1, 'separate', 'warm', 4, 'warm', 'copy-fallback'),
    ];
    const result = summarizeLayout('separate', { runs }, extras);
    expect(result.coldSetupSeconds).toBe(8.02);
    expect(result.speedup).toBe(2.01);
  });

  test('the layout ratio is separate warm median / shared warm median', () => {
    expect(layoutRatio(layouts)).toBe(2.26);
    expect(layoutRatio([separate])).toBeUndefined();
  });

  test('one sentence when production copies and the shared layout hard-links, with both medians', () => {
    const advice = e2eFigures(layouts).advice;
    expect(advice).toMatch(/cannot hard-link/);
    expect(advice).toContain('7.9 s against 3.5 s, 2.3×');
    expect(advice).toMatch(/mount the uv cache inside the workspace volume/);
    expect(advice?.split(/\.\s/).length).toBe(1);
  });

  test('no advice when both layouts copy, or when only one layout ran', () => {
    const copying = { ...shared, linkMode: 'copy' as const };
    expect(layoutAdvice([separate, copying], 2.26)).toBeUndefined();
    expect(layoutAdvice([separate], undefined)).toBeUndefined();
  });
});

describe("a layout's link mode", () => {
  test("is its warm runs' mode when they agree, else unknown", () => {
    expect(layoutLinkMode(['hardlink', 'hardlink'])).toBe('hardlink');
    expect(layoutLinkMode(['hardlink', 'copy-fallback'])).toBe('unknown');
    expect(layoutLinkMode([])).toBe('unknown');
  });
});
