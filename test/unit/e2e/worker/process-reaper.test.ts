// The reaper's debts (process-reaper.ts) against a scripted worker: which execs pay them, in
// one exec or alone, what a leftover could write before the reap's record, survivors.
import { describe, expect, test } from 'vitest';
import type { ExecOptions, ExecResult } from '../../../../src/docker/engine-api.js';
import {
  reapedOf,
  reaperFor,
  SURVIVORS_EXIT,
  TRUSTED_REAP_SECONDS,
} from '../../../../src/e2e/worker/process-reaper.js';
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

  // A phase's exec (the project's command) pays the debt in the same exec: reap.sh's record goes
  // to stderr, which nothing of the project's holds; the project's output is the phase's, whole.
  const MAKE = ['sh', '/tmp/worker-gate-profile/make-profiled.sh', 'test'];
  const phaseAnswer =
    (stderr: string, given: Partial<ExecResult> = {}) =>
    ({ cmd }: Call): Partial<ExecResult> =>
      cmd.includes('phase') || cmd.includes('ours')
        ? { output: '@@wg reaped 0 0 1\nproject output\n', stderr, seconds: 4.2, ...given }
        : {};

  test('a phase pays the debt in its own exec: the record from stderr, its time apart, the output untouched', async () => {
    const { worker, calls } = scripted(
      phaseAnswer('junk from a leftover\n@@wg reaped 0 0 1\n\n@@wg reaped 2 0 3\n'),
    );
    const killed: string[] = [];
    const reaper = await reaperFor(worker, (n, phase) => killed.push(`${n} ${phase}`));
    reaper.owe('lint');
    const r = await reaper.execPhase(MAKE, {
      workdir: '/workspace/project',
      timeoutSeconds: 900,
      stopContainer: true,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.cmd).toEqual([
      '/bin/sh',
      REAP_PATH,
      'kill',
      '7',
      'phase',
      '/bin/sh',
      '-c',
      'cd -- "$0" && exec "$@"',
      '/workspace/project',
      ...MAKE,
    ]);
    expect(calls[0]?.opts).toEqual({ timeoutSeconds: 900, stopContainer: true, stderrApart: true });
    // The last record on stderr is reap.sh's; the project's own lines, a forged record among them, stay its output.
    expect(killed).toEqual(['2 lint']);
    expect(r.reapSeconds).toBe(0.03);
    expect(r.output).toBe('@@wg reaped 0 0 1\nproject output\n');
    expect(r.seconds).toBe(4.2);
    expect(r).not.toHaveProperty('stderr');
    // Paid: the next phase is the exec alone, as asked.
    const next = await reaper.execPhase(MAKE, { workdir: '/workspace/project' });
    expect(calls[1]).toEqual({ cmd: MAKE, opts: { workdir: '/workspace/project' } });
    expect(next.reapSeconds).toBeUndefined();
  });

  test('a phase with no debt is its exec alone; one as another user pays the debt alone first', async () => {
    const { worker, calls } = scripted();
    const reaper = await reaperFor(worker);
    await reaper.execPhase(MAKE, { workdir: '/w' });
    expect(calls.map((c) => c.cmd)).toEqual([MAKE]);
    reaper.owe('push');
    await reaper.execPhase(MAKE, { user: '0:0' });
    expect(calls.map((c) => c.cmd.slice(0, 5))).toEqual([MAKE, ['/bin/sh', REAP_PATH, 'kill', '7'], MAKE]);
  });

  test("survivors (exit 97 and a record that says so, whatever is appended after it) fail the phase's reap, and what comes after", async () => {
    for (const stderr of ['\n@@wg reaped 4 1 2\n', '\n@@wg reaped 4 1 2\n\n@@wg reaped 0 0 1\n']) {
      const { worker } = scripted(phaseAnswer(stderr, { exitCode: SURVIVORS_EXIT }));
      const reaper = await reaperFor(worker);
      reaper.owe('setup');
      await expect(reaper.execPhase(MAKE), stderr).rejects.toThrow(/processes of setup survive/);
      await expect(reaper.settle()).rejects.toThrow(InfraError);
    }
  });

  test("the project's own exit 97 (nothing left) is the phase's; a leftover's forged survivors record without it too", async () => {
    for (const [stderr, exitCode] of [
      ['\n@@wg reaped 1 0 2\n', SURVIVORS_EXIT],
      ['\n@@wg reaped 0 3 1\n\n@@wg reaped 2 0 2\n', 1],
    ] as const) {
      const { worker } = scripted(phaseAnswer(stderr, { exitCode }));
      const reaper = await reaperFor(worker);
      reaper.owe('test');
      const r = await reaper.execPhase(MAKE);
      expect(r.exitCode).toBe(exitCode);
      expect(r.reapSeconds).toBe(0.02);
    }
  });

  test('no record on stderr fails the reap, said as such; quoted to one short line', async () => {
    for (const stderr of ['', 'reap.sh: killed\n', '\n@@wg reaped 1 0\n', `${'x'.repeat(5000)}\n`]) {
      const { worker } = scripted(phaseAnswer(stderr, { exitCode: 137 }));
      const reaper = await reaperFor(worker);
      reaper.owe('setup');
      const err = await reaper.execPhase(MAKE).catch((e: Error) => e);
      expect(err).toBeInstanceOf(InfraError);
      expect((err as Error).message).toMatch(/the reap of what setup left gave no record .*exit 137/);
      expect((err as Error).message.length).toBeLessThan(400);
    }
  });

  test("a reap held up by a leftover takes no more than a reap's time out of the phase", async () => {
    const { worker } = scripted(phaseAnswer('\n@@wg reaped 1 0 3000\n', { seconds: 40 }));
    const reaper = await reaperFor(worker);
    reaper.owe('push');
    const r = await reaper.execPhase(MAKE);
    expect(r.reapSeconds).toBe(TRUSTED_REAP_SECONDS);
    expect(r.seconds).toBe(40);
  });

  test("past its deadline: with its container stopped, the phase's timeout; else what was owed is owed again", async () => {
    const { worker, calls } = scripted(phaseAnswer('', { timedOut: true, exitCode: null }));
    const reaper = await reaperFor(worker);
    reaper.owe('setup');
    const r = await reaper.execPhase(MAKE, { stopContainer: true, timeoutSeconds: 1 });
    expect(r.timedOut).toBe(true);
    expect(r.reapSeconds).toBeUndefined();
    expect(r).not.toHaveProperty('stderr');
    // With a command of ours before it: what that said before the deadline is still read.
    reaper.owe('clone');
    const before = await reaper.execPhase(MAKE, { stopContainer: true, timeoutSeconds: 1 }, ['ours-cmd']);
    expect(before.ours).toBe('');
    reaper.owe('scaffold');
    await reaper.execPhase(['rm', '-rf', '/tmp/worker-gate'], { timeoutSeconds: 60 });
    await reaper.settle();
    // The second reap ran out of time without stopping the container: the settle paid it again.
    expect(calls.map((c) => c.cmd.slice(0, 5).join(' '))).toEqual([
      `/bin/sh ${REAP_PATH} kill 7 phase`,
      `/bin/sh ${REAP_PATH} kill 7 ours`,
      `/bin/sh ${REAP_PATH} kill 7 phase`,
      `/bin/sh ${REAP_PATH} kill 7`,
    ]);
  });

  test("a command of ours before the phase (its evidence) rides in the phase's exec, its records read from stderr", async () => {
    const BEFORE = ['/usr/bin/python3', '-I', '-S', EVIDENCE_PATH, 'sync', 'cache', '/c', 'then'];
    const { worker, calls } = scripted(({ cmd }) =>
      cmd.includes('ours')
        ? { output: 'make said\n', stderr: 'junk\n@@wg reaped 1 0 3\n@@wg cache\n@@wg ours 4\n@@wg done\n' }
        : { output: 'make said\n', stderr: '@@wg cache\n@@wg ours 4\n@@wg done\n' },
    );
    const reaper = await reaperFor(worker);
    // No debt: the exec is ours then the phase's, stderr apart, all of it ours.
    const plain = await reaper.execPhase(MAKE, { workdir: '/w' }, BEFORE);
    expect(calls[0]).toEqual({ cmd: [...BEFORE, ...MAKE], opts: { workdir: '/w', stderrApart: true } });
    expect(plain.ours).toBe('@@wg cache\n@@wg ours 4\n@@wg done\n');
    expect(plain.output).toBe('make said\n');
    // A debt: reap.sh … ours, and only what follows its record is ours.
    reaper.owe('clone');
    const paid = await reaper.execPhase(MAKE, { workdir: '/w' }, BEFORE);
    expect(calls[1]?.cmd).toEqual([
      '/bin/sh',
      REAP_PATH,
      'kill',
      '7',
      'ours',
      ...BEFORE,
      '/bin/sh',
      '-c',
      'cd -- "$0" && exec "$@"',
      '/w',
      ...MAKE,
    ]);
    expect(paid.ours).toBe('@@wg cache\n@@wg ours 4\n@@wg done\n');
    expect(paid.reapSeconds).toBe(0.03);
  });
});
