// No process of one phase survives into the next (a leftover would skew the
// next phase's timing or touch its evidence): after every phase, before the
// next one and before the evidence is gathered, every process of the worker's
// user goes but the idle process that keeps the container up. Killed as the
// worker's own user (scripts/reap.sh): with cap_drop ALL a root exec cannot signal them.
//
// A phase leaves a debt rather than a reap of its own: the next exec of ours in
// that worker (its evidence, say) pays it in the same exec (`reap.sh kill PID
// then CMD`), so the reap costs no exec of its own where one follows; before any
// phase starts, and when the worker is released, a debt left is paid alone.
import type { ExecOptions, ExecResult } from '../../docker/engine-api.js';
import { InfraError } from '../../model/errors.js';
import { parseRecords, wholeNumber } from '../../model/script-records.js';
import type { Worker } from './worker.js';
import { EVIDENCE_PATH, REAP_PATH } from './worker-tools.js';

export interface Reaper {
  /** What `phase` left is owed: the next exec through `exec` kills it first, or `settle` does. */
  owe(phase: string): void;
  /** Pays a debt left (an exec of its own), and waits for one being paid; throws when some process survived. */
  settle(): Promise<void>;
  /** An exec of ours in the worker, paying a debt first in the same exec. */
  exec(cmd: string[], opts?: ExecOptions): Promise<ExecResult>;
  /**
   * A phase's exec (the project's command), paying a debt first in the same exec; `reapSeconds`:
   * the reap's own share of its time (none without a debt). `before`: a command of ours that
   * runs first and then runs the phase's in its place (evidence.py … then), writing its records
   * to stderr (`ours`) and joining stderr to stdout itself.
   */
  execPhase(cmd: string[], opts?: ExecOptions, before?: readonly string[]): Promise<PhaseExecResult>;
}

export interface PhaseExecResult extends ExecResult {
  reapSeconds?: number;
  /** What `before` wrote to stderr, after the reap's record. */
  ours?: string;
}

const REAP_TIMEOUT_SECONDS = 60;

/**
 * The idle process, as the worker's start found it (worker.ts), else learnt now while nothing
 * else runs (right after the tools went in). `killed`: told how many processes a phase left.
 */
export async function reaperFor(
  worker: Worker,
  killed: (count: number, phase: string) => void = () => {},
): Promise<Reaper> {
  const pid = worker.idle ?? (await findIdle(worker));
  // The worker's own exec, as it is now: the pool routes the worker's execs through the reaper.
  const run = worker.exec;
  return new DebtReaper(worker.role, run, pid, killed);
}

async function findIdle(worker: Worker): Promise<string> {
  const idle = await worker.exec(['/bin/sh', REAP_PATH, 'idle'], { timeoutSeconds: 30 });
  const pid = parseRecords(idle.output).find((r) => r.kind === 'idle')?.text ?? '';
  if (idle.exitCode !== 0 || wholeNumber(pid) === undefined) {
    throw new InfraError(
      `worker ${worker.role}: cannot find its idle process (reap.sh idle): ${idle.output.trim()}`,
    );
  }
  return pid;
}

/**
 * `before` (a command of ours that then runs `cmd` in its place) in front of `cmd`, its stderr read
 * apart as `ours`; without `before`, `cmd` alone. For an exec with nothing of the project's to reap.
 */
export async function execWithBefore(
  run: Worker['exec'],
  cmd: string[],
  opts: ExecOptions,
  before: readonly string[] | undefined,
): Promise<PhaseExecResult> {
  if (!before) return run(cmd, opts);
  const { stderr, ...result } = await run([...before, ...cmd], { ...opts, stderrApart: true });
  return { ...result, ours: stderr ?? '' };
}

