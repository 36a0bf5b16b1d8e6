// One phase: a timed exec in a worker, streamed to the log, recorded as a
// Phase; a non-zero exit or a timeout becomes a Failure naming the phase, the
// worker, the exit code and the last lines of output.
import type { ExecResult } from '../docker/containers.js';
import type { Log } from '../log.js';
import type { CacheLayout, Failure, Phase } from '../report/types.js';
import { stripAnsi } from '../text.js';
import { buildProfile } from './profile/categories.js';
import { failedLineText, withoutMarkers } from './profile/markers.js';
import { ProfileReader } from './profile/reader.js';
import { roundSeconds } from './stats.js';
import { isUvSummaryLine } from './uv-output.js';
import type { Worker } from './worker.js';

export const TAIL_LINES = 50;

export type PhaseName = 'scaffold' | 'clone' | 'setup' | 'lint' | 'test' | 'push' | 'floor';

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
}

export interface WorkerRole {
  /** A and B: the sequential workers; concurrent and offline: concurrent-workers' batch and its proof. */
  worker: 'A' | 'B' | 'concurrent' | 'offline';
  layout: CacheLayout;
  /** `worker A (cold, separate layout)`, `worker B (warm run 2, shared layout)`. */
  title: string;
}

export interface PhaseOutcome {
  phase: Phase;
  /** The last TAIL_LINES lines of output. */
  output: string;
  /** uv's summary lines, picked out as the output passed (readUvOutput reads them). */
  uvLines: string;
  failure?: Failure;
}

/** Lines shown live per phase in the terminal or the workflow log; the rest are counted. */
export const LOG_LINES = 2000;
/** uv lines kept per phase for its summary: bounded, whatever a project prints. */
const UV_LINES = 5000;

export function tail(output: string, lines = TAIL_LINES): string {
  const all = withoutMarkers(stripAnsi(output)).replace(/\r/g, '').replace(/\n+$/, '').split('\n');
  return all.slice(-lines).join('\n');
}

export function phaseFailure(role: WorkerRole, req: PhaseRequest, phase: Phase, output: string): Failure {
  const what = phase.timedOut
    ? `timed out after ${req.timeoutSeconds} s (phase-timeout) and was stopped with its worker container`
    : `exited with ${phase.exitCode ?? 'no exit code'}`;
  return {
    gate: `e2e:${role.worker}:${req.name}`,
    message: `${role.title}: phase ${req.name} (${req.label}) ${what}; ${failedLineText(phase.profile)}last ${TAIL_LINES} lines:\n${tail(output)}`,
  };
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
  const result = await log.group(`e2e ${role.title} · ${req.name}: ${req.label}`, async () => {
    const r = await worker.exec(req.cmd, {
      workdir: req.workdir,
      timeoutSeconds: req.timeoutSeconds,
      // A phase that runs over is stopped with its whole container (design.md, deadlines).
      stopContainer: true,
      ...(req.env ? { env: req.env } : {}),
      // Room for the timing shell's markers, which tail() drops.
      tailLines: req.profile ? TAIL_LINES * 3 : TAIL_LINES,
      onLine: (line) => {
        // The timing shell's markers are read here and never shown.
        if (reader?.push(line)) return;
        const clean = stripAnsi(line);
        if (shown < LOG_LINES) {
          shown++;
          log.detail(clean);
        }
        if (uv.length < UV_LINES && isUvSummaryLine(clean)) uv.push(clean);
      },
    });
    if (r.lineCount > shown) {
      log.info(
        `${r.lineCount - shown} more lines of ${req.name} output not shown (the report keeps the last ${TAIL_LINES})`,
      );
    }
    return r;
  });
  return recordPhase(role, req, result, uv.join('\n'), reader);
}

/** A finished exec as a Phase (with a Failure when it failed); `uvLines` and the profile as runPhase reads them. */
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
  const failed = result.exitCode !== 0 || result.timedOut;
  if (reader) phase.profile = buildProfile(reader.finish(), phase.seconds, failed);
  if (!failed) return { phase, output: result.output, uvLines };

  phase.logTail = tail(result.output);
  // Reported once, by whoever records the failure (the pipeline prints and annotates failures).
  return { phase, output: result.output, uvLines, failure: phaseFailure(role, req, phase, result.output) };
}
