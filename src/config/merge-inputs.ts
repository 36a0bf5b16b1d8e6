// The action's `merge: true`: the job after a matrix merges the cells' reports
// instead of verifying an image. The other inputs do not apply then; they are
// dropped before validation and named in the log.
import { InputError } from '../model/errors.js';
import { type RawValues, specNamed } from './options.js';
import { parseLayer } from './validate.js';

/** What the merged report's pull-request comment says it gated, and part of its key: one comment per matrix job. */
export const MATRIX_TARGET = 'the matrix';

/** Whether the action's inputs ask for a merge (a bad `merge` value is bad input). */
export function mergeRequested(raw: RawValues): boolean {
  const { values, problems } = parseLayer({ merge: raw.merge }, { door: 'action' });
  const [problem] = problems;
  if (problem) throw new InputError(problem.message, { input: problem.input });
  return values.merge === true;
}

/** The inputs merge takes, and the names of the others given (ignored). */
export function mergeInputs(raw: RawValues): { overrides: RawValues; ignored: string[] } {
  const overrides: RawValues = {};
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(raw) as [keyof RawValues, unknown][]) {
    const spec = specNamed(name);
    if (spec.commands.includes('merge')) overrides[name] = value;
    // action.yml's defaults (audit: false, explain: false) reach every run: only what the user set is named.
    else if (value !== spec.action?.default) ignored.push(name);
  }
  return { overrides, ignored };
}
