// The action's outputs from the Report. Every output is always present: an
// empty string when the stage behind it did not run, so a step that reads an
// output never sees a value left over from an earlier step or run.
import { formatNumber } from '../numbers.js';
import type { Report } from './types.js';

/** Every output the action sets, in action.yml's order. */
export const OUTPUT_NAMES = [
  'verdict',
  'failures',
  'failed-gates',
  'error',
  'image-id',
  'image-ref',
  'image-size-bytes',
  'baseline-size-bytes',
  'size-delta-bytes',
  'size-delta-percent',
  'cold-setup-seconds',
  'warm-setup-seconds',
  'setup-speedup',
  'link-mode',
  'layout-ratio',
  'report-path',
] as const;

export type OutputName = (typeof OUTPUT_NAMES)[number];

/** Seconds and ratios keep three decimals: enough for a gate, short enough to read. */
function num(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return formatNumber(value);
}

/** `reportPath` is where the front door wrote the JSON report ('' when it wrote none). */
export function actionOutputs(report: Report, reportPath = ''): Record<OutputName, string> {
  const setup = report.e2e?.setup ?? null;
  // The setup figures come from the separate layout when it ran (design.md), so its link mode goes with them.
  const setupLayout = report.e2e?.layouts.find((l) => l.layout === 'separate') ?? report.e2e?.layouts[0];
  const baseline = report.baseline;
  return {
    verdict: report.verdict,
    failures: String(report.failures.length),
    'failed-gates': [...new Set(report.failures.map((f) => f.gate))].join(','),
    error: report.error?.message ?? '',
    'image-id': report.image?.id ?? '',
    'image-ref': report.image?.ref ?? '',
    'image-size-bytes': report.image ? String(report.image.sizeBytes) : '',
    'baseline-size-bytes': baseline ? String(baseline.image.sizeBytes) : '',
    'size-delta-bytes': baseline ? String(baseline.sizeDeltaBytes) : '',
    'size-delta-percent': baseline ? num(baseline.sizeDeltaPercent) : '',
    'cold-setup-seconds': num(setup?.coldSeconds),
    'warm-setup-seconds': num(setup?.warmSeconds?.median),
    'setup-speedup': num(setup?.speedup),
    'link-mode': setupLayout?.linkMode ?? '',
    'layout-ratio': num(report.e2e?.layoutRatio),
    'report-path': reportPath,
  };
}
