// baseline-report for the audit: what two mounts cost, as an earlier
// `e2e --cache-layout both` measured it (separate and shared warm medians).
import { readFileSync } from 'node:fs';
import { InputError } from '../config/errors.js';
import { validateReport } from '../report/schema.js';
import type { Report } from '../report/types.js';
import type { LayoutCost } from './checks.js';

export function layoutCostFromReport(
  file: string,
  read: (f: string) => string = (f) => readFileSync(f, 'utf8'),
): LayoutCost {
  const bad = (why: string): InputError =>
    new InputError(`baseline-report ${file} ${why}`, { input: 'baseline-report' });
  let report: Report;
  try {
    report = JSON.parse(read(file)) as Report;
  } catch (err) {
    throw bad(`cannot be read as JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const problems = validateReport(report);
  if (problems.length > 0)
    throw bad(`is not a worker-gate report (schema version 1): ${problems.slice(0, 3).join('; ')}`);
  const warm = (layout: string) =>
    report.e2e?.layouts.find((l) => l.layout === layout)?.warmSetupSeconds?.median;
  const separate = warm('separate');
  const shared = warm('shared');
  if (separate === undefined || shared === undefined || shared <= 0)
    throw bad(
      'has no proved warm setup for both cache layouts: give the report of a run with e2e --cache-layout both',
    );
  return { report: file, separateWarmSeconds: separate, sharedWarmSeconds: shared, ratio: separate / shared };
}