// Two execs of ours at once in one worker are not expected: a payment waits for earlier payments,
// not for an exec already running (its reap would kill that exec's processes).
class DebtReaper implements Reaper {
  private owed: string | undefined;
  /** The exec paying the last debt: an exec that comes while it runs waits for it. */
  private paying: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly role: string,
    private readonly run: Worker['exec'],
    private readonly pid: string,
    private readonly killed: (count: number, phase: string) => void,
  ) {}

  owe(phase: string): void {
    this.owed = phase;
  }

  async settle(): Promise<void> {
    if (this.owed === undefined) return this.waitForPaying();
    await this.pay([], { timeoutSeconds: REAP_TIMEOUT_SECONDS });
  }

  async exec(cmd: string[], opts: ExecOptions = {}): Promise<ExecResult> {
    // The reap runs as the worker: an exec as anyone else pays the debt alone first; so does
    // one whose output could hold a line like the reap's record (see reapedOf).
    if (this.owed !== undefined && (opts.user !== undefined || !recordsOnly(cmd))) await this.settle();
    if (this.owed === undefined) {
      await this.waitForPaying();
      return this.run(cmd, opts);
    }
    // The reap runs wherever the exec starts, the command in its folder (which the phase may have
    // removed: then the command fails, not the reap); the deadline never shorter than the reap's.
    const { workdir, ...rest } = opts;
    return this.pay(inFolder(cmd, workdir), {
      ...rest,
      timeoutSeconds: Math.max(opts.timeoutSeconds ?? 0, REAP_TIMEOUT_SECONDS),
    });
  }

  async execPhase(
    cmd: string[],
    opts: ExecOptions = {},
    before?: readonly string[],
  ): Promise<PhaseExecResult> {
    // Another user's exec (none of the scenario's phases is one) pays the debt alone first.
    if (this.owed !== undefined && opts.user !== undefined) await this.settle();
    await this.waitForPaying();
    if (this.owed === undefined) {
      // Nothing of the project's ran here since our last exec: stderr is all ours.
      return execWithBefore(this.run, cmd, opts, before);
    }
    const phase = this.owed;
    this.owed = undefined;
    const { workdir, ...rest } = opts;
    const reap = [
      '/bin/sh',
      REAP_PATH,
      'kill',
      this.pid,
      ...(before ? ['ours', ...before] : ['phase']),
      ...inFolder(cmd, workdir),
    ];
    const paid = (async () => {
      const result = await this.run(reap, { ...rest, stderrApart: true });
      if (result.timedOut) {
        // Stopped with its container (a phase's deadline), its processes went with it; else
        // (only its own processes killed) what the last phase left may still run: owed again.
        if (!opts.stopContainer) this.owed = phase;
        const { stderr: told, ...timedOut } = result;
        return before ? { ...timedOut, ours: reapedOf(told ?? '').rest } : timedOut;
      }
      const stderr = result.stderr ?? '';
      // Survivors end reap.sh with 97 and its record says so; one of them could append a record
      // after it, never take it back. The project's command may exit 97 too: both, or it is not that.
      if (result.exitCode === SURVIVORS_EXIT && survivorsTold(stderr)) {
        throw new InfraError(
          `worker ${this.role}: processes of ${phase} survive (reap.sh kill): ${lastLine(stderr)}`,
        );
      }
      // Else nothing of the phase is alive after the record: the last one on stderr is reap.sh's,
      // and what follows it is `before`'s.
      const { killed, hundredths, rest: ours } = reapedOf(stderr);
      if (hundredths === undefined) {
        throw new InfraError(
          `worker ${this.role}: the reap of what ${phase} left gave no record (reap.sh kill, exit ${result.exitCode ?? 'none'}): ${lastLine(stderr) || 'nothing on stderr'}`,
        );
      }
      if (killed) this.killed(killed, phase);
      const { stderr: _, ...phaseResult } = result;
      // A leftover could stop reap.sh for a while before it is killed, and that time would leave the
      // phase's: no more than a reap takes is taken out.
      return {
        ...phaseResult,
        reapSeconds: Math.min(hundredths / 100, TRUSTED_REAP_SECONDS),
        ...(before ? { ours } : {}),
      };
    })();
    this.paying = paid;
    return paid;
  }

  /** A payment that failed (some process survived) fails whatever waits for it: nothing of ours runs beside the survivor. */
  private async waitForPaying(): Promise<void> {
    await this.paying;
  }

  /** One exec: the reap, then `cmd` (none: the reap alone); `cmd`'s result without the reap's record. */
  private pay(cmd: string[], opts: ExecOptions): Promise<ExecResult> {
    const phase = this.owed as string;
    this.owed = undefined;
    const reap = ['/bin/sh', REAP_PATH, 'kill', this.pid, ...(cmd.length > 0 ? ['then', ...cmd] : [])];
    const paid = (async () => {
      await this.waitForPaying();
      const result = await this.run(reap, opts);
      const { killed, left, rest } = reapedOf(result.output);
      if (left !== 0 || result.exitCode === SURVIVORS_EXIT) {
        const told = killed !== undefined ? `killed ${killed} left ${left}` : result.output.trim();
        throw new InfraError(`worker ${this.role}: processes of ${phase} survive (reap.sh kill): ${told}`);
      }
      if (killed) this.killed(killed, phase);
      return { ...result, output: rest };
    })();
    this.paying = paid;
    return paid;
  }
}

/** `cmd` run in `workdir` after the reap, which runs wherever the exec starts (a phase may have removed the folder). */
function inFolder(cmd: string[], workdir: string | undefined): string[] {
  return workdir ? ['/bin/sh', '-c', 'cd -- "$0" && exec "$@"', workdir, ...cmd] : cmd;
}

/** The most of a phase's exec that is taken out of its time as the reap's (reaps take 0.01-0.05 s). */
export const TRUSTED_REAP_SECONDS = 0.25;

/** Some record on stderr says that processes were left. */
function survivorsTold(stderr: string): boolean {
  return stderr.split('\n').some((line) => Number(REAPED_LINE.exec(line.replace(/\r$/, ''))?.[2] ?? 0) > 0);
}

/** The last line that says something, cut short: what the project wrote goes no further than this. */
function lastLine(text: string): string {
  const line = text.trim().split('\n').at(-1)?.trim() ?? '';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/** reap.sh's exit when some process survived every pass: the phase's own processes cannot change it. */
export const SURVIVORS_EXIT = 97;

const REAPED_LINE = /^@@wg reaped (\d+) (\d+)(?: (\d+))?$/;

/**
 * The evidence script: records only, none holding a line break, and no code of the project's
 * runs under it, so no line of its output can read as the reap's record. (venv-check.py runs
 * the project's Python: it comes after a reap alone.)
 */
function recordsOnly(cmd: readonly string[]): boolean {
  return cmd.includes(EVIDENCE_PATH);
}

/**
 * reap.sh kill's record and what follows it (the command's output). The last line that is the
 * record whole: a leftover could write into the exec's output until it died, so what comes
 * before the last one is not ours, and nothing of the phase is alive to write after it; the
 * command after it prints records only (recordsOnly). No record: no command output either.
 */
export function reapedOf(output: string): {
  killed?: number;
  left?: number;
  hundredths?: number;
  rest: string;
} {
  const lines = output.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = REAPED_LINE.exec((lines[i] as string).replace(/\r$/, ''));
    if (m)
      return {
        killed: Number(m[1]),
        left: Number(m[2]),
        ...(m[3] !== undefined ? { hundredths: Number(m[3]) } : {}),
        rest: lines.slice(i + 1).join('\n'),
      };
  }
  return { rest: '' };
}
