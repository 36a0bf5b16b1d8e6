// baseline-report: an earlier run's JSON report (an artifact of the base
// branch, say) as the baseline. Sizes compare; its timings come from another
// run on another machine, so they are shown, never gated.
import { readFileSync } from 'node:fs';
import { readFailure } from '../config/file.js';
import { InputError } from '../model/errors.js';
import type { BaselineImage } from '../model/facts/baseline.js';
import type { Report } from '../model/report.js';
import { validateReport } from '../model/report-schema.js';

export interface ReportBaseline {
  baseline: BaselineImage;
  /** The earlier run's setup figures, for display only. */
  setup?: { coldSeconds: number | null; warmMedianSeconds: number | null };
  /** The uv version that run's image had, when it recorded one. */
  uvVersion?: string;
}

/** `input`: baseline-report as the user spelled it (`--baseline-report`, `baseline-report input`, `.worker-gate.yml: baseline-report`). */
export const badBaselineReport = (input: string, file: string, why: string): InputError =>
  new InputError(`${input} ${file} ${why}`, { input: 'baseline-report' });

/** The baseline-report file as a valid Report, or InputError naming the input as spelled. */
export function readBaselineReport(
  file: string,
  input: string,
  read: (f: string) => string = (f) => readFileSync(f, 'utf8'),
): Report {
  const bad = (why: string) => badBaselineReport(input, file, why);
  let text: string;
  try {
    text = read(file);
  } catch (err) {
    throw bad(`cannot be read: ${readFailure(err)}`);
  }
  let report: Report;
  try {
    report = JSON.parse(text) as Report;
  } catch {
    throw bad('is not JSON: give the report.json of an earlier worker-gate run');
  }
  const problems = validateReport(report);
  if (problems.length > 0)
    throw bad(`is not a worker-gate report (schema version 1): ${problems.slice(0, 3).join('; ')}`);
  return report;
}

export function baselineFromReport(
  file: string,
  input: string,
  read: (f: string) => string = (f) => readFileSync(f, 'utf8'),
): ReportBaseline {
  const bad = (why: string) => badBaselineReport(input, file, why);
  const report = readBaselineReport(file, input, read);
  if (!report.image)
    throw bad(
      'has no image (that run ended before it had one): use a report of a run that built or checked an image',
    );
  const out: ReportBaseline = {
    baseline: {
      source: 'report',
      origin: file,
      ref: report.image.ref,
      sizeBytes: report.image.sizeBytes,
      layers: report.image.layers,
    },
  };
  if (report.image.uvVersion) out.uvVersion = report.image.uvVersion;
  if (report.e2e?.setup) {
    out.setup = {
      coldSeconds: report.e2e.setup.coldSeconds,
      warmMedianSeconds: report.e2e.setup.warmSeconds?.median ?? null,
    };
  }
  return out;
}
