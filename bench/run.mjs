// Runs a TypeScript bench with plain node: esbuild (a dev dependency) bundles
// it on the fly, node_modules left external, into .worker-gate-tmp/ (ignored).
//   node bench/run.mjs                       the contract bench
//   node bench/run.mjs bench/other.bench.ts  another one
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const entry = path.resolve(process.argv[2] ?? path.join(root, 'bench', 'contract.bench.ts'));
const outfile = path.join(root, '.worker-gate-tmp', 'bench', `${path.basename(entry, '.ts')}.mjs`);
await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  outfile,
  // Scripts that run inside containers are bundled as text, as scripts/bundle.mjs does.
  loader: { '.sh': 'text', '.mk': 'text', '.py': 'text' },
  logLevel: 'warning',
});
await import(pathToFileURL(outfile).href);
