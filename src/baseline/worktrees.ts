// The temporary git worktrees that baseline-ref builds from. Their folder names
// carry the run id and the process id, so `worker-gate clean` finds a crashed
// run's worktrees (and `--all` tells a live run's from a dead one's) with no
// state file; the repository they belong to is read from the worktree's `.git`.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RUN_ID_PATTERN } from '../model/run-id.js';
import type { RunProcess } from '../process/run.js';

const PREFIX = 'worker-gate-baseline-';
const WORKTREE_DIR = new RegExp(`^${PREFIX}(${RUN_ID_PATTERN})-(\\d+)-[^-]+$`);

export interface RunWorktree {
  dir: string;
  run: string;
  pid: number;
}

/** A new empty folder for run `runId`'s worktree. */
export function makeWorktreeDir(runId: string, root = os.tmpdir()): string {
  return mkdtempSync(path.join(root, `${PREFIX}${runId}-${process.pid}-`));
}

/** `worker-gate-baseline-<run id>-<pid>-<random>` → its run and pid. */
export function parseWorktreeDir(name: string): { run: string; pid: number } | undefined {
  const match = WORKTREE_DIR.exec(name);
  return match ? { run: match[1] as string, pid: Number(match[2]) } : undefined;
}

export function listRunWorktrees(runId: string | undefined, root = os.tmpdir()): RunWorktree[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const parsed = parseWorktreeDir(name);
    if (!parsed || (runId && parsed.run !== runId)) return [];
    return [{ dir: path.join(root, name), ...parsed }];
  });
}

/** The repository a worktree belongs to, from its `.git` file (`gitdir: <repo>/.git/worktrees/<name>`). */
export function repositoryOfWorktree(dir: string): string | undefined {
  try {
    const line = readFileSync(path.join(dir, '.git'), 'utf8').trim();
    const gitdir = /^gitdir:\s*(.+)$/.exec(line)?.[1];
    const at = gitdir?.lastIndexOf(`${path.sep}worktrees${path.sep}`) ?? -1;
    return gitdir && at > 0 ? path.dirname(gitdir.slice(0, at)) : undefined;
  } catch {
    return undefined;
  }
}

/** Remove the folder, then let its repository forget it. */
export async function removeWorktree(w: RunWorktree, runProcess: RunProcess): Promise<void> {
  const repo = repositoryOfWorktree(w.dir);
  rmSync(w.dir, { recursive: true, force: true });
  if (repo && existsSync(repo)) {
    await runProcess('git', ['-C', repo, 'worktree', 'prune']);
  }
}
