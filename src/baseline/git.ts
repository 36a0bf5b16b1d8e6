// The host's git, for the baseline at a ref: a worktree of the base commit,
// so the baseline is built from that commit's files, not today's. Every git
// command is bounded by engine-timeout: a git that waits (a credential prompt,
// a lock) must not hold the run.
import { execFile } from 'node:child_process';
import { InfraError } from '../model/errors.js';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type Git = (args: string[], cwd: string) => Promise<GitResult>;

export function hostGit(timeoutSeconds = 120): Git {
  return (args, cwd) =>
    new Promise((resolve, reject) => {
      execFile(
        'git',
        args,
        // No terminal prompt: a git that wants a password fails instead of waiting.
        { cwd, timeout: timeoutSeconds * 1000, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
        (err, stdout, stderr) => {
          const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
          if (e?.killed) {
            reject(
              new InfraError(
                `git ${args[0]} did not finish within ${timeoutSeconds} s (engine-timeout) in ${cwd}`,
              ),
            );
          } else if (e && typeof e.code !== 'number') {
            reject(new InfraError(`cannot run git in ${cwd}: ${e.message}`));
          } else {
            resolve({ code: e ? Number(e.code) : 0, stdout: stdout.trim(), stderr: stderr.trim() });
          }
        },
      );
    });
}
