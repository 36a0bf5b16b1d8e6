// `worker-gate clean` through the CLI's front door: its flags are the option
// table's, and bad input is refused before the engine is contacted.
import { expect, test } from 'vitest';
import { runCli } from '../../../src/cli.js';

const NO_ENGINE = { DOCKER_HOST: 'unix:///nonexistent/worker-gate-test.sock' };

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
    env: NO_ENGINE,
    cwd: process.cwd(),
  });
  return { code, out, err };
}

test("`clean --help` shows the table's rows: its own flags, and engine-timeout as every command has it", async () => {
  const run = await capture(['clean', '--help']);
  expect(run.code).toBe(0);
  expect(run.out).toMatch(/\nClean:\n {2}--run <ID> +The run whose objects to remove/);
  expect(run.out).toMatch(/\n {2}--all +Every run whose process is gone/);
  expect(run.out).toMatch(
    /\nEngine:\n {2}--engine-timeout <SECONDS> +Seconds any one Docker engine call \(and any\s+program run on the host/,
  );
  expect(run.out).toContain('(default: 120)');
  expect(run.out).not.toContain('--no-all');
});

test('a boolean no config file can set has no --no- form', async () => {
  const run = await capture(['clean', '--no-all', '--run', 'wg-m1abc2-3f9e01']);
  expect(run.code).toBe(2);
  expect(run.err.split('\n')[0]).toBe('worker-gate: error: unknown option --no-all');
});

test('bad input: exit 2, every problem on its own line, and no engine contacted', async () => {
  const run = await capture(['clean', '--run', 'x', '--all', '--engine-timeout', '0']);
  expect(run.code).toBe(2);
  expect(run.err).toBe(
    [
      'worker-gate: error: clean needs exactly one of --run ID and --all',
      `worker-gate: error: invalid --run "x": expected a run id like wg-m1abc2-3f9e01 (the first line of a run's output)`,
      'worker-gate: error: invalid --engine-timeout "0": expected a whole number of seconds > 0 and ≤ 3600',
      '',
    ].join('\n'),
  );
});

test('good input goes on to the engine the environment names', async () => {
  const run = await capture(['clean', '--all', '--engine-timeout', '5']);
  expect(run.code).toBe(2);
  expect(run.err).toContain(`no Docker engine answers at DOCKER_HOST=${NO_ENGINE.DOCKER_HOST}`);
});
