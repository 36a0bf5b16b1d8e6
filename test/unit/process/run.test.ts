// The runner against real short processes on this host (sh, sleep, head):
// no mocks. Times are never asserted beyond "stopped well before the program
// would have ended by itself".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Redactor } from '../../../src/model/redact.js';
import { commandLine, ProcessError, processRunner } from '../../../src/process/run.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wg-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ENV = { PATH: process.env.PATH };
const run = processRunner({ timeoutSeconds: 60, redactor: new Redactor() });
const sh = (script: string) => ['-c', script] as const;
/** A long sleep that ends the test run if the runner failed to stop it; every stop below is asserted well under it. */
const LONG = 40;
const SLOW_TEST = 60_000;

async function failure(promise: Promise<unknown>): Promise<ProcessError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProcessError);
  return err as ProcessError;
}

async function secondsOf(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

describe('a program that ends by itself', () => {
  test('gives its exit code and both outputs, as written', async () => {
    const result = await run('sh', sh('printf "out\\n"; printf "err\\n" >&2'), { env: ENV });
    expect(result).toEqual({ exitCode: 0, stdout: 'out\n', stderr: 'err\n', cut: { stdout: 0, stderr: 0 } });
  });

  test('sees exactly the environment the caller gives, nothing of this process besides', async () => {
    process.env.WG_RUN_TEST_LEAK = 'leaked';
    try {
      const result = await run('sh', sh('printf "%s|%s" "$GIVEN" "$WG_RUN_TEST_LEAK"'), {
        env: { ...ENV, GIVEN: 'given' },
      });
      expect(result.stdout).toBe('given|');
    } finally {
      delete process.env.WG_RUN_TEST_LEAK;
    }
  });

  test('reads its stdin from input, and runs in cwd', async () => {
    const result = await run('sh', sh('cat; pwd'), { env: ENV, input: 'from stdin\n', cwd: dir });
    expect(result.stdout).toBe(`from stdin\n${dir}\n`);
  });

  test('gets an empty stdin without input, so it cannot wait for one', async () => {
    expect((await run('sh', sh('cat; echo done'), { env: ENV })).stdout).toBe('done\n');
  });

  test('a non-zero exit is an error naming the command, the exit code and the last lines of stderr', async () => {
    const err = await failure(
      run('sh', sh('for i in $(seq 1 30); do echo "line $i" >&2; done; exit 3'), { env: ENV, cwd: dir }),
    );
    expect(err.failure).toBe('exit');
    expect(err.exitCode).toBe(3);
    expect(err.message).toBe(
      `\`sh -c 'for i in $(seq 1 30); do echo "line $i" >&2; done; exit 3'\` in ${dir} exited with 3`,
    );
    const detail = err.detail?.split('\n') ?? [];
    // Ten lines of 7 bytes and newline: `line 1\n` … `line 9\n`, `line 10\n`.
    expect(detail[0]).toBe('… (71 B before these)');
    expect(detail.slice(1)).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i + 11}`));
  });

  test('with allowFailure a non-zero exit is a result', async () => {
    const result = await run('sh', sh('echo no >&2; exit 5'), { env: ENV, allowFailure: true });
    expect(result.exitCode).toBe(5);
    expect(result.stderr).toBe('no\n');
  });

  test('a program killed by a signal is an error saying which', async () => {
    const err = await failure(run('sh', sh('kill -KILL $$'), { env: ENV, allowFailure: true }));
    expect(err.failure).toBe('signal');
    expect(err.message).toMatch(/was killed by SIGKILL$/);
  });
});

test('onStderr sees stderr as it arrives, characters whole, besides the kept end', async () => {
  const seen: string[] = [];
  // é is two bytes, written one byte at a time: the chunks split it.
  const result = await run('sh', sh("printf 'a\\303' >&2; sleep 0.2; printf '\\251b\\n' >&2"), {
    env: ENV,
    onStderr: (chunk) => seen.push(chunk),
  });
  expect(seen.join('')).toBe('aéb\n');
  expect(seen.every((chunk) => !chunk.includes('\ufffd'))).toBe(true);
  expect(result.stderr).toBe('aéb\n');
});

describe('a program that cannot start', () => {
  test('is not on PATH: the error says so', async () => {
    const err = await failure(run('wg-no-such-program', ['get'], { env: ENV }));
    expect(err.failure).toBe('not-started');
    expect(err.message).toBe(
      'cannot run `wg-no-such-program get`: wg-no-such-program is not installed or not on PATH',
    );
  });

  test('in a folder that is not there: the error names the folder', async () => {
    const missing = path.join(dir, 'missing');
    const err = await failure(run('sh', sh('true'), { env: ENV, cwd: missing }));
    expect(err.failure).toBe('not-started');
    expect(err.message).toContain(`in ${missing}: `);
    expect(err.message).toContain(`cwd`);
  });
});

describe('output is bounded', () => {
  test('keeps the last bytes of each stream and says how many were cut', async () => {
    const result = await run('sh', sh('head -c 3000000 /dev/zero | tr "\\0" a; echo END'), {
      env: ENV,
      keepBytes: 1024,
    });
    expect(result.stdout).toBe(`${'a'.repeat(1020)}END\n`);
    expect(result.cut).toEqual({ stdout: 3_000_000 + 4 - 1024, stderr: 0 });
  });

  test("an error's detail is short, and says how much of stderr came before it", async () => {
    const err = await failure(
      run('sh', sh('head -c 300000 /dev/zero | tr "\\0" x >&2; printf "\\nlast\\n" >&2; exit 1'), {
        env: ENV,
        keepBytes: 8192,
      }),
    );
    const [head, ...shown] = err.detail?.split('\n') ?? [];
    expect(shown.join('\n')).toBe(`${'x'.repeat(4000 - 5)}\nlast`);
    // 300,000 x's and a newline, less the 3,995 shown.
    expect(head).toBe('… (296 kB before these)');
  });
});

describe('the deadline', () => {
  test(
    "the run's engine-timeout stops a program that waits, and the error names it",
    async () => {
      const quick = processRunner({ timeoutSeconds: 1, redactor: new Redactor() });
      let err: ProcessError | undefined;
      const seconds = await secondsOf(async () => {
        err = await failure(quick('sleep', [String(LONG)], { env: ENV }));
      });
      expect(err?.failure).toBe('deadline');
      expect(err?.message).toBe(
        `\`sleep ${LONG}\` did not finish within 1 s (engine-timeout), and was stopped`,
      );
      expect(seconds).toBeLessThan(LONG / 2);
    },
    SLOW_TEST,
  );

  test(
    "a call's own deadline wins, and stops the program's children too (they hold its output open)",
    async () => {
      let err: ProcessError | undefined;
      const seconds = await secondsOf(async () => {
        err = await failure(
          run('sh', sh(`echo started >&2; sleep ${LONG} & sleep ${LONG}; wait`), {
            env: ENV,
            timeoutSeconds: 1,
          }),
        );
      });
      expect(err?.failure).toBe('deadline');
      expect(err?.message).toMatch(/did not finish within 1 s, and was stopped$/);
      expect(err?.detail).toBe('started');
      expect(seconds).toBeLessThan(LONG / 2);
    },
    SLOW_TEST,
  );

  test(
    'a program that ignores SIGTERM is killed',
    async () => {
      const seconds = await secondsOf(() =>
        failure(run('sh', sh(`trap "" TERM; sleep ${LONG}`), { env: ENV, timeoutSeconds: 1 })),
      );
      expect(seconds).toBeLessThan(LONG / 2);
    },
    SLOW_TEST,
  );
});

