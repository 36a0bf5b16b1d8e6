// Writes worker-gate.schema.json, the JSON Schema of .worker-gate.yml, from the
// option table (src/config/config-schema.ts), so editors check the file with
// the keys worker-gate takes. `--check` rewrites nothing and exits 1 when the
// committed file is stale (CI; test/unit/config/config-schema.test.ts checks
// the same through the pure function).
//
//   node scripts/gen-config-schema.mjs            rewrite worker-gate.schema.json
//   node scripts/gen-config-schema.mjs --check    fail when it is stale
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// Inside the repository, so the bundle's bare imports resolve from node_modules.
const tmp = mkdtempSync(path.join(root, '.wg-gen-'));
const out = path.join(tmp, 'schema.mjs');
try {
  await build({
    entryPoints: [path.join(root, 'src/config/config-schema.ts')],
    outfile: out,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
  });
  const { renderConfigSchema } = await import(out);
  const file = path.join(root, 'worker-gate.schema.json');
  const next = renderConfigSchema();
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // not written yet
  }
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('worker-gate.schema.json is stale: run node scripts/gen-config-schema.mjs');
      process.exitCode = 1;
    }
  } else {
    writeFileSync(file, next);
    console.log('worker-gate.schema.json written from the option table');
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
