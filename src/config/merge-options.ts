// `merge`'s options: the files it writes, the baseline it compares with, and
// (in the action) the reports and the comment. No config file is read: the
// merge job of a workflow names everything it merges.
import { type OptionName, optionsFor, type RawValues, specNamed } from './options.js';
import { type FrontDoor, inputLabel, type Problem, parseLayer, throwProblems } from './validate.js';

/** What the merged report's pull-request comment says it gated, and part of its key: one comment per matrix job. */
export const MATRIX_TARGET = 'the matrix';

export interface MergeOptions {
  /** Report files or globs: the CLI's arguments, the action's `reports` input. */
  reports: string[];
  report?: string;
  /** The CLI: a file; the action: whether to write the job summary. */
  summary?: string | boolean;
  junit?: string;
  html?: string;
  baselineReport?: string;
  /** baseline-report as this door spells it, for its messages. */
  baselineReportInput: string;
  comment: boolean;
  githubToken?: string;
  /** Failed cells are reported, not enforced: exit 0 (an errored cell still exits 2). */
  reportOnly: boolean;
}

/**
 * merge's own values from a front door's raw ones; every problem at once (InputError, exit 2),
 * with the front door's `unplaced` ones (the CLI's unknown flags).
 */
export function resolveMergeOptions(
  raw: RawValues,
  door: FrontDoor,
  args: readonly string[] = [],
  unplaced: readonly Problem[] = [],
): MergeOptions {
  const own: RawValues = {};
  for (const spec of optionsFor('merge')) {
    const name = spec.name as OptionName;
    if (raw[name] !== undefined) own[name] = raw[name];
  }
  const { values, problems } = parseLayer(own, { door });
  throwProblems([...unplaced, ...problems]);
  const options: MergeOptions = {
    reports: door === 'cli' ? [...args] : (values.reports ?? []),
    comment: values.comment ?? false,
    reportOnly: values['report-only'] ?? false,
    baselineReportInput: inputLabel(specNamed('baseline-report'), { door }),
  };
  if (values.report) options.report = values.report;
  if (values.summary !== undefined) options.summary = values.summary;
  if (values.junit) options.junit = values.junit;
  if (values.html) options.html = values.html;
  if (values['baseline-report']) options.baselineReport = values['baseline-report'];
  if (values['github-token']) options.githubToken = values['github-token'];
  return options;
}
