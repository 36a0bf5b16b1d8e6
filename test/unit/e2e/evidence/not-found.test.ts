// The command a phase's line says could not be found: the lines this host's
// dash, bash, make and coreutils print, and the words of the shells it lacks.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { notFoundCommand } from '../../../../src/e2e/evidence/not-found.js';

const root = mkdtempSync(path.join(tmpdir(), 'wg-not found-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const MISSING = 'wg-missing-tool';

/** What a program printed when it ran a command that is not there. */
function printed(program: string, args: string[], cwd = root): string {
  try {
    execFileSync(program, args, {
      cwd,
      encoding: 'utf8',
      stdio: 'pipe',
      env: { PATH: '/usr/bin:/bin', HOME: root },
    });
  } catch (err) {
    const lines = ((err as { stderr?: string }).stderr ?? '').split('\n');
    return lines.find((l) => l.includes(MISSING)) ?? '';
  }
  throw new Error(`${program} found ${MISSING}`);
}

describe('lines this host prints', () => {
  const hook = path.join(root, 'pre-commit');
  writeFileSync(hook, `\n${MISSING} format .\n`);
  writeFileSync(path.join(root, 'Makefile'), `lint:\n\t${MISSING} check .\n`);

  test.each([
    ['sh -c', () => printed('sh', ['-c', `${MISSING} x`])],
    ['a script run by sh', () => printed('sh', [hook])],
    ['sh exec', () => printed('sh', ['-c', `exec ${MISSING}`])],
    ['bash -c', () => printed('bash', ['-c', `${MISSING} x`])],
    ['a script run by bash', () => printed('bash', [hook])],
    ['make', () => printed('make', ['-s', 'lint'])],
    ['env', () => printed('env', [MISSING])],
    ['xargs', () => printed('sh', ['-c', `echo x | xargs ${MISSING}`])],
    ['timeout', () => printed('timeout', ['5', MISSING])],
    ['nohup', () => printed('nohup', [MISSING])],
  ])('%s', (_, run) => {
    const line = run();
    expect({ line, command: notFoundCommand(line) }).toEqual({ line, command: MISSING });
  });
});

describe('the words of other shells and makes', () => {
  test.each([
    'sh: 1: ruff: not found',
    '/bin/sh: 3: ruff: not found',
    '.githooks/pre-commit: 5: ruff: not found',
    'sh: ruff: not found',
    '.githooks/pre-commit: line 5: ruff: not found',
    'bash: ruff: command not found',
    'line 3: ruff: command not found',
    '/work/p/.githooks/pre-push: line 12: ruff: command not found',
    'bash: line 1: exec: ruff: not found',
    'zsh: command not found: ruff',
    'make: ruff: No such file or directory',
    'make: ruff: Command not found',
    'make[1]: ruff: No such file or directory',
    "env: 'ruff': No such file or directory",
    'env: ‘ruff’: No such file or directory',
    "nohup: failed to run command 'ruff': No such file or directory",
    '\u001b[31mbash: ruff: command not found\u001b[0m\r',
  ])('%s', (line) => {
    expect(notFoundCommand(line)).toBe('ruff');
  });

  test.each([
    'ruff: 3 files would be reformatted',
    'error: ruff check found 2 errors',
    'make: *** [Makefile:7: lint] Error 127',
    'cat: ruff.toml: No such file or directory',
    'warning: ruff not found, skipping formatting',
    'E   ModuleNotFoundError: No module named ruff',
  ])('not a missing command: %s', (line) => {
    expect(notFoundCommand(line)).toBeUndefined();
  });
});
