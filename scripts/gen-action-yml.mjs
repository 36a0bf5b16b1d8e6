// Writes action.yml's `inputs:` block from the option table (src/config), so
// the action's inputs can never drift from the CLI's options. The rest of
// action.yml (name, outputs, runs) is kept as it is.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// Inside the repository, so the bundle's bare imports resolve from node_modules.
const tmp = mkdtempSync(path.join(root, '.wg-gen-'));
const out = path.join(tmp, 'inputs.mjs');
await build({
  entryPoints: [path.join(root, 'src/config/index.ts')],
  outfile: out,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  logLevel: 'error',
});
const { renderActionInputsYaml } = await import(out);
rmSync(tmp, { recursive: true, force: true });

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
  console.log('action.yml inputs written; run node scripts/gen-readme-tables.mjs for the README tables');
}
