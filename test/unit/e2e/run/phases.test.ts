import { describe, expect, test } from 'vitest';
import { recordPhase, runPhase, tail } from '../../../../src/e2e/run/phases.js';
import type { Worker } from '../../../../src/e2e/worker/worker.js';
import type { Log } from '../../../../src/model/log.js';

const role = { worker: 'A' as const, layout: 'separate' as const, title: 'worker A (cold, separate layout)' };
const req = {
  name: 'test' as const,
  label: 'make test',
  cmd: ['make', 'test'],
  workdir: '/w',
  timeoutSeconds: 900,
};

describe('recorded phases', () => {
  const output = `${Array.from({ length: 80 }, (_, i) => `line ${i + 1}`).join('\n')}\n\u001b[31mFAILED tests/test_x.py::test_y\u001b[0m\n`;

  test('the last 50 lines, without colour codes', () => {
    const lines = tail(output).split('\n');
    expect(lines).toHaveLength(50);
    expect(lines.at(-1)).toBe('FAILED tests/test_x.py::test_y');
    expect(lines[0]).toBe('line 32');
  });

  test('a non-zero exit or a timeout is recorded as a failed phase with its tail; a pass is not', () => {
    const exited = recordPhase(role, req, { seconds: 3.0004, exitCode: 2, timedOut: false, output });
    expect(exited.phase).toEqual({
      name: 'test',
      seconds: 3,
      exitCode: 2,
      timedOut: false,
      logTail: tail(output),
    });
    expect(exited.failed).toEqual({
      worker: 'A',
      title: 'worker A (cold, separate layout)',
      name: 'test',
      label: 'make test',
      timeoutSeconds: 900,
      phase: exited.phase,
    });
    const timedOut = recordPhase(role, req, { seconds: 900, exitCode: 0, timedOut: true, output: 'x' });
    expect(timedOut.failed?.phase.timedOut).toBe(true);
    const passed = recordPhase(role, req, { seconds: 1, exitCode: 0, timedOut: false, output: 'ok' });
    expect(passed.failed).toBeUndefined();
    expect(passed.phase.logTail).toBeUndefined();
  });
});

describe('a phase in the log', () => {
  /** A worker whose every exec ends with `exitCode` (or a timeout), and a log that keeps what groups said. */
  function run(result: { exitCode: number | null; timedOut: boolean }) {
    const closings: (string | undefined)[] = [];
    const log: Log = {
      info: () => {},
      warn: () => {},
      detail: () => {},
      group: async (_title, fn, failed) => {
        const r = await fn();
        closings.push(failed?.(r));
        return r;
      },
    };
    const worker = {
      exec: async () => ({ ...result, seconds: 0.2, output: 'hook said no\n', lineCount: 1 }),
    } as unknown as Worker;
    return runPhase(worker, role, req, log).then(() => closings);
  }

  test.each([
    [{ exitCode: 1, timedOut: false }, 'exit 1'],
    [{ exitCode: 0, timedOut: true }, 'timed out'],
    [{ exitCode: 0, timedOut: false }, undefined],
  ])('the group is told the phase %j failed: %s', async (result, why) => {
    expect(await run(result)).toEqual([why]);
  });
});

describe("a phase that pays its worker's reap first", () => {
  test("its exec is the pool's; the reap's seconds are not the phase's, and the outcome says them", async () => {
    const log: Log = { info: () => {}, warn: () => {}, detail: () => {}, group: async (_t, fn) => fn() };
    const worker = {
      exec: async () => {
        throw new Error("the worker's own exec is not used when the request brings one");
      },
    } as unknown as Worker;
    const seen: string[][] = [];
    const outcome = await runPhase(
      worker,
      role,
      {
        ...req,
        exec: async (cmd) => {
          seen.push(cmd);
          return {
            exitCode: 0,
            timedOut: false,
            seconds: 3.25,
            output: 'ok\n',
            lineCount: 1,
            reapSeconds: 0.05,
          };
        },
      },
      log,
    );
    expect(seen).toEqual([req.cmd]);
    expect(outcome.phase.seconds).toBe(3.2);
    expect(outcome.reapSeconds).toBe(0.05);
    // No reap: nothing to take out.
    const plain = await runPhase(
      {
        exec: async () => ({ exitCode: 0, timedOut: false, seconds: 3.25, output: '', lineCount: 0 }),
      } as unknown as Worker,
      role,
      req,
      log,
    );
    expect(plain.phase.seconds).toBe(3.25);
    expect(plain.reapSeconds).toBeUndefined();
  });
});

describe('a phase whose exec ran a command of ours first (the evidence before a setup)', () => {
  test("what it wrote is the outcome's, and its time (ours HUNDREDTHS) is not the phase's", async () => {
    const log: Log = { info: () => {}, warn: () => {}, detail: () => {}, group: async (_t, fn) => fn() };
    const seen: (readonly string[] | undefined)[] = [];
    const before = [
      '/usr/bin/python3',
      '-I',
      '-S',
      '/worker-gate-tools/evidence.py',
      'sync',
      'cache',
      '/c',
      'then',
    ];
    const outcome = await runPhase(
      {} as Worker,
      role,
      {
        ...req,
        before,
        exec: async (_cmd, _opts, b) => {
          seen.push(b);
          return {
            exitCode: 0,
            timedOut: false,
            seconds: 3.5,
            output: 'ok\n',
            lineCount: 1,
            reapSeconds: 0.05,
            ours: '@@wg cache\n@@wg ours 30\n@@wg done\n',
          };
        },
      },
      log,
    );
    expect(seen).toEqual([before]);
    expect(outcome.phase.seconds).toBe(3.15);
    expect(outcome.before).toEqual({ output: '@@wg cache\n@@wg ours 30\n@@wg done\n', seconds: 0.3 });
    expect(outcome.reapSeconds).toBe(0.05);
  });
});
