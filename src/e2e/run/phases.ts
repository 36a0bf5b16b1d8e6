// One phase: a timed exec in a worker, streamed to the log, recorded as a
// Phase; a non-zero exit or a timeout is recorded as a FailedPhase (who ran
// what, with its last lines), which the judge turns into the run's failure.
import type { ExecOptions, ExecResult } from '../../docker/engine-api.js';
import type { FailedPhase, PhaseName, WorkerName } from '../../model/facts/e2e.js';
import { roundSeconds } from '../../model/figures/stats.js';
import type { Log } from '../../model/log.js';
import type { CacheLayout, Phase } from '../../model/report.js';
import { parseRecords, wholeNumber } from '../../model/script-records.js';
import { stripAnsi } from '../../model/text.js';
import { isUvSummaryLine } from '../evidence/uv-output.js';
import { buildProfile } from '../profile/categories.js';
import { withoutMarkers } from '../profile/markers.js';
import { ProfileReader } from '../profile/reader.js';
import { execWithBefore } from '../worker/process-reaper.js';
import type { Worker } from '../worker/worker.js';

export const TAIL_LINES = 50;

export interface PhaseRequest {
  name: PhaseName;
  /** What the phase runs, in words for the log and messages (`make setup`). */
  label: string;
  cmd: string[];
  workdir: string;
  timeoutSeconds: number;
  /** Variables of this phase only (the scaffold's credential helper), beside the worker's own. */
  env?: Record<string, string>;
  /** The command is a profiled make (profile/install.ts): read its recipe lines' timings. */
  profile?: boolean;
  /** Sees each line of output, without colour codes (the scenario looks for `command not found`). */
  watch?: (line: string) => void;
  /**
   * How the phase's exec runs: the worker's own by default; the pool's pays what the worker's
   * last phase left in the same exec, and says how long that took (`reapSeconds`, not the phase's).
   */
  exec?: (
    cmd: string[],
    opts: ExecOptions,
    before?: readonly string[],
  ) => Promise<ExecResult & { reapSeconds?: number; ours?: string }>;
  /**
   * A command of ours that runs first in the phase's exec and then runs the phase's in its place
   * (the evidence before a setup: evidence.py … then), its records on stderr with its own time
   * (`ours HUNDREDTHS`), which is not the phase's.
   */
  before?: readonly string[];
}

/** The worker's own exec as a phase's: `before` in front of the command, its stderr apart (`ours`). */
export function ownExec(worker: Worker): NonNullable<PhaseRequest['exec']> {
  return (cmd, opts, before) => execWithBefore(worker.exec, cmd, opts, before);
}

export interface WorkerRole {
  worker: WorkerName;
  layout: CacheLayout;
  /** `the scaffolder (root, on its own cache)`, `developer B (warm run 2 of 3, shared layout, clone)`. */
  title: string;
}

export interface PhaseOutcome {
  phase: Phase;
  /** The last TAIL_LINES lines of output. */
  output: string;
  /** uv's summary lines, picked out as the output passed (readUvOutput reads them). */
  uvLines: string;
  /** Set when the phase exited non-zero or timed out: the scenario stops. */
  failed?: FailedPhase;
  /** The reap that ran first in the phase's exec (PhaseRequest.exec): its seconds, left out of the phase's. */
  reapSeconds?: number;
  /** What `before` wrote (its records) and its seconds, left out of the phase's. */
  before?: { output: string; seconds: number };
}

/** `ours HUNDREDTHS` in what a command of ours wrote before the phase: its seconds (0 when it did not say). */
export function oursSecondsOf(output: string): number {
  const told = parseRecords(output).find((r) => r.kind === 'ours')?.text;
  return told !== undefined && wholeNumber(told) !== undefined ? Number(told) / 100 : 0;
}

/** Lines shown live per phase in the terminal or the workflow log; the rest are counted. */
export const LOG_LINES = 2000;
/** uv lines kept per phase for its summary: bounded, whatever a project prints. */
const UV_LINES = 5000;

