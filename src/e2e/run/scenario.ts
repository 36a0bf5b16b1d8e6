// The scenario's shared hands, for its roles (scaffolder.ts, developers.ts) and
// its order (run-scenario.ts): what a run records, a phase run and recorded (a
// failed one stops the scenario, and so does a Python that cannot fit the
// template: the model's rule, src/model/python-fit.ts), a setup with its cache
// evidence gathered before and after outside the timed span, the developer's
// push with the hook that refused it. Clean-up is the caller's (it owns
// everything created). What it measured comes back as one ScenarioResult; the
// judge decides the rest.

import type {
  E2eFacts,
  FailedPhase,
  OfflineUnproved,
  PhaseName,
  PythonFacts,
} from '../../model/facts/e2e.js';
import type { LayoutExtras } from '../../model/figures/layout-figures.js';
import type { TryFix } from '../../model/fix-kinds.js';
import type { Log } from '../../model/log.js';
import { pythonFit } from '../../model/python-fit.js';
import type {
  CacheLayout,
  ConcurrentBatch,
  E2eRun,
  HandedOver,
  Phase,
  ProjectCall,
  ScaffolderReport,
} from '../../model/report.js';
import type { CacheListing } from '../evidence/cache-state.js';
import {
  type EvidenceOutcome,
  type EvidenceRequest,
  evidenceBefore,
  evidenceFromPhase,
  gatherEvidence,
} from '../evidence/evidence.js';
import { blameHook } from '../evidence/hook-blame.js';
import { notFoundCommand } from '../evidence/not-found.js';
import { pythonFactsOf, readPythonFacts } from '../evidence/python-ask.js';
import type { RemovedToolCall } from '../evidence/removed-tool-calls.js';
import { proveSetup, type SetupRecord } from '../evidence/setup-proof.js';
import { profiledMake } from '../profile/install.js';
import { LocalPackages } from '../profile/local-packages.js';
import type { TemplateUpload } from '../template/template-upload.js';
import { withoutNames } from '../worker/agent-env.js';
import type { ImageProbe, Worker } from '../worker/worker.js';
import type { ConcurrentHost } from './concurrent.js';
import type { LayoutPlan } from './layout-plan.js';
import type { OverheadClock } from './overhead.js';
import { workPushCommand, workRefspec, workSubject } from './phase-commands.js';
import { type PhaseOutcome, runPhase, type WorkerRole } from './phases.js';
import { checkTargets, parseTargets } from './targets.js';
import type { WorkerPool } from './worker-pool.js';

/** Who a hook is looking at: the scaffolder, or a developer's run. */
export interface HookRun {
  worker: 'scaffolder' | 'A' | 'B';
  layout: CacheLayout;
  /** The run's index in `runs`; -1 for the scaffolder. */
  index: number;
  /** A developer's run: cold or warm. */
  kind?: 'cold' | 'warm';
}

/** Test hooks: look inside a container between phases (never used by the product). */
export interface E2eHooks {
  /** After a container started, before its first phase. */
  beforePhases?(worker: Worker, run: HookRun, plan: LayoutPlan): Promise<void>;
  /** After every phase, pass or fail, before the next phase or the clean-up. */
  afterPhase?(worker: Worker, phase: Phase, run: HookRun): Promise<void>;
}

export interface ScenarioOptions {
  templateRef: string;
  copierVersion: string;
  data: Readonly<Record<string, string>>;
  trustTemplate: boolean;
  setupTarget: string;
  lintTarget: string;
  testTarget: string;
  memoryBytes: number;
  cpus: number;
  phaseTimeoutSeconds: number;
  allowPythonMismatch: boolean;
  warmRuns: number;
  /** Cold runs per layout: the first on the layout's cache, each further one on a fresh volume (run-order.ts). */
  coldRuns: number;
  concurrentWorkers: number;
  scaffoldCache: 'own' | 'shared';
  scaffolderUser: 'root' | 'image';
  handoff: 'clone' | 'mount';
  handoffPath: string;
  handoffFixup?: string;
  /** The commands the contract forbids on PATH: a project's bare call of one is reported. */
  forbidCommands: readonly string[];
  env: Readonly<Record<string, string>>;
  unsetEnv: readonly string[];
  /** --keep: the worker whose phase failed stays, with its volumes. */
  keep: boolean;
  /** The speed-up kinds to apply and measure after the layouts (src/e2e/fixes/); none: off. */
  tryFixes: readonly TryFix[];
}

