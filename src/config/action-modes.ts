// The action verifies an image unless an input chooses another mode: `audit: true`
// audits live workers, `merge: true` merges a matrix's reports. A mode takes the
// inputs of its command (and the action's own); the others are dropped before
// validation and named in the log. Inputs only a mode takes, given without it,
// are refused (rules.ts).
import { InputError } from '../model/errors.js';
import { type RawValues, specNamed } from './options.js';
import { parseLayer } from './validate.js';

/** The modes, each an action-only boolean input named like its command, and what it does. */
export const ACTION_MODES = [
  { command: 'audit', does: 'audit the live workers' },
  { command: 'merge', does: "merge a matrix's reports" },
] as const;

export type ActionMode = (typeof ACTION_MODES)[number]['command'];

/** Whether the action's inputs choose this mode (a bad value is bad input). */
export function modeRequested(raw: RawValues, mode: ActionMode): boolean {
  const { values, problems } = parseLayer({ [mode]: raw[mode] }, { door: 'action' });
  const [problem] = problems;
  if (problem) throw new InputError(problem.message, { input: problem.input });
  return values[mode] === true;
}

/** The inputs the mode takes (and the action's own), and the names of the others the user set. */
export function modeInputs(raw: RawValues, mode: ActionMode): { overrides: RawValues; ignored: string[] } {
  const overrides: RawValues = {};
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(raw) as [keyof RawValues, unknown][]) {
    const spec = specNamed(name);
    if (spec.commands.includes(mode) || spec.actionOnly) overrides[name] = value;
    // action.yml's defaults reach every run: only what the user set is named.
    else if (value !== spec.action?.default) ignored.push(name);
  }
  return { overrides, ignored };
}
