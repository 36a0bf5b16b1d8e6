// Import a TypeScript module of src/ from a plain Node script (the generators):
// bundled by esbuild into a temporary folder inside the repository, so its bare
// imports resolve from node_modules, then removed.
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export async function importTs(entry) {
  const tmp = mkdtempSync(path.join(root, '.wg-gen-'));
  try {
    const out = path.join(tmp, 'module.mjs');
    await build({
      entryPoints: [path.join(root, entry)],
      outfile: out,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      logLevel: 'error',
    });
    return await import(out);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