/** The scaffolder's image and user, as run-e2e resolved them. */
export interface ScaffolderImage {
  /** The image id to start. */
  image: string;
  /** The image as the report names it (scaffolder-image as given, or the image under test). */
  label: string;
  /** The container's user: `0:0` for root, else the image's USER ('' for its default). */
  user: string;
  /** `root`, or the image's user by name. */
  userName: string;
  /** It is the image under test: its Python is the workers'. */
  sameImage: boolean;
}

export interface ScenarioContext {
  imageRef: string;
  imageEnv: Readonly<Record<string, string>>;
  /** Everything the workers get besides UV_CACHE_DIR (the link mode reads it). */
  workerEnv: Record<string, string>;
  template: TemplateUpload;
  options: ScenarioOptions;
  runId: string;
  log: Log;
  hooks: E2eHooks;
  scaffolder: ScaffolderImage;
  /** baseline-image or baseline-ref's image: one concurrent worker runs it on the same cache. */
  baselineImageRef?: string;
  /** Starts and removes the containers; the caller removes what is left. */
  pool: WorkerPool;
  /** Adds up the phases' time and worker-gate's own, by stage (overhead.ts). */
  clock: OverheadClock;
}

/** What the scenario measured, for the report's figures and the judge (its facts: E2eFacts). */
export interface ScenarioResult extends Omit<E2eFacts, 'uncommitted'> {
  /** The developer workers' runs. */
  runs: E2eRun[];
  scaffolder?: ScaffolderReport;
  /** The figures beside the runs of each layout that ran, in run order. */
  extras: Map<CacheLayout, LayoutExtras>;
  concurrent: ConcurrentBatch[];
  /** Python and uv versions of the workers' image. */
  probe?: ImageProbe;
  /** handoff mount: developer A's workspace and its venvs, as handed over and after the fix-up. */
  handedOver?: HandedOver;
  /** The project's bare calls of removed tools and what each did here. */
  projectCalls?: ProjectCall[];
}

/** The evidence of one setup, gathered before and after it outside its timed span. */
export interface SetupEvidenceOutcome {
  outcome: PhaseOutcome;
  cacheBefore?: CacheSize;
  cacheAfter?: CacheSize;
}

/**
 * A setup that ran: its outcome and the cache before it at once; its proof once the evidence
 * after it came, in its worker's next phase's exec (carried) or in one of its own (settleEvidence).
 */
export interface SetupRun {
  outcome: PhaseOutcome;
  cacheBefore?: CacheSize;
  proved: Promise<SetupEvidenceOutcome>;
}

/** A cache listing as the figures use it: how many distributions, its bytes when sized, its folder's owner. */
export interface CacheSize {
  entries: number;
  bytes?: number;
  ownerUid?: number;
}

/** Who runs a phase and where it is recorded. */
export interface Runner {
  worker: Worker;
  role: WorkerRole;
  phases: Phase[];
  hookRun: HookRun;
  layout: CacheLayout;
}

