// Writes worker-gate.schema.json, the JSON Schema of .worker-gate.yml, and
// worker-gate-matrix.schema.json, that of .worker-gate-matrix.yml, from the
// option table (src/config/config-schema.ts, matrix-schema.ts), so editors check the file with
// the keys worker-gate takes. `--check` rewrites nothing and exits 1 when the
// committed file is stale (CI; test/unit/config/config-schema.test.ts checks
// the same through the pure function).
//
//   node scripts/gen-config-schema.mjs            rewrite worker-gate.schema.json
//   node scripts/gen-config-schema.mjs --check    fail when it is stale
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { importTs, root } from './import-ts.mjs';

const { renderConfigSchema } = await importTs('src/config/config-schema.ts');
const { renderMatrixSchema } = await importTs('src/config/matrix-schema.ts');

for (const [name, next] of [
  ['worker-gate.schema.json', renderConfigSchema()],
  ['worker-gate-matrix.schema.json', renderMatrixSchema()],
]) {
  const file = path.join(root, name);
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // not written yet
  }
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error(`${name} is stale: run node scripts/gen-config-schema.mjs`);
      process.exitCode = 1;
    }
  } else {
    writeFileSync(file, next);
    console.log(`${name} written from the option table`);
  }
}
