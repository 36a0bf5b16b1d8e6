// The host's git, for the baseline at a ref: a worktree of the base commit,
// so the baseline is built from that commit's files, not today's. It runs
// through the run's process runner: a git that waits (a credential prompt,
// a lock) is stopped at engine-timeout, and Ctrl-C stops it.
import type { RunProcess } from '../process/run.js';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type Git = (args: string[], cwd: string) => Promise<GitResult>;

export function hostGit(runProcess: RunProcess): Git {
  return async (args, cwd) => {
    const result = await runProcess('git', args, {
      cwd,
      // No terminal prompt: a git that wants a password fails instead of waiting.
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
      allowFailure: true,
    });
    return { code: result.exitCode, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
  };
}
