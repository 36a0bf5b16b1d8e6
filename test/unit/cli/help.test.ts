import { expect, test } from 'vitest';
import { runCli } from '../../../src/cli.js';
import { TOOL_VERSION } from '../../../src/model/version.js';

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

test('`verify --help` groups the options by section, in order, and ends with exit codes and the engine variables', async () => {
  const run = await capture(['verify', '--help']);
  const headings = run.out.split('\n').filter((line) => /^[A-Z][a-z ]+:$/.test(line));
  expect(headings).toEqual([
    'Build:',
    'Contract:',
    'End to end:',
    'Timing gates:',
    'Baseline:',
    'Matrix:',
    'Output:',
    'Engine:',
    'Example:',
    'Exit status:',
    'Engine variables:',
  ]);
  const section = (title: string) => run.out.slice(run.out.indexOf(`\n${title}:`)).split('\n\n')[0] ?? '';
  expect(section('Contract')).toContain('--max-wasted-bytes');
  expect(section('Timing gates')).toContain('--max-warm-setup-seconds');
  expect(section('Baseline')).toContain('--baseline-ref');
  expect(section('End to end')).toMatch(
    /--memory <SIZE> +Memory limit of each worker container\. \(default: 2GiB\)/,
  );
  expect(section('End to end')).toMatch(/--trust-template .*\(default: false\)/);
  const tail = run.out.slice(run.out.indexOf('Exit status:'));
  for (const code of ['0 ', '1 ', '2 ', '130 ']) expect(tail).toContain(`\n  ${code}`);
  expect(tail).toContain('143');
  for (const variable of ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH'])
    expect(tail).toContain(variable);
});

test('`explain --help` takes the same options as verify', async () => {
  const verify = await capture(['verify', '--help']);
  const explain = await capture(['explain', '--help']);
  const flags = (text: string) => [...text.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]);
  expect(explain.code).toBe(0);
  expect(flags(explain.out)).toEqual(flags(verify.out));
});
