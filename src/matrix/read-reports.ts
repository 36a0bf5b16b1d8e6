// The reports `merge` is given, read and checked before anything is merged:
// each pattern matches a file, each file is a worker-gate report of schema
// version 1, and all come from one tool version (timings and gates of two
// versions are not one verdict). Every problem at once, each naming the file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readFailure } from '../config/file.js';
import { InputError } from '../model/errors.js';
import type { Report } from '../model/report.js';
import { validateReport } from '../model/report-schema.js';
import { expandGlob, isGlob } from './globs.js';
import type { MergeInput } from './merge.js';

export interface ReadReportsOptions {
  /** How the problems name the input: `REPORT` on the CLI, `reports input` in the action. */
  input: string;
  cwd: string;
  read?: (file: string) => string;
}

/** The files the patterns name, each once, in the order given (a glob's matches sorted). */
export function reportFiles(
  patterns: readonly string[],
  cwd: string,
): { files: string[]; unmatched: string[] } {
  const files: string[] = [];
  const unmatched: string[] = [];
  for (const pattern of patterns) {
    const matched = isGlob(pattern) ? expandGlob(pattern, cwd) : [pattern];
    if (matched.length === 0) unmatched.push(pattern);
    for (const file of matched) if (!files.includes(file)) files.push(file);
  }
  return { files, unmatched };
}

function readOne(file: string, cwd: string, read: (f: string) => string): Report | string {
  let text: string;
  try {
    text = read(path.resolve(cwd, file));
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    return `${file} cannot be read: ${readFailure(err)}${missing ? ' (is the artifact downloaded there?)' : ''}`;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `${file} is not JSON: give the report.json a worker-gate run wrote (--report)`;
  }
  const version = (parsed as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== 1)
    return `${file} is a report of schema version ${JSON.stringify(version)}; this worker-gate merges schema version 1 only: merge it with the worker-gate that wrote it`;
  const problems = validateReport(parsed);
  if (problems.length > 0)
    return `${file} is not a worker-gate report (schema version 1): ${problems.slice(0, 3).join('; ')}`;
  return parsed as Report;
}

/** The reports, or InputError (exit 2) listing every problem, each naming its file. */
export function readReports(patterns: readonly string[], options: ReadReportsOptions): MergeInput[] {
  const read = options.read ?? ((f: string) => readFileSync(f, 'utf8'));
  const problems: string[] = [];
  if (patterns.length === 0) problems.push(`${options.input}: give at least one report file or glob`);
  const { files, unmatched } = reportFiles(patterns, options.cwd);
  for (const pattern of unmatched)
    problems.push(`${options.input} "${pattern}" matches no file: is the artifact downloaded there?`);
  const inputs: MergeInput[] = [];
  for (const file of files) {
    const report = readOne(file, options.cwd, read);
    if (typeof report === 'string') problems.push(report);
    else inputs.push({ report, file });
  }
  const first = inputs[0];
  for (const other of inputs.slice(1)) {
    const want = first?.report.tool.version;
    if (first && other.report.tool.version !== want)
      problems.push(
        `${other.file} was written by worker-gate ${other.report.tool.version}, ${first.file} by ${want}: merge the reports of one worker-gate version (run every cell with the same version)`,
      );
  }
  const [message, ...details] = problems;
  if (message) throw new InputError(message, { input: options.input, details });
  return inputs;
}