export class Scenario implements ConcurrentHost {
  readonly result: ScenarioResult = {
    runs: [],
    extras: new Map(),
    concurrent: [],
    finished: true,
    uvDisagreements: [],
    failedPhases: [],
  };
  /** Per layout: the local packages its cold setup built, to tell rebuilt from reused later. */
  readonly localPackages = new Map<CacheLayout, LocalPackages>();
  /** The folder of the phase that ran last: where a kept worker is entered. */
  lastWorkdir = '/';
  /** The origin became the workers' (handoff.ts): once per run. */
  originHandedOver = false;
  /** The project's bare calls of removed tools, read after the scaffold. */
  removedToolCalls: RemovedToolCall[] | undefined;
  /** Commands a phase printed `command not found` for. */
  readonly notFound = new Set<string>();
  /** The removed tools the workers have on PATH after all, asked in developer A. */
  provided: Map<string, string> | undefined;
  /**
   * The evidence after a setup, per worker, until its next phase carries it (`before` in that
   * phase's exec: one exec fewer) or settleEvidence gathers it in an exec of its own.
   */
  private readonly carried = new Map<
    Worker,
    { req: EvidenceRequest; deliver: (e: EvidenceOutcome) => void }
  >();
  /** Every setup's proof and what waits for it: all settled before the scenario's result is read. */
  private readonly proofs: Promise<unknown>[] = [];

  constructor(readonly ctx: ScenarioContext) {}

  get pool(): WorkerPool {
    return this.ctx.pool;
  }

  get stopped(): boolean {
    return !this.result.finished;
  }

  stop(failed?: FailedPhase): void {
    if (failed) this.result.failedPhases.push(failed);
    this.result.finished = false;
  }

  offlineUnproved(offline: OfflineUnproved): void {
    this.result.offlineUnproved = offline;
    this.result.finished = false;
  }

  /**
   * A container is done: kept when --keep is on and its phase stopped the run, else removed,
   * and `dead` (its volumes no later worker needs) removed during the run.
   */
  async finish(worker: Worker, dead: readonly string[] = []): Promise<void> {
    // The evidence after its last setup, when no phase carried it, before the worker goes.
    await this.settleEvidence(worker).catch(() => {});
    this.pool.release(worker, this.stopped ? this.lastWorkdir : undefined, dead);
  }

  /** The evidence after this worker's last setup, in an exec of its own, unless a phase carried it already. */
  async settleEvidence(worker: Worker): Promise<void> {
    const carry = this.carried.get(worker);
    if (!carry) return;
    this.carried.delete(worker);
    try {
      carry.deliver(await this.ctx.clock.time('evidence', () => gatherEvidence(worker, carry.req)));
    } catch (err) {
      carry.deliver({ ok: false, why: err instanceof Error ? err.message : String(err) });
      throw err;
    }
  }

  /** `work` (what waits for a setup's proof) is done before the scenario's result is read (allProved). */
  later(work: Promise<unknown>): void {
    work.catch(() => {});
    this.proofs.push(work);
  }

  /** Every setup proved and what waited for its proof done; throws the first that failed. */
  async allProved(): Promise<void> {
    await Promise.all(this.proofs);
  }

