// The baseline's temporary worktrees: named for their run, and forgotten by
// their repository once removed (git runs through the run's process runner).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { listRunWorktrees, makeWorktreeDir, removeWorktree } from '../../../src/baseline/worktrees.js';
import { Redactor } from '../../../src/model/redact.js';
import { processRunner } from '../../../src/process/run.js';

const root = mkdtempSync(path.join(tmpdir(), 'wg-worktrees-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
    cwd,
    stdio: 'pipe',
  }).toString();

test("a run's worktree is found by its run id, then removed and forgotten by its repository", async () => {
  const repo = path.join(root, 'repo');
  execFileSync('mkdir', [repo]);
  git(repo, 'init', '-q');
  writeFileSync(path.join(repo, 'Dockerfile'), 'FROM scratch\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'one');
  const runId = 'wg-m1abc2-3f9e01';
  const dir = makeWorktreeDir(runId, root);
  git(repo, 'worktree', 'add', '-q', '--detach', dir, 'HEAD');
  const [found, ...others] = listRunWorktrees(runId, root);
  expect(others).toEqual([]);
  expect(found).toEqual({ dir, run: runId, pid: process.pid });
  expect(listRunWorktrees('wg-other-000000', root)).toEqual([]);

  await removeWorktree(
    found as NonNullable<typeof found>,
    processRunner({ timeoutSeconds: 60, redactor: new Redactor() }),
  );
  expect(existsSync(dir)).toBe(false);
  expect(git(repo, 'worktree', 'list', '--porcelain')).not.toContain(dir);
});