describe("the run's abort", () => {
  test(
    'stops a program in flight, and the error gives the reason',
    async () => {
      const control = new AbortController();
      const aborting = processRunner({
        timeoutSeconds: 120,
        signal: control.signal,
        redactor: new Redactor(),
      });
      let err: ProcessError | undefined;
      const seconds = await secondsOf(async () => {
        const running = aborting('sh', sh(`sleep ${LONG} & sleep ${LONG}; wait`), { env: ENV });
        setTimeout(() => control.abort(new Error('interrupted by SIGINT: the run was stopped')), 300);
        err = await failure(running);
      });
      expect(err?.failure).toBe('aborted');
      expect(err?.message).toMatch(/^`sh -c .*` was stopped: interrupted by SIGINT: the run was stopped$/);
      expect(seconds).toBeLessThan(LONG / 2);
    },
    SLOW_TEST,
  );

  test('once aborted, nothing new starts', async () => {
    const control = new AbortController();
    control.abort(new Error('the engine stopped answering'));
    const aborted = processRunner({ timeoutSeconds: 120, signal: control.signal, redactor: new Redactor() });
    const marker = path.join(dir, 'ran');
    const err = await failure(aborted('touch', [marker], { env: ENV }));
    expect(err.failure).toBe('aborted');
    expect(err.message).toBe(`\`touch ${marker}\` was stopped: the engine stopped answering`);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('redaction', () => {
  const secret = 's3cret-t0ken';
  const redacting = processRunner({ timeoutSeconds: 60, redactor: new Redactor([secret]) });

  test("the error's command line and stderr lines are redacted; stdout comes back as written", async () => {
    const err = await failure(
      redacting('sh', sh(`echo "token ${secret}" >&2; echo https://u:pw@h.example/r >&2; exit 1`), {
        env: ENV,
      }),
    );
    expect(err.message).not.toContain(secret);
    expect(err.message).toContain('***');
    expect(err.detail).toBe('token ***\nhttps://***@h.example/r');
    const result = await redacting('sh', sh(`echo ${secret}`), { env: ENV });
    expect(result.stdout).toBe(`${secret}\n`);
  });

  test('stdout never reaches an error (a credential helper prints its secret there)', async () => {
    const err = await failure(run('sh', sh('echo "{\\"Secret\\":\\"x\\"}"; exit 1'), { env: ENV }));
    expect(err.detail).toBeUndefined();
  });
});

test('a command line is shown as a shell would take it', () => {
  expect(commandLine('git', ['-C', '/a dir', 'log', "--format=%H it's", '-z'])).toBe(
    `git -C '/a dir' log '--format=%H it'\\''s' -z`,
  );
});

test(
  'when worker-gate itself exits (a second Ctrl-C), the programs it runs are stopped with it',
  async () => {
    // A real Node process that runs a program through the runner, then exits while it runs.
    const { build } = await import('esbuild');
    const pidFile = path.join(dir, 'group.pid');
    const bundled = await build({
      stdin: {
        contents: `
          import { existsSync } from 'node:fs';
          import { Redactor } from './src/model/redact.ts';
          import { processRunner } from './src/process/run.ts';
          const run = processRunner({ timeoutSeconds: 120, redactor: new Redactor() });
          run('sh', ['-c', 'echo $$ > ${pidFile}; sleep ${LONG} & sleep ${LONG}; wait']).catch(() => {});
          const wait = setInterval(() => { if (existsSync('${pidFile}')) { clearInterval(wait); process.exit(130); } }, 20);
        `,
        resolveDir: path.resolve(import.meta.dirname, '../../..'),
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      // CommonJS dependencies inside an ESM bundle still call require(), as in scripts/bundle.mjs.
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
      write: false,
      logLevel: 'silent',
    });
    const script = path.join(dir, 'exits.mjs');
    writeFileSync(script, bundled.outputFiles[0]?.text ?? '');
    const exited = spawnSync(process.execPath, [script], { timeout: 30_000 });
    expect(exited.status).toBe(130);
    const group = Number(readFileSync(pidFile, 'utf8'));
    // The group is gone: signal 0 to it finds nobody.
    let alive = true;
    for (let i = 0; i < 50 && alive; i++) {
      try {
        process.kill(-group, 0);
        await new Promise((r) => setTimeout(r, 100));
      } catch {
        alive = false;
      }
    }
    expect(alive).toBe(false);
  },
  SLOW_TEST,
);