  /** Runs a phase and records it; a failed one stops the scenario. */
  async phase(
    runner: Runner,
    name: PhaseName,
    label: string,
    cmd: string[],
    workdir: string,
    extra: { env?: Record<string, string>; profile?: boolean; before?: readonly string[] } = {},
  ): Promise<PhaseOutcome> {
    this.lastWorkdir = workdir;
    const { worker } = runner;
    // The evidence after this worker's setup rides in this phase's exec, unless it has one of its own.
    if (extra.before) await this.settleEvidence(worker);
    await this.pool.beforePhase(name);
    // What earlier phases left, in any other worker, is gone before this one starts (most went
    // already, in the exec of ours that followed them); in this one, in the phase's own exec.
    await this.pool.reapAll(worker);
    // Taken once nothing but the exec can fail: a failure delivers it (below), or finish() gathers it.
    const carry = this.carried.get(worker);
    this.carried.delete(worker);
    const before = extra.before ?? (carry ? evidenceBefore(worker, carry.req) : undefined);
    const running = this.ctx.clock.time('phases', () =>
      runPhase(
        worker,
        runner.role,
        {
          name,
          label,
          cmd,
          workdir,
          timeoutSeconds: this.ctx.options.phaseTimeoutSeconds,
          profile: extra.profile ?? false,
          ...(extra.env ? { env: extra.env } : {}),
          watch: (line) => {
            const missing = notFoundCommand(line);
            if (missing) this.notFound.add(missing);
          },
          exec: this.pool.phaseExec(worker),
          ...(before ? { before } : {}),
        },
        this.ctx.log,
      ),
    );
    const outcome = await running.catch((err: unknown) => {
      carry?.deliver({ ok: false, why: `the phase that carried it failed: ${String(err)}` });
      throw err;
    });
    if (outcome.reapSeconds) this.ctx.clock.reassign('reaping', outcome.reapSeconds);
    if (outcome.before?.seconds) this.ctx.clock.reassign('evidence', outcome.before.seconds);
    carry?.deliver(evidenceFromPhase(worker, outcome.before?.output, carry.req));
    // A phase past its deadline took its whole container down with it: nothing is left to reap.
    // Else what it left goes in the next exec of ours in this worker (the scratch folder's
    // removal, the evidence), before the next phase, or when the worker is released.
    if (!outcome.phase.timedOut) {
      this.pool.owe(worker, name);
      // One that passed: the scaffolder's next exec does it (read-project.ts).
      if (name === 'scaffold' && outcome.failed) await this.pool.clearScratch(worker);
    }
    if (outcome.phase.profile && (name === 'setup' || name === 'floor')) {
      const known = this.localPackages.get(runner.layout) ?? new LocalPackages();
      this.localPackages.set(runner.layout, known);
      known.mark(outcome.phase.profile);
    }
    runner.phases.push(outcome.phase);
    if (outcome.failed) this.stop(outcome.failed);
    await this.ctx.hooks.afterPhase?.(worker, outcome.phase, runner.hookRun);
    return outcome;
  }

  /** The agent's checks, in order; false once one fails. */
  async lintAndTest(runner: Runner, project: string): Promise<boolean> {
    const { options } = this.ctx;
    for (const [name, target] of [
      ['lint', options.lintTarget],
      ['test', options.testTarget],
    ] as const) {
      const make = profiledMake(target);
      if ((await this.phase(runner, name, `make ${target}`, make, project, { profile: true })).failed)
        return false;
    }
    return true;
  }

  /** A developer's change, commit and push with the project's hooks on; a failure names the hook that refused it. */
  async workPush(runner: Runner, project: string, name: string): Promise<PhaseOutcome> {
    const push = workPushCommand(name);
    const outcome = await this.phase(runner, 'push', 'git commit and push', push, project);
    if (outcome.failed && !outcome.phase.timedOut) {
      const hook = await blameHook(runner.worker, project, workSubject(name), 'origin', workRefspec(name));
      if (hook) outcome.phase.hook = hook;
    }
    return outcome;
  }

  /** The configured targets against the generated Makefile's (`listed`: make -p's), before any of them runs. */
  judgeTargets(listed: { output: string; exitCode: number | null }): void {
    const { options, log } = this.ctx;
    const targets = parseTargets(listed.output);
    if (targets.length === 0) {
      log.warn(
        `cannot read the generated Makefile's targets (make -p exited ${listed.exitCode}): not checked`,
      );
      return;
    }
    checkTargets(
      {
        'setup-target': options.setupTarget,
        'lint-target': options.lintTarget,
        'test-target': options.testTarget,
      },
      targets,
    );
  }

  /** Reads what the project asks of the workers' Python; false (the scenario stops) when it does not fit. */
  async pythonFits(worker: Worker, project: string, python: string | undefined): Promise<boolean> {
    const { clock, template } = this.ctx;
    return this.fits(
      await clock.time('probes', () => readPythonFacts(worker, project, python, template.copierYml)),
    );
  }

  /** What the project asks of Python as evidence.py read it (`python`: the workers' version), judged. */
  fitsAsRead(read: EvidenceOutcome | undefined, python: string | undefined): boolean {
    return this.fits(read && python ? pythonFactsOf(read, python, this.ctx.template.copierYml) : {});
  }

