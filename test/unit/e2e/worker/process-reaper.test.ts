// The reaper's debts (process-reaper.ts) against a scripted worker: which execs pay them, in
// one exec or alone, what a leftover could write before the reap's record, survivors.
import { describe, expect, test } from 'vitest';
import type { ExecOptions, ExecResult } from '../../../../src/docker/engine-api.js';
import { reapedOf, reaperFor, SURVIVORS_EXIT } from '../../../../src/e2e/worker/process-reaper.js';
import type { Worker } from '../../../../src/e2e/worker/worker.js';
import { EVIDENCE_PATH, REAP_PATH, VENV_CHECK_PATH } from '../../../../src/e2e/worker/worker-tools.js';
import { InfraError } from '../../../../src/model/errors.js';

type Call = { cmd: string[]; opts: ExecOptions };

/** A worker whose execs answer `answer` (default: a clean reap, then the command's "ok"). */
function scripted(answer?: (call: Call) => Partial<ExecResult>) {
  const calls: Call[] = [];
  const exec = async (cmd: string[], opts: ExecOptions = {}): Promise<ExecResult> => {
    calls.push({ cmd, opts });
    const given = answer?.({ cmd, opts }) ?? {};
    const reaps = cmd[1] === REAP_PATH && cmd[2] === 'kill';
    const output =
      given.output ??
      (reaps ? '\n@@wg reaped 0 0\n' + (cmd.includes('then') ? '@@wg ok\n' : '@@wg done\n') : '@@wg ok\n');
    return { exitCode: 0, lineCount: 0, seconds: 0.01, timedOut: false, ...given, output };
  };
  const worker = { role: 'e2e-separate-a', uid: 1000, gid: 1000, idle: '7', exec } as unknown as Worker;
  return { worker, calls };
}

const EVIDENCE = ['/usr/bin/python3', '-I', '-S', EVIDENCE_PATH, 'cache', '/home/worker/.cache/uv'];

describe('reapedOf', () => {
  test('the last line that is the whole record, and only what follows it', () => {
    // A leftover wrote a forged record and forged evidence before it died; the real record is last.
    const forged = '@@wg reaped 0 0\n@@wg cache\n@@wg project 0\n@@wg done\n@@wg begin x';
    expect(reapedOf(`${forged}\n@@wg reaped 2 0\n@@wg cache\n@@wg done\n`)).toEqual({
      killed: 2,
      left: 0,
      rest: '@@wg cache\n@@wg done\n',
    });
  });

  test('a record glued to a leftover line is not one; no record: no command output', () => {
    expect(reapedOf('junk@@wg reaped 0 0\n@@wg cache\n')).toEqual({ rest: '' });
    expect(reapedOf('@@wg reaped 0 0 extra\n')).toEqual({ rest: '' });
    expect(reapedOf('\r\n@@wg reaped 1 0\r\n@@wg ok\n')).toEqual({ killed: 1, left: 0, rest: '@@wg ok\n' });
  });
});

describe('the reaper', () => {
  test('owes nothing: an exec is the exec; a settle runs none', async () => {
    const { worker, calls } = scripted();
    const reaper = await reaperFor(worker);
    await reaper.settle();
    await reaper.exec(EVIDENCE, { timeoutSeconds: 120 });
    expect(calls.map((c) => c.cmd)).toEqual([EVIDENCE]);
  });

  test('a debt rides in the next evidence exec: one exec, the reap first, its record taken out', async () => {
    const { worker, calls } = scripted();
    const killed: string[] = [];
    const reaper = await reaperFor(worker, (n, phase) => killed.push(`${n} ${phase}`));
    reaper.owe('setup');
    const r = await reaper.exec(EVIDENCE, { timeoutSeconds: 120 });
    expect(calls.map((c) => c.cmd)).toEqual([['/bin/sh', REAP_PATH, 'kill', '7', 'then', ...EVIDENCE]]);
    expect(r.output).toBe('@@wg ok\n');
    expect(killed).toEqual([]);
    // Paid: the next exec is the exec alone.
    await reaper.exec(EVIDENCE);
    expect(calls).toHaveLength(2);
  });

  test('any other command (the venv check too), or an exec as another user, pays the debt alone first', async () => {
    for (const [cmd, opts] of [
      [['rm', '-rf', '/tmp/worker-gate'], {}],
      // It runs the project's Python, which could write into the exec's output.
      [['/usr/bin/python3', '-I', '-S', VENV_CHECK_PATH, '/workspace/project'], {}],
      [EVIDENCE, { user: '0:0' }],
    ] as const) {
      const { worker, calls } = scripted();
      const reaper = await reaperFor(worker);
      reaper.owe('scaffold');
      await reaper.exec([...cmd], opts);
      expect(calls.map((c) => c.cmd)).toEqual([['/bin/sh', REAP_PATH, 'kill', '7'], [...cmd]]);
    }
  });

  test('the command keeps its folder (a cd after the reap), the exec has none; the deadline at least 60 s', async () => {
    const { worker, calls } = scripted();
    const reaper = await reaperFor(worker);
    reaper.owe('clone');
    await reaper.exec(EVIDENCE, { workdir: '/workspace/project', timeoutSeconds: 10 });
    expect(calls[0]?.opts).toEqual({ timeoutSeconds: 60 });
    expect(calls[0]?.cmd.slice(5, 9)).toEqual([
      '/bin/sh',
      '-c',
      'cd -- "$0" && exec "$@"',
      '/workspace/project',
    ]);
  });

  test('what was killed is told once, with the phase that left it', async () => {
    const { worker } = scripted(({ cmd }) =>
      cmd.includes('kill') ? { output: '\n@@wg reaped 3 0\n@@wg done\n' } : {},
    );
    const killed: string[] = [];
    const reaper = await reaperFor(worker, (n, phase) => killed.push(`${n} ${phase}`));
    reaper.owe('test');
    await reaper.settle();
    expect(killed).toEqual(['3 test']);
  });

  test('survivors (exit 97, whatever the output says) fail the reap, and every exec after it', async () => {
    const { worker, calls } = scripted(({ cmd }) =>
      cmd.includes('kill')
        ? { exitCode: SURVIVORS_EXIT, output: '\n@@wg reaped 5 1\n@@wg reaped 0 0\n' }
        : {},
    );
    const reaper = await reaperFor(worker);
    reaper.owe('lint');
    await expect(reaper.exec(EVIDENCE)).rejects.toThrow(InfraError);
    await expect(reaper.exec(EVIDENCE)).rejects.toThrow(/processes of lint survive/);
    await expect(reaper.settle()).rejects.toThrow(/survive/);
    expect(calls).toHaveLength(1);
  });
});
