// The host's git, for the baseline at a ref: a worktree of the base commit,
// so the baseline is built from that commit's files, not today's.
import { getExecOutput } from '@actions/exec';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type Git = (args: string[], cwd: string) => Promise<GitResult>;

export const hostGit: Git = async (args, cwd) => {
  const out = await getExecOutput('git', args, { cwd, ignoreReturnCode: true, silent: true });
  return { code: out.exitCode, stdout: out.stdout.trim(), stderr: out.stderr.trim() };
};