  /** What the project asks of Python, judged; false (the scenario stops) when it does not fit. */
  fits(facts: PythonFacts): boolean {
    const { ctx, result } = this;
    result.python = facts;
    const fit = pythonFit(result.python, ctx.options.allowPythonMismatch);
    // The judge reports it with the other checks: only a fit that was read is noted here.
    if (result.python.ask) ctx.log.info(`python-fits-template ${fit.status}: ${fit.detail}`);
    if (fit.status !== 'fail') return true;
    this.stop();
    return false;
  }

  /**
   * The cache volume was created empty for this run, but a fresh volume takes the content of
   * the image folder it is mounted over: an image with a filled cache has no cold run. Its
   * listing (`req`) ran before the phase, in the phase's own exec.
   */
  freshBefore(worker: Worker, phase: PhaseOutcome, req: EvidenceRequest, volume: string): boolean {
    const listed = evidenceFromPhase(worker, phase.before?.output, req);
    if (!listed.ok) {
      this.ctx.log.warn(`${worker.role}: no evidence: ${listed.why}`);
      return false;
    }
    return this.freshListing(listed.value.cache, volume);
  }

  /** The cache listing before a volume's first setup: empty, or the image's cache folder came with it (warned). */
  private freshListing(listing: { entries: readonly string[] } | undefined, volume: string): boolean {
    const had = listing?.entries.length;
    if (had) {
      this.ctx.log.warn(
        `the cache volume ${volume} is not empty before its first setup (${had} distributions, taken from the image's cache folder): its first setup cannot be proved cold`,
      );
    }
    return had === 0;
  }

  /** The cache sizes around a layout's cold setup, for its figures. */
  noteColdCache(layout: CacheLayout, setup: SetupEvidenceOutcome): void {
    const extras: LayoutExtras = this.result.extras.get(layout) ?? {
      cacheBytesAfterScaffold: null,
      cacheBytesAfterCold: null,
      floorSeconds: null,
    };
    extras.cacheBytesAfterScaffold = setup.cacheBefore?.bytes ?? null;
    extras.cacheBytesAfterCold = setup.cacheAfter?.bytes ?? null;
    this.result.extras.set(layout, extras);
  }

