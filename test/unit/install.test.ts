// What the README (and the pages it sends installers to: docs/config.md,
// docs/versions.md) promises about installing worker-gate holds in this checkout:
// the files it names exist and ship in the package, every `$schema` line points
// at a path that exists (in the package, or in the repository at a commit, not
// at a tag nobody cut), the first workflow pins a commit, and package.json names
// the repository, licence and dependencies as they are. `npm pack` and a real
// install of the tarball are proven in test/engine/package.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
/** The README and the install pages it links to, as one text. */
const installDocs = ['README.md', 'docs/config.md', 'docs/versions.md']
  .map((file) => readFileSync(path.join(ROOT, file), 'utf8'))
  .join('\n');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  license?: string;
  files?: string[];
  homepage?: string;
  repository?: { type?: string; url?: string };
  bugs?: { url?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

/** A full commit SHA, or the README's placeholder for the one the reader picks. */
const COMMIT = /^(?:[0-9a-f]{40}|<commit-sha>)$/;

/** Whether `npm pack` puts this repository path in the package (npm always adds README and LICENSE). */
function packaged(file: string): boolean {
  if (/^(?:readme|licen[cs]e)(?:\.|$)/i.test(file)) return true;
  return (pkg.files ?? []).some((entry) => entry === file || (entry.endsWith('/') && file.startsWith(entry)));
}

/** The README's fenced blocks of one language, in order, with the heading they sit under. */
function blocks(lang: string): { heading: string; body: string }[] {
  const found: { heading: string; body: string }[] = [];
  let heading = '';
  const lines = readme.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('#')) heading = line;
    if (line !== `\`\`\`${lang}`) continue;
    const end = lines.indexOf('```', i + 1);
    found.push({ heading, body: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return found;
}

describe('the install the README promises', () => {
  test('every file the README names for install is linked from it and exists', () => {
    const promised = [
      'LICENSE',
      'worker-gate.schema.json',
      'examples/.worker-gate.yml',
      'scripts/release.sh',
    ];
    expect(
      promised.filter((file) => !readme.includes(`](${file})`) && !readme.includes(`\`${file}\``)),
    ).toEqual([]);
    expect(promised.filter((file) => !existsSync(path.join(ROOT, file)))).toEqual([]);
  });

  test('the licence, the config schema and the example config ship in the package', () => {
    const shipped = ['LICENSE', 'worker-gate.schema.json', 'examples/.worker-gate.yml'];
    expect(shipped.filter((file) => !packaged(file))).toEqual([]);
  });

  test('every $schema line names the schema in the installed package or in the repository at a commit', () => {
    const targets = [...installDocs.matchAll(/\$schema=(\S+)/g)].map((m) => m[1] ?? '');
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) {
      const inPackage = /^\.\/node_modules\/worker-gate\/(.+)$/.exec(target);
      const inRepo = /^https:\/\/raw\.githubusercontent\.com\/worker-gate\/worker-gate\/([^/]+)\/(.+)$/.exec(
        target,
      );
      const file = inPackage?.[1] ?? inRepo?.[2];
      expect(file, `${target} is neither in the package nor in the repository`).toBeDefined();
      if (inRepo) expect(inRepo[1], `${target}: a tag that may not exist; name a commit`).toMatch(COMMIT);
      expect(existsSync(path.join(ROOT, file ?? '')), `${target}: no ${file} here`).toBe(true);
      if (inPackage)
        expect(packaged(file ?? ''), `${target}: ${file} is not in package.json files`).toBe(true);
    }
  });

  test("the example config's $schema line names the schema beside it in the package", () => {
    const example = 'examples/.worker-gate.yml';
    const named = /^# yaml-language-server: \$schema=(\S+)$/m.exec(
      readFileSync(path.join(ROOT, example), 'utf8'),
    );
    const schema = path.relative(ROOT, path.resolve(ROOT, path.dirname(example), named?.[1] ?? ''));
    expect(schema).toBe('worker-gate.schema.json');
    expect(packaged(example) && packaged(schema)).toBe(true);
  });

  test('the first workflow pins the action to a full commit SHA, not a tag that does not exist yet', () => {
    const first = blocks('yaml').find((b) => b.heading === '## The action in a workflow');
    const refs = [...(first?.body ?? '').matchAll(/uses: worker-gate\/worker-gate@(\S+)/g)].map((m) => m[1]);
    expect(refs).toEqual(['<commit-sha>']);
  });
});

describe('package.json', () => {
  test("names the repository the README's `uses:` lines name, with its homepage and issues", () => {
    const repos = new Set([...installDocs.matchAll(/uses: ([\w.-]+\/[\w.-]+)@/g)].map((m) => m[1]));
    repos.delete('actions/checkout');
    repos.delete('actions/upload-artifact');
    expect([...repos]).toEqual(['worker-gate/worker-gate']);
    expect(pkg.repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/worker-gate/worker-gate.git',
    });
    expect(pkg.homepage).toBe('https://github.com/worker-gate/worker-gate#readme');
    expect(pkg.bugs?.url).toBe('https://github.com/worker-gate/worker-gate/issues');
  });

  test('says MIT, as the LICENSE file does', () => {
    expect(pkg.license).toBe('MIT');
    const license = readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 The worker-gate authors\n/);
    expect(license).toContain('Permission is hereby granted, free of charge');
  });

  test('has no runtime dependencies: the bundle in dist/ inlines every library', () => {
    expect({ ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies }).toEqual({});
  });
});
