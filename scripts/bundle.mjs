// Bundles the action (main, post) and the CLI into dist/ as ESM for Node 20+
// (the action runs on node24). esbuild: one fast step, no config language.

import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

/** docker-modem's lib/ssh.js (ssh2) replaced by a module that says why it is not there. */
const withoutModemSsh = {
  name: 'without-docker-modem-ssh',
  setup(b) {
    b.onResolve({ filter: /^\.\/ssh$/ }, (args) =>
      /[/\\]docker-modem[/\\]lib$/.test(args.resolveDir)
        ? { path: 'docker-modem-ssh', namespace: 'wg-stub' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'wg-stub' }, () => ({
      contents:
        "module.exports = function () { throw new Error('worker-gate reaches ssh:// engines through the system ssh, never docker-modem\\'s ssh2'); };",
      loader: 'js',
    }));
  },
};

const result = await build({
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
  // Every library is inlined, so the package has no runtime dependencies. debug's
  // supports-color, left as esbuild finds no such package, only colours DEBUG output.
  // docker-modem's ssh:// path (ssh2, with its native parts) is never taken: ssh:// engines
  // go through the system ssh (src/docker/ssh-dial.ts), so it is left out of the bundle.
  plugins: [withoutModemSsh],
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
  metafile: true,
});
// The CLI is run directly (npx worker-gate, dist/cli.js): it needs its shebang first.
const cli = new URL('../dist/cli.js', import.meta.url);
writeFileSync(cli, `#!/usr/bin/env node\n${readFileSync(cli, 'utf8')}`);
chmodSync(cli, 0o755);
writeFileSync(new URL('../dist/licenses.txt', import.meta.url), thirdPartyLicenses(result.metafile));
console.log(`bundled worker-gate ${pkg.version} into dist/`);

/**
 * The licence of every package the bundle inlines (they are devDependencies, so
 * no install brings their own licence files): name, version, licence, and the
 * package's licence text or, when it ships none, its author.
 */
function thirdPartyLicenses(metafile) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) dirs.add(m[1]);
  }
  const entries = [...dirs].map((dir) => {
    const meta = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const author = typeof meta.author === 'string' ? meta.author : meta.author?.name;
    const text = file
      ? readFileSync(path.join(dir, file), 'utf8').trim()
      : `${meta.license} licence; the package ships no licence file${author ? `. Author: ${author}` : ''}.`;
    return { id: `${meta.name}@${meta.version}`, license: meta.license, text };
  });
  const unique = [...new Map(entries.map((e) => [e.id, e])).values()].sort((a, b) =>
    a.id.localeCompare(b.id),
  );
  return [
    `worker-gate ${pkg.version} bundles these ${unique.length} packages into dist/; their licences follow.`,
    ...unique.map((e) => `\n${'-'.repeat(72)}\n${e.id} (${e.license})\n\n${e.text}`),
    '',
  ].join('\n');
}
