// baseline-report for the audit: what two mounts cost, as an earlier
// `e2e --cache-layout both` measured it (separate and shared warm medians, and
// the layout ratio that report recorded).
import { badBaselineReport, readBaselineReport } from '../baseline/baseline-report.js';
import { byLayout } from '../model/figures/proved-runs.js';
import type { LayoutCost } from './checks.js';

/** `input`: baseline-report as the user spelled it. */
export function layoutCostFromReport(file: string, input: string, read?: (f: string) => string): LayoutCost {
  const report = readBaselineReport(file, input, read);
  const layouts = byLayout(report.e2e?.layouts ?? []);
  const separate = layouts.separate?.warmSetupSeconds?.median;
  const shared = layouts.shared?.warmSetupSeconds?.median;
  const ratio = report.e2e?.layoutRatio;
  if (separate === undefined || shared === undefined || ratio === undefined)
    throw badBaselineReport(
      input,
      file,
      'has no proved warm setup for both cache layouts: give the report of a run with e2e --cache-layout both',
    );
  return { report: file, separateWarmSeconds: separate, sharedWarmSeconds: shared, ratio };
}
