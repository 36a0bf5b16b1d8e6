import { describe, expect, test } from 'vitest';
import { layoutCostFromReport } from '../../../src/audit/layout-cost.js';
import { engineFilters } from '../../../src/config/filters.js';
import { toolRoot } from '../../../src/config/shipped.js';
import { InputError } from '../../../src/model/errors.js';

test('engineFilters groups values by key; a label value keeps its own =', () => {
  expect(engineFilters(['label=role=worker', 'label=team=a', 'ancestor=worker:1'])).toEqual({
    label: ['role=worker', 'team=a'],
    ancestor: ['worker:1'],
  });
  expect(engineFilters([])).toEqual({});
});

describe('baseline-report gives the audit what two mounts cost', () => {
  const both = `${toolRoot()}/test/fixtures/reports/e2e-both.json`;

  test('from a recorded e2e --cache-layout both', () => {
    const cost = layoutCostFromReport(both, '--baseline-report');
    expect(cost).toMatchObject({ report: both, separateWarmSeconds: 5.502, sharedWarmSeconds: 4.081 });
    // The layout ratio that report recorded, not one computed again.
    expect(cost.ratio).toBe(1.35);
  });

  test('a report with one layout, or not a report, is bad input naming baseline-report as spelled', () => {
    const one = `${toolRoot()}/test/fixtures/reports/synthetic-pass.json`;
    expect(() => layoutCostFromReport(one, 'baseline-report input')).toThrow(
      /^baseline-report input .* has no proved warm setup for both cache layouts/,
    );
    const notJson = () => layoutCostFromReport('x.json', '--baseline-report', () => 'nope');
    expect(notJson).toThrow(InputError);
    expect(notJson).toThrow(/^--baseline-report x\.json is not JSON/);
    expect(() => layoutCostFromReport('x.json', '--baseline-report', () => '{}')).toThrow(
      /is not a worker-gate report/,
    );
  });
});
