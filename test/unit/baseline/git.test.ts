// The host's git for baseline-ref, run through the run's process runner.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { hostGit } from '../../../src/baseline/git.js';
import { Redactor } from '../../../src/model/redact.js';
import { ProcessError, processRunner } from '../../../src/process/run.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wg-git-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a git that fails is a result (its exit code and trimmed output), never with a terminal prompt', async () => {
  const git = hostGit(processRunner({ timeoutSeconds: 60, redactor: new Redactor() }));
  const prompt = await git(['-c', 'alias.prompt=!printf "%s\\n" "$GIT_TERMINAL_PROMPT"', 'prompt'], dir);
  expect(prompt).toEqual({ code: 0, stdout: '0', stderr: '' });
  const outside = await git(['rev-parse', '--show-toplevel'], dir);
  expect(outside.code).toBe(128);
  expect(outside.stderr).toMatch(/^fatal: not a git repository/);
});

test("a git that waits (here on a program it started) is stopped at the run's engine-timeout, naming the command and the folder", async () => {
  const git = hostGit(processRunner({ timeoutSeconds: 1, redactor: new Redactor() }));
  const started = performance.now();
  const err = await git(['-c', 'alias.wait=!sleep 40', 'wait'], dir).catch((e: unknown) => e);
  expect((performance.now() - started) / 1000).toBeLessThan(20);
  expect(err).toBeInstanceOf(ProcessError);
  expect((err as ProcessError).message).toBe(
    `\`git -c 'alias.wait=!sleep 40' wait\` in ${dir} did not finish within 1 s (engine-timeout), and was stopped`,
  );
}, 60_000);