export function tail(output: string, lines = TAIL_LINES): string {
  const all = withoutMarkers(stripAnsi(output)).replace(/\r/g, '').replace(/\n+$/, '').split('\n');
  return all.slice(-lines).join('\n');
}

/** Why a finished exec failed, in the words of the log's closing line; undefined when it passed. */
export function phaseFailure(r: Pick<ExecResult, 'exitCode' | 'timedOut'>): string | undefined {
  if (r.timedOut) return 'timed out';
  return r.exitCode === 0 ? undefined : `exit ${r.exitCode ?? 'unknown'}`;
}

export async function runPhase(
  worker: Worker,
  role: WorkerRole,
  req: PhaseRequest,
  log: Log,
): Promise<PhaseOutcome> {
  const uv: string[] = [];
  let shown = 0;
  const reader = req.profile ? new ProfileReader() : undefined;
  const result = await log.group(
    `e2e ${role.title} · ${req.name}: ${req.label}`,
    async () => {
      const exec = req.exec ?? ownExec(worker);
      const r = await exec(
        req.cmd,
        {
          workdir: req.workdir,
          timeoutSeconds: req.timeoutSeconds,
          // A phase that runs over is stopped with its whole container, so nothing it started outlives the deadline.
          stopContainer: true,
          ...(req.env ? { env: req.env } : {}),
          // Room for the timing shell's markers, which tail() drops.
          tailLines: req.profile ? TAIL_LINES * 3 : TAIL_LINES,
          onLine: (line) => {
            // The timing shell's markers are read here and never shown.
            if (reader?.push(line)) return;
            const clean = stripAnsi(line);
            req.watch?.(clean);
            if (shown < LOG_LINES) {
              shown++;
              log.detail(clean);
            }
            if (uv.length < UV_LINES && isUvSummaryLine(clean)) uv.push(clean);
          },
        },
        req.before,
      );
      if (r.lineCount > shown) {
        log.info(
          `${r.lineCount - shown} more lines of ${req.name} output not shown (the report keeps the last ${TAIL_LINES})`,
        );
      }
      return r;
    },
    phaseFailure,
  );
  const reapSeconds = Math.min(result.reapSeconds ?? 0, result.seconds);
  const before =
    result.ours !== undefined
      ? {
          output: result.ours,
          seconds: Math.min(oursSecondsOf(result.ours), result.seconds - reapSeconds),
        }
      : undefined;
  const outcome = recordPhase(
    role,
    req,
    { ...result, seconds: result.seconds - reapSeconds - (before?.seconds ?? 0) },
    uv.join('\n'),
    reader,
  );
  return { ...outcome, ...(reapSeconds > 0 ? { reapSeconds } : {}), ...(before ? { before } : {}) };
}

/** A finished exec as a Phase (a FailedPhase too when it failed); `uvLines` and the profile as runPhase reads them. */
export function recordPhase(
  role: WorkerRole,
  req: PhaseRequest,
  result: Pick<ExecResult, 'seconds' | 'exitCode' | 'timedOut' | 'output'>,
  uvLines = '',
  reader?: ProfileReader,
): PhaseOutcome {
  const phase: Phase = {
    name: req.name,
    seconds: roundSeconds(result.seconds),
    exitCode: result.exitCode,
    timedOut: result.timedOut,
  };
  const ok = result.exitCode === 0 && !result.timedOut;
  if (reader) phase.profile = buildProfile(reader.finish(), phase.seconds, !ok);
  if (ok) return { phase, output: result.output, uvLines };

  phase.logTail = tail(result.output);
  // Judged and reported once, after the stage (the pipeline prints and annotates failures).
  const failed: FailedPhase = {
    worker: role.worker,
    title: role.title,
    name: req.name,
    label: req.label,
    timeoutSeconds: req.timeoutSeconds,
    phase,
  };
  return { phase, output: result.output, uvLines, failed };
}
