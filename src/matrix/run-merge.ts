// `merge`, whichever front door asks: the cells' reports and the baseline read
// and checked (every problem at once, exit 2), then merged into one Report.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readBaselineReport } from '../baseline/baseline-report.js';
import { InputError } from '../model/errors.js';
import type { Report } from '../model/report.js';
import { type MergeInput, mergeReports } from './merge.js';
import { readReports } from './read-reports.js';

export interface RunMergeInput {
  reports: readonly string[];
  baselineReport?: string;
  /** baseline-report as the user spelled it. */
  baselineReportInput?: string;
  /** Where relative paths and globs are read from (the workspace, in the action). */
  cwd: string;
  /** How problems name the reports: `REPORT` on the CLI, `reports input` in the action. */
  reportsInput: string;
  startedAt?: Date;
}

export function runMerge(input: RunMergeInput): Report {
  const startedAt = input.startedAt ?? new Date();
  const problems: InputError[] = [];
  const refused = (err: unknown) => {
    if (!(err instanceof InputError)) throw err;
    problems.push(err);
  };
  let inputs: MergeInput[] = [];
  try {
    inputs = readReports(input.reports, { input: input.reportsInput, cwd: input.cwd });
  } catch (err) {
    refused(err);
  }
  let baseline: Report | undefined;
  if (input.baselineReport) {
    const read = (file: string) => readFileSync(path.resolve(input.cwd, file), 'utf8');
    try {
      baseline = readBaselineReport(
        input.baselineReport,
        input.baselineReportInput ?? 'baseline-report',
        read,
      );
    } catch (err) {
      refused(err);
    }
  }
  const [first, ...rest] = problems;
  if (first)
    throw new InputError(first.message, {
      ...(first.input ? { input: first.input } : {}),
      details: [...first.details, ...rest.flatMap((e) => [e.message, ...e.details])],
    });
  return mergeReports(inputs, { command: 'merge', startedAt, ...(baseline ? { baseline } : {}) });
}
