// Bundles the action (main, post) and the CLI into dist/ as ESM for Node 20+
// (the action runs on node24). esbuild: one fast step, no config language.

import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { main: 'src/main.ts', post: 'src/post.ts', cli: 'src/bin.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: false,
  legalComments: 'external',
  // ssh2 (under dockerode) tries optional native modules inside try/catch.
  external: ['cpu-features', '*.node'],
  // CommonJS dependencies inside an ESM bundle still call require() and read __dirname.
  banner: {
    js: [
      "import { createRequire as __wgCreateRequire } from 'node:module';",
      "import { fileURLToPath as __wgFileURLToPath } from 'node:url';",
      "import { dirname as __wgDirname } from 'node:path';",
      'const require = __wgCreateRequire(import.meta.url);',
      'const __filename = __wgFileURLToPath(import.meta.url);',
      'const __dirname = __wgDirname(__filename);',
    ].join('\n'),
  },
  // Scripts that run inside containers are real files in src/, bundled as text.
  loader: { '.sh': 'text', '.py': 'text', '.mk': 'text' },
  logLevel: 'warning',
  metafile: false,
});
// The CLI is run directly (npx worker-gate, dist/cli.js): it needs its shebang first.
const cli = new URL('../dist/cli.js', import.meta.url);
writeFileSync(cli, `#!/usr/bin/env node\n${readFileSync(cli, 'utf8')}`);
chmodSync(cli, 0o755);
console.log(`bundled worker-gate ${pkg.version} into dist/`);