  /** The setup phase with its evidence gathered before and after, outside the timed span. */
  async setup(
    runner: Runner,
    record: SetupRecord,
    cacheDir: string,
    project: string,
    opts: {
      /** The cache was proved fresh before (the scaffolder's, before copier used it); `volume`: its listing before this setup tells. */
      freshCache: boolean | { volume: string };
      sized: boolean;
      env?: Record<string, string>;
    },
  ): Promise<SetupRun> {
    const { ctx } = this;
    const { worker, role } = runner;
    const target = ctx.options.setupTarget;
    // Sizing the cache walks every file: around the cold setup only.
    const cache = { dir: cacheDir, withBytes: opts.sized };
    // The evidence before it, in its own exec (its time not the setup's), sees the cache as the
    // setup will: the previous worker gone, nothing of ours going on beside.
    const beforeReq: EvidenceRequest = { sync: true, cache };
    const ours = evidenceBefore(worker, beforeReq);
    const make = profiledMake(target);
    // `env`: a try-fix's setting, on top of the worker's own variables.
    const outcome = await this.phase(runner, 'setup', `make ${target}`, make, project, {
      profile: true,
      ...(opts.env ? { env: opts.env } : {}),
      ...(ours ? { before: ours } : {}),
    });
    const beforeOutcome = evidenceFromPhase(worker, outcome.before?.output, beforeReq);
    if (!beforeOutcome.ok) ctx.log.warn(`${role.title}: no evidence: ${beforeOutcome.why}`);
    const before = beforeOutcome.ok ? beforeOutcome.value.cache : undefined;
    const afterReq: EvidenceRequest = { cache, project };
    // A setup past its deadline took its worker down with it: there is nothing left to look at. One
    // that failed stops the run: its evidence comes now. Else the worker's next phase carries it.
    const now: EvidenceOutcome | undefined = outcome.phase.timedOut
      ? { ok: false, why: 'the setup timed out and its worker was stopped' }
      : outcome.failed
        ? await ctx.clock.time('evidence', () => gatherEvidence(worker, afterReq))
        : undefined;
    const after = now ? Promise.resolve(now) : this.carry(worker, afterReq);
    const proved = after.then((afterOutcome): SetupEvidenceOutcome => {
      if (!afterOutcome.ok) ctx.log.warn(`${role.title}: no evidence: ${afterOutcome.why}`);
      const listed = afterOutcome.ok ? afterOutcome.value.cache : undefined;
      const freshCache =
        typeof opts.freshCache === 'boolean'
          ? opts.freshCache
          : beforeOutcome.ok && this.freshListing(before, opts.freshCache.volume);
      const proj = afterOutcome.ok ? afterOutcome.value.project : undefined;
      const { uv, link, disagreement } = proveSetup(record, {
        ...(before ? { before } : {}),
        ...(listed ? { after: listed } : {}),
        ...(proj ? { project: proj } : {}),
        uvLines: outcome.uvLines,
        freshCache,
        env: {
          image: withoutNames(ctx.imageEnv, ctx.options.unsetEnv),
          worker: { ...ctx.workerEnv, ...opts.env },
        },
      });
      if (disagreement) {
        const who = runner.hookRun.index >= 0 ? `run ${runner.hookRun.index}` : 'the scaffolder';
        this.result.uvDisagreements.push(`${who} (${role.title}): ${disagreement}`);
      }
      ctx.log.info(
        `${role.title}: setup ${record.provedState}, ${record.downloads ?? '?'} downloads, ${record.installs ?? '?'} installs ` +
          `(uv: prepared ${uv.prepared} in ${uv.prepareSeconds.toFixed(2)} s, installed ${uv.installed} in ` +
          `${uv.installSeconds.toFixed(2)} s), link mode ${link.mode} (${link.because})`,
      );
      const cacheBefore = sized(before);
      const cacheAfter = sized(listed);
      return { outcome, ...(cacheBefore ? { cacheBefore } : {}), ...(cacheAfter ? { cacheAfter } : {}) };
    });
    this.later(proved);
    const cacheBefore = sized(before);
    return { outcome, ...(cacheBefore ? { cacheBefore } : {}), proved };
  }

  /** What the worker's next phase, or settleEvidence, will deliver: the evidence `req` asks for. */
  private carry(worker: Worker, req: EvidenceRequest): Promise<EvidenceOutcome> {
    return new Promise((deliver) => this.carried.set(worker, { req, deliver }));
  }
}

/** A cache listing as the figures use it. */
function sized(l: CacheListing | undefined): CacheSize | undefined {
  return l
    ? {
        entries: l.entries.length,
        ...(l.bytes !== undefined ? { bytes: l.bytes } : {}),
        ...(l.ownerUid !== undefined ? { ownerUid: l.ownerUid } : {}),
      }
    : undefined;
}

/**
 * The owner uid of a folder: from the evidence's listing when it told, else (no evidence: no
 * python3 the worker cannot change, or it failed) a `stat` of its own, unless the container is
 * gone (a setup past its deadline takes it down); null when nothing can tell.
 */
export async function ownerOf(
  worker: Worker,
  dir: string,
  listed: { ownerUid?: number } | undefined,
  containerGone = false,
): Promise<number | null> {
  if (listed?.ownerUid !== undefined) return listed.ownerUid;
  if (containerGone) return null;
  const r = await worker.exec(['stat', '-c', '%u', dir], { timeoutSeconds: 30 });
  const uid = r.output.trim();
  return r.exitCode === 0 && /^\d+$/.test(uid) ? Number(uid) : null;
}
