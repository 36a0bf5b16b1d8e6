import { expect, test } from 'vitest';
import { runCli } from '../../../src/cli.js';
import { TOOL_VERSION } from '../../../src/model/version.js';

async function capture(argv: string[], helpColumns?: number) {
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
    ...(helpColumns ? { helpColumns } : {}),
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
  expect(run.err.split('\n')[0]).toBe(
    'worker-gate: error: unknown option --max-img-size (did you mean --max-image-size?)',
  );
});

test('a bad flag set: every problem in one run, the unknown flag with the nearest one', async () => {
  const run = await capture([
    'verify',
    '--max-image-sise',
    '400MB',
    '--warm-runs',
    '99',
    '--cache-layout',
    'x',
  ]);
  expect(run.code).toBe(2);
  expect(run.out).toBe('');
  expect(run.err).toBe(
    [
      'worker-gate: error: unknown option --max-image-sise (did you mean --max-image-size?)',
      '  invalid --warm-runs "99": expected a whole number ≥ 1 and ≤ 20',
      '  invalid --cache-layout "x": expected one of separate, shared, both',
      '',
    ].join('\n'),
  );
});

test("another command's flag says which commands take it; a stray argument is named; explain lists them too", async () => {
  const run = await capture(['check', '--image', 'x', '--cache-layout', 'both', 'extra']);
  expect(run.code).toBe(2);
  expect(run.err).toBe(
    [
      'worker-gate: error: check has no option --cache-layout: it is an option of e2e, verify',
      '  check takes no argument "extra": options start with --',
      '',
    ].join('\n'),
  );
  const explained = await capture(['explain', '--warm-run', '3']);
  expect(explained.code).toBe(2);
  expect(explained.err).toContain('unknown option --warm-run (did you mean --warm-runs?)');
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
    /--memory <SIZE> +Memory limit of each\s+worker\s+container\.\s+\(default: 2GiB\)/,
  );
  expect(section('End to end')).toMatch(/--trust-template [\s\S]*?\(default: false\)/);
  const tail = run.out.slice(run.out.indexOf('Exit status:'));
  for (const code of ['0 ', '1 ', '2 ', '130 ']) expect(tail).toContain(`\n  ${code}`);
  expect(tail).toContain('143');
  for (const variable of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH'])
    expect(tail).toContain(variable);
});

test('`explain --help` takes the same options as verify', async () => {
  const verify = await capture(['verify', '--help']);
  const explain = await capture(['explain', '--help']);
  const flags = (text: string) => [...text.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]);
  expect(explain.code).toBe(0);
  expect(flags(explain.out)).toEqual(flags(verify.out));
});

const exitCodes = (help: string) =>
  [...help.slice(help.indexOf('Exit status:')).matchAll(/^ {2}(\d+) /gm)].map((m) => m[1]);

test.each([
  ['build', ['0', '1', '2', '130'], 'the build failed'],
  ['check', ['0', '1', '2', '130'], 'a contract check'],
  ['e2e', ['0', '1', '2', '130'], 'an end-to-end phase or a timing gate'],
  ['audit', ['0', '1', '2', '130'], 'a worker failed a check'],
  ['explain', ['0', '2'], 'never contacted'],
  ['clean', ['0', '2'], 'could not be removed'],
])("`%s --help` lists the command's own exit statuses", async (command, codes, words) => {
  const run = await capture([command, '--help']);
  expect(exitCodes(run.out)).toEqual(codes);
  expect(run.out.slice(run.out.indexOf('Exit status:'))).toContain(words);
  if (command !== 'verify') expect(run.out).not.toContain('a timing or size gate');
});

test.each([80, 72, 120])('help wraps at the width it is given (%i columns; 80 when piped)', async (width) => {
  for (const command of ['build', 'check', 'e2e', 'verify', 'audit', 'explain', 'clean', '--help']) {
    const run = await capture(command === '--help' ? ['--help'] : [command, '--help'], width);
    // Only a word longer than the room left may stand out (a path after a wide flag column).
    const long = run.out.split('\n').filter((line) => line.length > width && line.trim().includes(' '));
    expect({ command, long }).toEqual({ command, long: [] });
  }
});

test("each command's --skip-check help gives its own ids as examples", async () => {
  const skipHelp = async (command: string) => {
    const { out } = await capture([command, '--help'], 200);
    return out.split('\n').find((line) => line.includes('--skip-check')) ?? '';
  };
  const audit = await skipHelp('audit');
  expect(audit).toMatch(/like worker-user, /);
  expect(audit).not.toMatch(/non-root-user|cache-shared/);
  const check = await skipHelp('check');
  expect(check).toMatch(/like non-root-user, /);
  expect(check).not.toMatch(/worker-user|cache-shared/);
  expect(await skipHelp('e2e')).toMatch(/like cache-shared, /);
});

test('an example cut to fit is still one shell command: each cut line ends with a backslash, before a flag', async () => {
  const { out } = await capture(['audit', '--help']);
  const example = out.slice(out.indexOf('Example:\n') + 9).split('\n\n')[0] ?? '';
  expect(example.split('\n')).toEqual([
    '  $ DOCKER_HOST=ssh://ops@workers-1 worker-gate audit \\',
    '    --filter label=role=worker --expect-image worker:1.4.2',
  ]);
});

test("`merge --help` says what merge's --baseline-report is: a merged report or a single run's, per cell", async () => {
  const run = await capture(['merge', '--help']);
  expect(run.code).toBe(0);
  expect(run.out.replace(/\s+/g, ' ')).toContain(
    "merge: a merged report or a single run's, each cell compared with its own cell in it",
  );
});
