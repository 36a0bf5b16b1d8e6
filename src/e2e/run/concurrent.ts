// concurrent-workers: production runs many agents on one uv cache at once. After a
// layout's sequential runs, N fresh workers clone, then all start the setup at the
// same moment on the same cache (where uv's locks on built-wheel and editable
// entries meet), then all lint and all test at once. Then one more worker sets up with
// UV_OFFLINE=1: it passes with zero downloads only when the cache came out intact.
// With a baseline image, the last of the N runs it: a rollout's mixed cache.

import type { FailedPhase, OfflineUnproved, PhaseName } from '../../model/facts/e2e.js';
import { setupSeconds } from '../../model/figures/proved-runs.js';
import { ratio, spread } from '../../model/figures/stats.js';
import type { Log } from '../../model/log.js';
import type { ConcurrentBatch, ConcurrentRun, Phase } from '../../model/report.js';
import { stripAnsi } from '../../model/text.js';
import { newDistributions } from '../evidence/cache-state.js';
import { gatherEvidence } from '../evidence/evidence.js';
import { lockWaits, WaitTracker } from '../evidence/lock-waits.js';
import type { Worker } from '../worker/worker.js';
import type { LayoutPlan } from './layout-plan.js';
import { projectDir, workerHome } from './layout-plan.js';
import { cloneCommand } from './phase-commands.js';
import {
  LOG_LINES,
  type PhaseOutcome,
  phaseFailure,
  recordPhase,
  runPhase,
  TAIL_LINES,
  type WorkerRole,
} from './phases.js';
import type { WorkerPool } from './worker-pool.js';

/** What the batch reads of the scenario's options (ScenarioOptions, scenario.ts). */
export interface ConcurrentOptions {
  concurrentWorkers: number;
  setupTarget: string;
  lintTarget: string;
  testTarget: string;
  phaseTimeoutSeconds: number;
}

/** What the batch needs of the scenario: its workers, its options, where its failures go. */
export interface ConcurrentHost {
  readonly ctx: { options: ConcurrentOptions; imageRef: string; baselineImageRef?: string; log: Log };
  readonly pool: Pick<WorkerPool, 'start' | 'retire'>;
  readonly stopped: boolean;
  /** A phase failed: the scenario stops. */
  stop(failed: FailedPhase): void;
  /** The offline proof failed: the scenario stops. */
  offlineUnproved(offline: OfflineUnproved): void;
}

interface Member {
  worker: Worker;
  run: ConcurrentRun;
  role: WorkerRole;
  project: string;
}

export async function runConcurrent(host: ConcurrentHost, plan: LayoutPlan): Promise<ConcurrentBatch> {
  const { options, log } = host.ctx;
  const n = options.concurrentWorkers;
  const batch: ConcurrentBatch = {
    layout: plan.layout,
    workers: n,
    runs: [],
    setupSeconds: null,
    loneWarmMedianSeconds: null,
    contentionRatio: null,
    lockWaits: [],
  };
  const members: Member[] = [];
  try {
    for (let i = 1; i <= n; i++) {
      const baseline = i === n && host.ctx.baselineImageRef !== undefined;
      const image = baseline ? host.ctx.baselineImageRef : undefined;
      const dir = `c${i}`;
      const worker = await host.pool.start(plan, dir, image ? { image } : {});
      const run: ConcurrentRun = { index: i, image: image ?? host.ctx.imageRef, baseline, phases: [] };
      batch.runs.push(run);
      const role: WorkerRole = {
        worker: 'concurrent',
        layout: plan.layout,
        title: `concurrent worker ${i} of ${n}${baseline ? ' (baseline image)' : ''}, ${plan.layout} layout`,
      };
      members.push({ worker, run, role, project: projectDir(plan, dir) });
      if (!(await clone(host, members[i - 1] as Member, plan, dir))) return batch;
    }
    const first = members[0] as Member;
    const before = await gatherEvidence(first.worker, {
      sync: true,
      cache: { dir: plan.cacheDir, withBytes: false },
    });
    const perWorker = await allAtOnce(host, members, 'setup', options.setupTarget, plan.cacheDir);
    const after = await gatherEvidence(first.worker, { cache: { dir: plan.cacheDir, withBytes: false } });
    batch.lockWaits = lockWaits(perWorker);
    if (before.ok && after.ok && before.value.cache && after.value.cache) {
      batch.downloads = newDistributions(before.value.cache, after.value.cache).length;
      for (const m of members) m.run.provedState = batch.downloads === 0 ? 'warm' : 'not-warm';
    } else {
      log.warn(
        `concurrent workers (${plan.layout} layout): no cache evidence: ${before.ok ? '' : before.why} ${after.ok ? '' : after.why}`,
      );
    }
    const seconds = members.map((m) => setupSeconds(m.run)).filter((s): s is number => s !== undefined);
    batch.setupSeconds = spread(seconds);
    log.info(
      `${n} concurrent setups (${plan.layout} layout): median ${batch.setupSeconds?.median ?? '?'} s, ` +
        `${batch.downloads ?? '?'} downloads together, ${batch.lockWaits.length} lock(s) waited for`,
    );
    for (const [name, target] of [
      ['lint', options.lintTarget],
      ['test', options.testTarget],
    ] as const) {
      if (host.stopped) return batch;
      await allAtOnce(host, members, name, target, plan.cacheDir);
    }
  } finally {
    for (const m of members) host.pool.retire(m.worker);
  }
  batch.offline = await offlineProof(host, plan);
  return batch;
}

