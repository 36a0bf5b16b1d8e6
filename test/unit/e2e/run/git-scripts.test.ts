// The e2e's git phases (scripts/scaffold.sh, push-scaffold.sh, push-work.sh) run
// with this host's sh and git in a temp folder, a stand-in for copier included:
// the values go in as arguments, so paths with spaces survive.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { hookBlameCommand, parseHookBlame } from '../../../../src/e2e/evidence/hook-blame.js';
import { workPushCommand, workRefspec, workSubject } from '../../../../src/e2e/run/phase-commands.js';
import PUSH_SCAFFOLD_SH from '../../../../src/e2e/run/scripts/push-scaffold.sh';
import PUSH_WORK_SH from '../../../../src/e2e/run/scripts/push-work.sh';
import SCAFFOLD_SH from '../../../../src/e2e/run/scripts/scaffold.sh';

const root = mkdtempSync(path.join(tmpdir(), 'wg-git scripts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const env = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: root,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'worker-gate',
  GIT_AUTHOR_EMAIL: 'worker-gate@example.invalid',
  GIT_COMMITTER_NAME: 'worker-gate',
  GIT_COMMITTER_EMAIL: 'worker-gate@example.invalid',
};
const sh = (script: string, args: string[], cwd = root) =>
  execFileSync('sh', ['-c', script, 'test', ...args], { cwd, env, encoding: 'utf8', stdio: 'pipe' });
const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-C', dir, ...args], { env, encoding: 'utf8', stdio: 'pipe' }).trim();

const origin = path.join(root, 'origin repo/main.git');
const project = path.join(root, 'work a/project');
const template = path.join(root, 'template copy');
mkdirSync(path.dirname(origin), { recursive: true });
mkdirSync(path.dirname(project), { recursive: true });
mkdirSync(template);
writeFileSync(path.join(template, 'copier.yml'), 'name: demo\n');
// copier's stand-in: writes the project (a Python file without a final newline) and notes the uv cache it ran on.
const copier = [
  'sh',
  '-c',
  'mkdir -p "$1" && printf %s "$UV_CACHE_DIR" > "$1/cache-used" && printf "x = 1" > "$1/app.py"',
  'copier',
  project,
];

describe('the git phases of the e2e', () => {
  test("scaffold: a bare origin on main, the template made a repository, copier on the scaffolder's cache, the project a repository", () => {
    execFileSync('sh', ['-c', SCAFFOLD_SH, 'test', origin, project, template, ...copier], {
      cwd: root,
      env: { ...env, UV_CACHE_DIR: '/scaffolder/cache' },
      stdio: 'pipe',
    });
    expect(git(origin, 'symbolic-ref', 'HEAD')).toBe('refs/heads/main');
    expect(git(origin, 'rev-parse', '--is-bare-repository')).toBe('true');
    expect(git(template, 'log', '--format=%s')).toBe('Template as uploaded');
    expect(readFileSync(path.join(project, 'cache-used'), 'utf8')).toBe('/scaffolder/cache');
    expect(git(project, 'rev-parse', '--is-inside-work-tree')).toBe('true');
  });

  test('scaffold without a template to initialise leaves the template alone', () => {
    const other = path.join(root, 'other project');
    sh(SCAFFOLD_SH, [path.join(root, 'o2.git'), other, '', 'sh', '-c', 'mkdir -p "$1"', 'copier', other]);
    expect(() => git(other, 'log')).toThrow(); // a fresh repository: no commits yet
  });

  test('a failing copier stops the scaffold (set -e): no project repository', () => {
    const failed = path.join(root, 'failed project');
    expect(() => sh(SCAFFOLD_SH, [path.join(root, 'o3.git'), failed, '', 'false'])).toThrow();
    expect(() => git(failed, 'rev-parse')).toThrow();
  });

  test("the scaffolder pushes the scaffold as main; a developer's work follows as a commit of its own that changes a file", () => {
    sh(PUSH_SCAFFOLD_SH, [origin], project);
    expect(git(origin, 'log', '--format=%s', 'main')).toBe('Scaffold the project from its template');
    const clone = path.join(root, 'work b1/project');
    execFileSync('git', ['clone', '-q', origin, clone], { env, stdio: 'pipe' });
    sh(PUSH_WORK_SH, [workSubject('b 1'), workRefspec('b1')], clone);
    expect(git(origin, 'log', '--format=%s', 'work/b1').split('\n')).toEqual([
      'Work of worker b 1',
      'Scaffold the project from its template',
    ]);
    // Not an empty commit: a comment line of its own appended to the first tracked Python file.
    expect(git(origin, 'diff', '--name-only', 'main', 'work/b1')).toBe('app.py');
    expect(git(origin, 'show', 'work/b1:app.py')).toBe('x = 1\n# Work of worker b 1');
    // A second developer from the same start pushes its own branch: no race for one ref.
    const other = path.join(root, 'work b2/project');
    execFileSync('git', ['clone', '-q', origin, other], { env, stdio: 'pipe' });
    sh(PUSH_WORK_SH, [workSubject('b2'), workRefspec('b2')], other);
    expect(git(origin, 'log', '-1', '--format=%s', 'work/b2')).toBe('Work of worker b2');
  });

  test('a project without a tracked Python file still commits (empty) and pushes', () => {
    const bare = path.join(root, 'nopy.git');
    const dir = path.join(root, 'nopy');
    execFileSync('git', ['init', '-q', '--bare', bare], { env });
    execFileSync('git', ['init', '-q', dir], { env });
    writeFileSync(path.join(dir, 'README'), 'hi\n');
    sh(PUSH_SCAFFOLD_SH, [bare], dir);
    sh(PUSH_WORK_SH, [workSubject('a'), workRefspec('a')], dir);
    expect(git(bare, 'log', '-1', '--format=%s', 'work/a')).toBe('Work of worker a');
  });
});

/** A project whose hooks (core.hooksPath .githooks, as make setup sets it) are real templates' shapes. */
function hookedProject(name: string, hooks: Record<string, string>): { project: string; origin: string } {
  const base = path.join(root, name);
  const origin = path.join(base, 'origin.git');
  const project = path.join(base, 'project');
  mkdirSync(path.join(project, '.githooks'), { recursive: true });
  execFileSync('git', ['init', '-q', '--bare', origin], { env });
  git(origin, 'symbolic-ref', 'HEAD', 'refs/heads/main');
  execFileSync('git', ['init', '-q', project], { env });
  writeFileSync(path.join(project, 'app.py'), 'print("hi")\n');
  for (const [hook, body] of Object.entries(hooks))
    writeFileSync(path.join(project, '.githooks', hook), body, { mode: 0o755 });
  git(project, 'config', 'core.hooksPath', '.githooks');
  return { project, origin };
}

// The diff a real template's pre-push hook computes, under set -euo pipefail: on a
// one-commit repository pushed to an empty origin all three fail.
const PRE_PUSH_HEAD1 = `#!/usr/bin/env bash
set -euo pipefail
changed=$(git diff --name-only '@{push}...HEAD' 2>/dev/null || git diff --name-only origin/main...HEAD 2>/dev/null || git diff --name-only HEAD~1)
echo "pre-push marker: $changed"
`;

describe("the first push is the scaffolder's, hooks off; a developer's push runs them", () => {
  test('a pre-push hook diffing against HEAD~1 fails a first push with hooks on (positive control)', () => {
    const { project, origin } = hookedProject('control', { 'pre-push': PRE_PUSH_HEAD1 });
    git(project, 'add', '-A');
    git(project, 'commit', '-q', '-m', 'first');
    expect(() => git(project, 'push', '-q', origin, 'HEAD:refs/heads/main')).toThrow(/failed to push/);
  });

  test('push-scaffold.sh pushes past pre-commit and pre-push hooks that would fail, then restores core.hooksPath', () => {
    const { project, origin } = hookedProject('first', {
      'pre-push': PRE_PUSH_HEAD1,
      'pre-commit': '#!/bin/sh\necho refused; exit 1\n',
    });
    sh(PUSH_SCAFFOLD_SH, [origin], project);
    expect(git(origin, 'log', '--format=%s', 'main')).toBe('Scaffold the project from its template');
    expect(git(project, 'config', 'core.hooksPath')).toBe('.githooks');
  });

  test('push-scaffold.sh leaves core.hooksPath unset when it was unset, and restores it after a failed push', () => {
    const { project } = hookedProject('unset', {});
    git(project, 'config', '--unset', 'core.hooksPath');
    sh(PUSH_SCAFFOLD_SH, [path.join(root, 'unset/origin.git')], project);
    expect(() => git(project, 'config', 'core.hooksPath')).toThrow();
    const failing = hookedProject('failing', {});
    expect(() => sh(PUSH_SCAFFOLD_SH, [path.join(root, 'no such origin.git')], failing.project)).toThrow();
    expect(git(failing.project, 'config', 'core.hooksPath')).toBe('.githooks');
  });

  test("a developer's push runs the pre-push hook, which now finds origin/main", () => {
    const { project, origin } = hookedProject('developer', { 'pre-push': PRE_PUSH_HEAD1 });
    sh(PUSH_SCAFFOLD_SH, [origin], project);
    const clone = path.join(root, 'developer/clone');
    execFileSync('git', ['clone', '-q', origin, clone], { env, stdio: 'pipe' });
    git(clone, 'config', 'core.hooksPath', '.githooks');
    writeFileSync(path.join(clone, 'app.py'), 'print("hi")\n# work\n');
    const out = execFileSync(workPushCommand('a')[0] as string, workPushCommand('a').slice(1), {
      cwd: clone,
      env,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    expect(out).toContain('pre-push marker: app.py');
    expect(git(origin, 'log', '-1', '--format=%s', 'work/a')).toBe(workSubject('a'));
  });
});

describe('hook-blame.sh names the hook that refused a push phase', () => {
  const blame = (cwd: string) => {
    const [cmd, ...args] = hookBlameCommand(workSubject('a'), 'origin', workRefspec('a'));
    return parseHookBlame(execFileSync(cmd as string, args, { cwd, env, encoding: 'utf8', stdio: 'pipe' }));
  };
  /** A clone of a pushed project, with `hooks` installed after the first push, and the work push tried. */
  function failedWork(
    name: string,
    hooks: Record<string, string>,
    before: (clone: string) => void = () => {},
  ) {
    const { project, origin } = hookedProject(name, {});
    sh(PUSH_SCAFFOLD_SH, [origin], project);
    const clone = path.join(root, name, 'clone');
    execFileSync('git', ['clone', '-q', origin, clone], { env, stdio: 'pipe' });
    mkdirSync(path.join(clone, '.githooks'), { recursive: true });
    for (const [hook, body] of Object.entries(hooks))
      writeFileSync(path.join(clone, '.githooks', hook), body, { mode: 0o755 });
    git(clone, 'config', 'core.hooksPath', '.githooks');
    before(clone);
    const [cmd, ...args] = workPushCommand('a');
    expect(() => execFileSync(cmd as string, args, { cwd: clone, env, stdio: 'pipe' })).toThrow();
    return clone;
  }

  test('a pre-push hook that exits 1', () => {
    const clone = failedWork('blame-push', { 'pre-push': '#!/bin/sh\nexit 1\n' });
    expect(blame(clone)).toEqual({ step: 'push', name: 'pre-push', file: '.githooks/pre-push' });
  });

  test('a pre-commit hook that exits 1', () => {
    const clone = failedWork('blame-commit', { 'pre-commit': '#!/bin/sh\nexit 1\n' });
    expect(blame(clone)).toEqual({ step: 'commit', name: 'pre-commit', file: '.githooks/pre-commit' });
  });

  test('a push the origin rejects, with a pre-push hook that passes, blames no hook', () => {
    const clone = failedWork('blame-none', { 'pre-push': '#!/bin/sh\nexit 0\n' }, (c) => {
      // Someone else pushed to the same branch first: the work push is not a fast-forward.
      const other = path.join(root, 'blame-none', 'other');
      execFileSync('git', ['clone', '-q', path.join(root, 'blame-none', 'origin.git'), other], { env });
      git(other, 'commit', '-q', '--allow-empty', '-m', 'theirs');
      git(other, 'push', '-q', 'origin', 'HEAD:refs/heads/work/a');
      git(c, 'commit', '-q', '--allow-empty', '-m', 'local');
    });
    expect(blame(clone)).toBeUndefined();
  });

  test('a hook file that is not executable is not blamed', () => {
    const clone = failedWork('blame-noexec', { 'pre-push': '#!/bin/sh\nexit 0\n' }, (c) => {
      writeFileSync(path.join(c, '.githooks', 'pre-commit'), '#!/bin/sh\nexit 1\n', { mode: 0o644 });
      git(c, 'config', 'remote.origin.url', path.join(root, 'nowhere.git'));
    });
    expect(blame(clone)).toBeUndefined();
  });
});
