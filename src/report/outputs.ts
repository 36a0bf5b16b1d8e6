// The action's outputs from the Report. Every output is always present: an
// empty string when the stage behind it did not run, so a step that reads an
// output never sees a value left over from an earlier step or run.
import { formatNumber } from '../model/numbers.js';
import type { Report } from '../model/report.js';
import { buildView, type View } from './view/index.js';

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
  'html-path',
  'junit-path',
  'run-id',
  'warning-count',
] as const;

export type OutputName = (typeof OUTPUT_NAMES)[number];

/** Seconds and ratios keep three decimals: enough for a gate, short enough to read. */
function num(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return formatNumber(value);
}

/** What the front door knows of the run besides the Report: its id and the files it wrote ('' when none). */
export interface RunOutputs {
  readonly runId?: string;
  readonly html?: string;
  readonly junit?: string;
}

/** `reportPath` is where the front door wrote the JSON report ('' when it wrote none). */
export function actionOutputs(
  report: Report,
  reportPath = '',
  run: RunOutputs = {},
): Record<OutputName, string> {
  return outputsOf(buildView(report), reportPath, run);
}

export function outputsOf(view: View, reportPath = '', run: RunOutputs = {}): Record<OutputName, string> {
  const { figures: f, image, baseline } = view;
  return {
    verdict: view.headline.verdict,
    failures: String(view.failures.length),
    'failed-gates': f.failedGates.join(','),
    error: f.errorMessage ?? '',
    'image-id': image?.id ?? '',
    'image-ref': image?.ref ?? '',
    'image-size-bytes': image ? String(image.sizeBytes) : '',
    'baseline-size-bytes': baseline ? String(baseline.sizeBytes) : '',
    'size-delta-bytes': baseline ? String(baseline.deltaBytes) : '',
    'size-delta-percent': baseline ? num(baseline.deltaPercent) : '',
    'cold-setup-seconds': num(f.setup?.coldSeconds),
    'warm-setup-seconds': num(f.setup?.warmSeconds),
    'setup-speedup': num(f.setup?.speedup),
    'link-mode': f.linkMode ?? '',
    'layout-ratio': num(f.layoutRatio),
    'report-path': reportPath,
    'html-path': run.html ?? '',
    'junit-path': run.junit ?? '',
    'run-id': run.runId ?? '',
    'warning-count': String(view.warningCount),
  };
}
