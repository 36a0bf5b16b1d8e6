// The action's `audit: true`: the same action audits live workers instead of
// verifying an image. The inputs of the build, the contract and the end to end
// do not apply then; they are dropped before validation and named in the log.

import { InputError } from '../model/errors.js';
import { type RawValues, specNamed } from './options.js';
import { parseLayer } from './validate.js';

/** Whether the action's inputs ask for the audit (a bad `audit` value is bad input). */
export function auditRequested(raw: RawValues): boolean {
  const { values, problems } = parseLayer({ audit: raw.audit }, { door: 'action' });
  const [problem] = problems;
  if (problem) throw new InputError(problem.message, { input: problem.input });
  return values.audit === true;
}

/** The inputs the audit takes (and the action's own), and the names of those it ignores. */
export function auditInputs(raw: RawValues): { overrides: RawValues; ignored: string[] } {
  const overrides: RawValues = {};
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(raw) as [keyof RawValues, unknown][]) {
    const spec = specNamed(name);
    if (spec.commands.includes('audit') || spec.actionOnly) overrides[name] = value;
    else ignored.push(name);
  }
  return { overrides, ignored };
}
