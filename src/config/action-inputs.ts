import { stringify } from 'yaml';
import { defaultShown, isRepeatable, type RawValues, SPECS } from './options.js';

/** `core.getInput`: the input's value, '' when unset. */
export type GetInput = (name: string) => string;

export interface ActionInput {
  readonly name: string;
  readonly description: string;
  /** Only where action.yml should carry one (see ActionSide.default). */
  readonly default?: string;
}

/** One value per line; blank lines and `#` comment lines are skipped. */
export function inputLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * The action's inputs → raw values by option name. An empty input is unset:
 * GitHub gives '' for an input nobody set, so the config file's value stays.
 */
export function fromActionInputs(getInput: GetInput): RawValues {
  const raw: RawValues = {};
  for (const spec of SPECS) {
    if (spec.cliOnly) continue;
    const value = getInput(spec.name).trim();
    if (value === '') continue;
    raw[spec.name] = isRepeatable(spec) ? inputLines(value) : value;
  }
  return raw;
}

/** The inputs action.yml must declare, derived from the option table. */
export function actionInputs(): ActionInput[] {
  return SPECS.filter((spec) => !spec.cliOnly).map((spec) => {
    const side = spec.action;
    const parts = [side?.description ?? spec.description];
    if (isRepeatable(spec)) parts.push('One per line.');
    const shown = side?.defaultText ?? defaultShown(spec);
    if (side?.default === undefined && shown !== undefined) parts.push(`Default: ${shown}.`);
    const description = parts.join(' ');
    return side?.default === undefined
      ? { name: spec.name, description }
      : { name: spec.name, description, default: side.default };
  });
}

/** The `inputs:` block of action.yml, ready to paste. */
export function renderActionInputsYaml(): string {
  const inputs = Object.fromEntries(
    actionInputs().map(({ name, description, default: value }) => [
      name,
      value === undefined
        ? { description, required: false }
        : { description, required: false, default: value },
    ]),
  );
  return stringify({ inputs }, { lineWidth: 0 });
}
