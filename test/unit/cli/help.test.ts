import { expect, test } from 'vitest';
import { runCli } from '../../../src/cli.js';
import { TOOL_VERSION } from '../../../src/version.js';

async function capture(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env: {},
    cwd: process.cwd(),
  });
  return { code, out, err };
}

test.each(['build', 'check', 'e2e', 'verify'])(
  '`%s --help` lists its options and an example, exit 0',
  async (command) => {
    const run = await capture([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`Usage: worker-gate ${command} [options]`);
    expect(run.out).toContain('--report <FILE>');
    expect(run.out).toContain(`Example:\n  $ worker-gate ${command}`);
  },
);

test('--version prints the version, exit 0', async () => {
  const run = await capture(['--version']);
  expect(run.code).toBe(0);
  expect(run.out.trim()).toBe(TOOL_VERSION);
});

test('an unknown option is a usage error: exit 2 and one line naming it', async () => {
  const run = await capture(['check', '--image', 'x', '--max-img-size', '1GB']);
  expect(run.code).toBe(2);
  expect(run.err.split('\n')[0]).toContain("unknown option '--max-img-size'");
});

test('an unknown command is a usage error with exit 2', async () => {
  const run = await capture(['lint']);
  expect(run.code).toBe(2);
});

test.each([
  [['--concurrent-workers', '17'], 'invalid --concurrent-workers "17": expected a whole number ≥ 0 and ≤ 16'],
  [['--concurrent-workers', '-1'], 'invalid --concurrent-workers "-1": expected a whole number ≥ 0 and ≤ 16'],
  [['--env', 'PYTHONPATH'], 'invalid --env "PYTHONPATH": expected KEY=VALUE, like PIP_NO_INPUT=1'],
  [['--scaffold-cache', 'mine'], 'invalid --scaffold-cache "mine": expected one of own, shared'],
])('e2e %j is bad input before any engine call: exit 2, one line naming the input', async (args, line) => {
  const run = await capture(['e2e', '--image', 'x', ...args]);
  expect(run.code).toBe(2);
  expect(run.err.split('\n')[0]).toContain(line);
});
