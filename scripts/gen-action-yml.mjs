// Writes action.yml's `inputs:` block from the option table (src/config), so
// the action's inputs can never drift from the CLI's options. The rest of
// action.yml (name, outputs, runs) is kept as it is.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { importTs, root } from './import-ts.mjs';

const { renderActionInputsYaml } = await importTs('src/config/index.ts');

const file = path.join(root, 'action.yml');
const text = readFileSync(file, 'utf8');
const start = text.indexOf('\ninputs:\n');
const end = text.indexOf('\noutputs:\n');
if (start < 0 || end < 0)
  throw new Error('action.yml needs an `inputs:` block followed by an `outputs:` block');
const block = renderActionInputsYaml().trimEnd();
const next = `${text.slice(0, start + 1)}${block}\n${text.slice(end)}`;
if (process.argv.includes('--check')) {
  if (next !== text) {
    console.error('action.yml inputs are stale: run node scripts/gen-action-yml.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(file, next);
  console.log(
    'action.yml inputs written; run node scripts/gen-readme-tables.mjs for the tables of docs/options.md',
  );
}
