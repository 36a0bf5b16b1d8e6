// The e2e's git phases (scripts/scaffold.sh, push-scaffold.sh, push-work.sh) run
// with this host's sh and git in a temp folder, a stand-in for copier included:
// the values go in as arguments, so paths with spaces survive.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import PUSH_SCAFFOLD_SH from '../../../src/e2e/scripts/push-scaffold.sh';
import PUSH_WORK_SH from '../../../src/e2e/scripts/push-work.sh';
import SCAFFOLD_SH from '../../../src/e2e/scripts/scaffold.sh';

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
const cache = path.join(root, 'scaffold cache');
mkdirSync(path.dirname(origin), { recursive: true });
mkdirSync(path.dirname(project), { recursive: true });
mkdirSync(template);
writeFileSync(path.join(template, 'copier.yml'), 'name: demo\n');
// copier's stand-in: writes the project and notes the uv cache it was given.
const copier = [
  'sh',
  '-c',
  'mkdir -p "$1" && printf %s "$UV_CACHE_DIR" > "$1/cache-used"',
  'copier',
  project,
];

describe('the git phases of the e2e', () => {
  test('scaffold: a bare origin on main, the template made a repository, copier with its own cache, the project a repository', () => {
    sh(SCAFFOLD_SH, [origin, project, template, cache, ...copier]);
    expect(git(origin, 'symbolic-ref', 'HEAD')).toBe('refs/heads/main');
    expect(git(origin, 'rev-parse', '--is-bare-repository')).toBe('true');
    expect(git(template, 'log', '--format=%s')).toBe('Template as uploaded');
    expect(readFileSync(path.join(project, 'cache-used'), 'utf8')).toBe(cache);
    expect(git(project, 'rev-parse', '--is-inside-work-tree')).toBe('true');
  });

  test("scaffold without a template to initialise or a cache of its own leaves the workers' cache", () => {
    const other = path.join(root, 'other project');
    const copierOther = [
      'sh',
      '-c',
      'mkdir -p "$1" && [ -z "$UV_CACHE_DIR" ] && echo unset > "$1/cache-used"',
    ];
    sh(SCAFFOLD_SH, [path.join(root, 'o2.git'), other, '', '', ...copierOther, 'copier', other]);
    expect(() => git(other, 'log')).toThrow(); // a fresh repository: no commits yet
    expect(readFileSync(path.join(other, 'cache-used'), 'utf8')).toBe('unset\n');
  });

  test('a failing copier stops the scaffold (set -e): no project repository', () => {
    const failed = path.join(root, 'failed project');
    expect(() => sh(SCAFFOLD_SH, [path.join(root, 'o3.git'), failed, '', '', 'false'])).toThrow();
    expect(() => git(failed, 'rev-parse')).toThrow();
  });

  test("worker A pushes the scaffold as main; a warm worker's work follows as a commit of its own", () => {
    sh(PUSH_SCAFFOLD_SH, [origin], project);
    expect(git(origin, 'log', '--format=%s', 'main')).toBe('Scaffold the project from its template');
    const clone = path.join(root, 'work b1/project');
    execFileSync('git', ['clone', '-q', origin, clone], { env, stdio: 'pipe' });
    sh(PUSH_WORK_SH, ['b 1'], clone);
    expect(git(origin, 'log', '--format=%s', 'main').split('\n')).toEqual([
      'Work of worker b 1',
      'Scaffold the project from its template',
    ]);
  });
});
