// The worker's side of project-calls-removed-tool, run with this host's sh in a
// temp tree: scripts/project-files.sh reads the project's Makefile, hooks and
// scripts, scripts/command-paths.sh asks which tools the worker has after all.
// Then the whole chain, as the scenario runs it: a hook that calls bare ruff,
// run on a PATH without ruff and on one with it.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { commandPathsCommand, parseCommandPaths } from '../../../../src/e2e/evidence/command-paths.js';
import { notFoundCommand } from '../../../../src/e2e/evidence/not-found.js';
import {
  isProjectScriptPath,
  MAX_FILE_BYTES,
  parseProjectFiles,
} from '../../../../src/e2e/evidence/project-files.js';
import { callOutcomes, removedToolCalls } from '../../../../src/e2e/evidence/removed-tool-calls.js';
import { JOINED, readProjectCommand } from '../../../../src/e2e/run/read-project.js';
import { judge } from '../../../../src/judge/judge.js';
import type { E2eReport } from '../../../../src/model/report.js';
import { configWith } from '../../judge/measured.js';

const root = mkdtempSync(path.join(tmpdir(), 'wg-removed tools-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A command array of ours, run by this host's sh as the worker runs it. */
function run(command: string[], cwd: string, env: Record<string, string> = {}): string {
  const [program = '', ...args] = command;
  return execFileSync(program, args, {
    cwd,
    env: { PATH: '/usr/bin:/bin', ...env },
    encoding: 'utf8',
    stdio: 'pipe',
  });
}

/**
 * read-project.sh as the scaffolder runs it after the scaffold (its scratch folder absent here), by
 * this host's sh: its records, on stderr (nothing runs after it here).
 */
function readRecords(cwd: string, env: Record<string, string> = {}, limits = {}): string {
  const [program = '', ...args] = [
    ...readProjectCommand(cwd, { scratch: path.join(root, 'no scratch'), ...limits }),
    ...JOINED,
    'true',
  ];
  const r = spawnSync(program, args, { env: { PATH: '/usr/bin:/bin', ...env }, encoding: 'utf8' });
  return r.stderr;
}

function tree(name: string, files: Record<string, string | Buffer>): string {
  const dir = path.join(root, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

describe('project-files.sh, in read-project.sh', () => {
  const project = tree('a project', {
    Makefile: 'lint:\n\truff check .\n',
    GNUmakefile: 'include Makefile\n',
    '.githooks/pre-commit': '#!/bin/sh\nruff format .',
    '.githooks/with space': 'pytest\n',
    '.githooks/lib/helpers.sh': 'mypy\n',
    '.githooks/compiled': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]),
    'scripts/a b.sh': 'echo "a b"\n',
    'scripts/notes.txt': 'ruff\n',
    'scripts/big.sh': `${'# filler\n'.repeat(MAX_FILE_BYTES / 9 + 10)}ruff\n`,
    'hooks-source/pre-push': 'xenon .\n',
    'README.md': 'ruff\n',
  });
  symlinkSync('../hooks-source/pre-push', path.join(project, '.githooks/pre-push'));

  test('reads the Makefiles, the hooks and scripts/*.sh as text, paths with spaces, symlinks as their targets', () => {
    const read = parseProjectFiles(readRecords(project));
    expect(read?.files.map((f) => f.path)).toEqual([
      'GNUmakefile',
      'Makefile',
      '.githooks/pre-commit',
      '.githooks/pre-push',
      '.githooks/with space',
      'scripts/a b.sh',
      'scripts/big.sh',
    ]);
    expect(read?.files[2]).toEqual({ path: '.githooks/pre-commit', text: '#!/bin/sh\nruff format .' });
    expect(read?.files[3]?.text).toBe('xenon .');
  });

  test('a binary file is skipped, a long one cut at MAX_FILE_BYTES, both noted', () => {
    const read = parseProjectFiles(readRecords(project));
    const big = read?.files.find((f) => f.path === 'scripts/big.sh');
    expect(big?.text.length).toBeLessThanOrEqual(MAX_FILE_BYTES);
    expect(big?.text).not.toContain('ruff');
    expect(read?.notes).toEqual([
      '.githooks/compiled: binary, not read',
      expect.stringMatching(/^scripts\/big\.sh: \d+ bytes, only the first 262144 read$/),
    ]);
  });

  test('its selection is the one the template side maps onto (isProjectScriptPath)', () => {
    const all = (readdirSync(project, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((e) => e.isFile() || e.isSymbolicLink())
      .map((e) => path.relative(project, path.join(e.parentPath, e.name)));
    const read = parseProjectFiles(readRecords(project));
    const skipped = ['.githooks/compiled'];
    expect(
      all
        .filter(isProjectScriptPath)
        .filter((p) => !skipped.includes(p))
        .sort(),
    ).toEqual(read?.files.map((f) => f.path).sort());
  });

  test('at most MAX_FILES files, and a limit record says so', () => {
    const out = readRecords(project, {}, { maxBytes: 1000, maxFiles: 2 });
    expect(parseProjectFiles(out)).toEqual({
      files: [
        { path: 'GNUmakefile', text: 'include Makefile' },
        { path: 'Makefile', text: 'lint:\n\truff check .' },
      ],
      notes: ['more than 2 files: the rest not read'],
    });
  });

  test('an empty project: no files; a cut-off output: nothing', () => {
    const empty = tree('empty project', { 'app.py': 'print(1)\n' });
    const out = readRecords(empty);
    expect(parseProjectFiles(out)).toEqual({ files: [], notes: [] });
    expect(parseProjectFiles(out.replace('@@wg done', ''))).toBeUndefined();
  });
});

describe('command-paths.sh', () => {
  const bin = path.join(root, 'tool bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'ruff'), '#!/bin/sh\necho ruff 0.9\n');
  chmodSync(path.join(bin, 'ruff'), 0o755);

  test('the tools found on the PATH, with their paths; builtins and missing tools are not', () => {
    const out = run(commandPathsCommand(['ruff', 'mypy', 'echo']), root, { PATH: `${bin}:/usr/bin:/bin` });
    expect(parseCommandPaths(out)).toEqual(new Map([['ruff', path.join(bin, 'ruff')]]));
    expect(parseCommandPaths(run(commandPathsCommand(['ruff']), root))).toEqual(new Map());
  });
});

describe('the chain: a hook calling bare ruff', () => {
  const project = tree('hooked project', {
    '.githooks/pre-commit': '#!/bin/sh\nset -e\nruff check .\n',
  });
  const fakeRuff = path.join(root, 'image with ruff');
  mkdirSync(fakeRuff);
  writeFileSync(path.join(fakeRuff, 'ruff'), '#!/bin/sh\nexit 0\n');
  chmodSync(path.join(fakeRuff, 'ruff'), 0o755);

  /** The check on an image whose PATH is `imagePath`: read, run the hook as a phase would, ask, judge. */
  function checkOn(imagePath: string) {
    const env = { PATH: imagePath };
    const files = parseProjectFiles(readRecords(project, env))?.files ?? [];
    const calls = removedToolCalls(files, ['ruff', 'pytest']);
    let output = '';
    try {
      execFileSync('sh', ['.githooks/pre-commit'], { cwd: project, env, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      output = (err as { stderr: string }).stderr;
    }
    const notFound = new Set(output.split('\n').flatMap((l) => notFoundCommand(l) ?? []));
    const provided =
      parseCommandPaths(run(commandPathsCommand(['ruff', 'pytest']), project, env)) ?? new Map();
    const e2e: E2eReport = {
      template: { source: 't', ref: 'HEAD', data: {} },
      runs: [],
      layouts: [],
      setup: null,
      projectCalls: callOutcomes(calls, { notFound, provided }),
    };
    return judge(configWith(), { command: 'e2e', e2e }).checks.find(
      (c) => c.check.id === 'project-calls-removed-tool',
    )?.check;
  }

  test('on the slim image: reported with file:line, not found', () => {
    const check = checkOn('/usr/bin:/bin');
    expect(check).toMatchObject({ status: 'warn', found: [{ path: '.githooks/pre-commit:3' }] });
    expect(check?.detail).toContain('`.githooks/pre-commit:3` calls ruff, not found');
  });

  test('on an image that has ruff: listed as provided, and the check passes', () => {
    const check = checkOn(`${fakeRuff}:/usr/bin:/bin`);
    expect(check).toMatchObject({ status: 'pass', found: [{ path: '.githooks/pre-commit:3' }] });
    expect(check?.detail).toContain(`\`.githooks/pre-commit:3\` calls ruff, provided by ${fakeRuff}/ruff`);
  });
});
