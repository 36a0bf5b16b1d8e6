// The command a line of a phase's output says could not be found, as each
// runner of commands words it:
//   dash        sh: 1: ruff: not found        .githooks/pre-commit: 5: ruff: not found
//   busybox ash sh: ruff: not found           .githooks/pre-commit: line 5: ruff: not found
//   bash        bash: ruff: command not found  .githooks/pre-commit: line 5: ruff: command not found
//   zsh         zsh: command not found: ruff
//   make        make: ruff: No such file or directory    make: ruff: Command not found
//   env, xargs, nice, nohup, timeout, stdbuf: env: ‘ruff’: No such file or directory,
//               nohup: failed to run command 'ruff': No such file or directory
// A shell's `exec: ruff: not found` names ruff too.
import { stripAnsi } from '../../model/text.js';

// The name: no spaces, colons or quotes (env and timeout quote it, in the locale's quotes).
const PATTERNS: readonly RegExp[] = [
  // A shell: its name or script, an optional line number, an optional `exec:`.
  /^\S[^:]*: (?:line )?(?:\d+: )?(?:exec: )?([^\s:'"‘’]+): (?:command )?not found$/,
  /^zsh: command not found: ([^\s:'"‘’]+)$/,
  /^(?:g?make(?:\[\d+\])?|env|xargs|nice): ['‘]?([^\s:'"‘’]+)['’]?: (?:No such file or directory|Command not found)$/,
  /^(?:nohup|timeout|stdbuf): failed to run command ['‘]?([^\s:'"‘’]+)['’]?: No such file or directory$/,
];

export function notFoundCommand(line: string): string | undefined {
  const text = stripAnsi(line).replace(/\r$/, '').trim();
  for (const pattern of PATTERNS) {
    const m = pattern.exec(text);
    if (m) return m[1];
  }
  return undefined;
}
