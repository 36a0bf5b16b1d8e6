import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { actionInputs } from '../../../src/config/action-inputs.js';

// action.yml is written from renderActionInputsYaml(); this keeps it in step
// with the option table: the same inputs, and defaults only where the table
// has them (a default on any other input would override the config file).
test('action.yml declares exactly the inputs of the option table, with their defaults', () => {
  const actionYml = parse(readFileSync(new URL('../../../action.yml', import.meta.url), 'utf8')) as {
    inputs?: Record<string, { default?: unknown }>;
  };
  const declared = Object.entries(actionYml.inputs ?? {}).map(([name, input]) => ({
    name,
    default: input.default === undefined ? undefined : String(input.default),
  }));
  const expected = actionInputs().map(({ name, default: value }) => ({ name, default: value }));
  expect(declared.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
    expected.sort((a, b) => a.name.localeCompare(b.name)),
  );
});