/** The batch's figures beside the layout's lone warm median (set once the layouts are summarised). */
export function compareWithLone(batch: ConcurrentBatch, loneWarmMedian: number | null | undefined): void {
  batch.loneWarmMedianSeconds = loneWarmMedian ?? null;
  batch.contentionRatio = ratio(batch.setupSeconds?.median, loneWarmMedian);
}

async function phase(
  host: ConcurrentHost,
  m: Pick<Member, 'worker' | 'role' | 'project'> & { run: { phases: Phase[] } },
  name: PhaseName,
  label: string,
  cmd: string[],
  workdir = m.project,
): Promise<PhaseOutcome | undefined> {
  const outcome = await runPhase(
    m.worker,
    m.role,
    { name, label, cmd, workdir, timeoutSeconds: host.ctx.options.phaseTimeoutSeconds },
    host.ctx.log,
  );
  return record(host, m.run, outcome) ? outcome : undefined;
}

function record(host: ConcurrentHost, run: { phases: Phase[] }, outcome: PhaseOutcome): boolean {
  run.phases.push(outcome.phase);
  if (!outcome.failed) return true;
  host.stop(outcome.failed);
  return false;
}

async function clone(host: ConcurrentHost, m: Member, plan: LayoutPlan, dir: string): Promise<boolean> {
  const cmd = cloneCommand(plan.originRepo, m.project);
  return (
    (await phase(host, m, 'clone', `git clone ${plan.originRepo}`, cmd, workerHome(plan, dir))) !== undefined
  );
}

/** One phase in every member, all started at the same moment; each member's lock waits (for the setup). */
async function allAtOnce(
  host: ConcurrentHost,
  members: readonly Member[],
  name: 'setup' | 'lint' | 'test',
  target: string,
  cacheDir: string,
): Promise<{ entry: string; seconds: number }[][]> {
  const { options, log } = host.ctx;
  const req = {
    name,
    label: `make ${target}`,
    cmd: ['make', target],
    timeoutSeconds: options.phaseTimeoutSeconds,
  };
  const t0 = performance.now();
  const results = await log.group(
    `e2e ${members.length} concurrent workers · ${name}: ${req.label}, all at once`,
    () =>
      Promise.all(
        members.map(async (m) => {
          const waits = new WaitTracker(cacheDir);
          let shown = 0;
          const result = await m.worker.exec(req.cmd, {
            workdir: m.project,
            timeoutSeconds: req.timeoutSeconds,
            stopContainer: true,
            tailLines: TAIL_LINES,
            onLine: (line) => {
              waits.line(line, performance.now() - t0);
              if (shown++ < LOG_LINES) log.detail(`[worker ${m.run.index}] ${stripAnsi(line)}`);
            },
          });
          return { m, result, waits: waits.end(performance.now() - t0) };
        }),
      ),
    (all) => {
      const failed = all.filter((r) => phaseFailure(r.result)).length;
      return failed ? `${failed} of ${all.length} failed` : undefined;
    },
  );
  for (const { m, result } of results)
    record(host, m.run, recordPhase(m.role, { ...req, workdir: m.project }, result));
  return results.map((r) => r.waits);
}

/** One more worker, offline: it sets up from the cache alone, with nothing new in it. */
async function offlineProof(
  host: ConcurrentHost,
  plan: LayoutPlan,
): Promise<NonNullable<ConcurrentBatch['offline']>> {
  const { options } = host.ctx;
  const proof: NonNullable<ConcurrentBatch['offline']> = { passed: false, phases: [] };
  if (host.stopped) return proof;
  const dir = 'offline';
  const worker = await host.pool.start(plan, dir);
  const m = {
    worker,
    run: proof,
    project: projectDir(plan, dir),
    role: {
      worker: 'offline',
      layout: plan.layout,
      title: `offline worker (after the concurrent ones, ${plan.layout} layout)`,
    } as WorkerRole,
  };
  try {
    const cmd = cloneCommand(plan.originRepo, m.project);
    if (!(await phase(host, m, 'clone', `git clone ${plan.originRepo}`, cmd, workerHome(plan, dir))))
      return proof;
    const cache = { dir: plan.cacheDir, withBytes: false };
    const before = await gatherEvidence(worker, { sync: true, cache });
    const target = options.setupTarget;
    const setup = await phase(host, m, 'setup', `UV_OFFLINE=1 make ${target}`, [
      'env',
      'UV_OFFLINE=1',
      'make',
      target,
    ]);
    if (!setup) return proof;
    const after = await gatherEvidence(worker, { cache });
    if (before.ok && after.ok && before.value.cache && after.value.cache) {
      proof.downloads = newDistributions(before.value.cache, after.value.cache).length;
    }
    proof.passed = proof.downloads === 0;
    if (!proof.passed)
      host.offlineUnproved({
        title: m.role.title,
        ...(proof.downloads !== undefined ? { downloads: proof.downloads } : {}),
      });
    return proof;
  } finally {
    host.pool.retire(worker);
  }
}
