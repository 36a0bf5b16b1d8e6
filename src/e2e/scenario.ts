// The scenario of the plan, per cache layout: worker A scaffolds, sets up
// (cold), lints, tests and pushes; then each warm run is a fresh worker B on
// the same cache that clones, sets up, lints, tests and pushes; the last one
// runs the setup once more (the floor). The first failing phase stops the
// scenario; clean-up is the caller's (it owns everything created). What it
// measured comes back as one ScenarioResult; the judge decides the rest.

import { pythonFit } from '../judge/python-fit.js';
import type { Log } from '../log.js';
import type { CacheLayout, ConcurrentBatch, E2eRun, Phase } from '../report/types.js';
import { withoutNames } from './agent-env.js';
import { type ConcurrentHost, type OfflineUnproved, runConcurrent } from './concurrent.js';
import { gatherEvidence } from './evidence.js';
import { blameHook } from './hook-blame.js';
import type { LayoutExtras } from './layout-figures.js';
import { type LayoutPlan, planLayout, projectDir, workerHome } from './layout-plan.js';
import {
  cloneCommand,
  copierLabel,
  firstPushCommand,
  scaffoldCommand,
  workPushCommand,
  workSubject,
} from './phase-commands.js';
import { type FailedPhase, type PhaseName, type PhaseOutcome, runPhase, type WorkerRole } from './phases.js';
import { profiledMake } from './profile/install.js';
import { LocalPackages } from './profile/local-packages.js';
import { readPythonFacts } from './python-ask.js';
import type { PythonFacts } from './python-fit.js';
import { proveSetup } from './setup-proof.js';
import { checkTargets, listTargetsCommand, parseTargets } from './targets.js';
import type { TemplateUpload } from './template-upload.js';
import { type ImageProbe, probeWorker, type Worker } from './worker.js';
import type { WorkerPool } from './worker-pool.js';

/** Test hooks: look inside a worker between phases (never used by the product). */
export interface E2eHooks {
  /** After a worker started, before its first phase. */
  beforePhases?(worker: Worker, run: E2eRun, plan: LayoutPlan): Promise<void>;
  /** After every phase, pass or fail, before the next phase or the clean-up. */
  afterPhase?(worker: Worker, phase: Phase, run: E2eRun): Promise<void>;
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
  concurrentWorkers: number;
  scaffoldCache: 'own' | 'shared';
  env: Readonly<Record<string, string>>;
  unsetEnv: readonly string[];
  /** --keep: the worker whose phase failed stays, with its volumes. */
  keep: boolean;
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
  /** baseline-image or baseline-ref's image: one concurrent worker runs it on the same cache. */
  baselineImageRef?: string;
  /** Starts and removes the workers; the caller removes what is left. */
  pool: WorkerPool;
}

/** What the scenario measured, for the report's figures and the judge. */
export interface ScenarioResult {
  runs: E2eRun[];
  /** The figures beside the runs of each layout that ran, in run order. */
  extras: Map<CacheLayout, LayoutExtras>;
  concurrent: ConcurrentBatch[];
  /** Python and uv versions, from the first worker. */
  probe?: ImageProbe;
  /** Every phase of every layout ran: no phase failed and the Python fit. */
  finished: boolean;
  /** The worker's Python against what the project asks, read once after the first scaffold. */
  python?: PythonFacts;
  /** Setups whose uv summary lines disagree with the cache evidence: `run 1 (worker B …): …`. */
  uvDisagreements: string[];
  failedPhases: FailedPhase[];
  /** The offline worker after the concurrent ones added to the cache. */
  offlineUnproved?: OfflineUnproved;
}

/** Every layout in order, each on a cache volume of its own, until one stops. */
export async function runScenario(
  ctx: ScenarioContext,
  layouts: readonly CacheLayout[],
  cacheDir: string,
): Promise<ScenarioResult> {
  const scenario = new Scenario(ctx);
  for (const layout of layouts) {
    if (scenario.stopped) break;
    const plan = planLayout(layout, ctx.runId, cacheDir);
    await ctx.pool.createCacheVolume(plan);
    await scenario.runLayout(plan);
  }
  return scenario.result;
}

class Scenario implements ConcurrentHost {
  readonly result: ScenarioResult = {
    runs: [],
    extras: new Map(),
    concurrent: [],
    finished: true,
    uvDisagreements: [],
    failedPhases: [],
  };
  /** Per layout: the local packages its cold setup built, to tell rebuilt from reused later. */
  private readonly localPackages = new Map<CacheLayout, LocalPackages>();
  /** The folder of the phase that ran last: where a kept worker is entered. */
  private lastWorkdir = '/';

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

  async runLayout(plan: LayoutPlan): Promise<void> {
    const extras: LayoutExtras = {
      cacheBytesAfterScaffold: null,
      cacheBytesAfterCold: null,
      floorSeconds: null,
    };
    this.result.extras.set(plan.layout, extras);
    await this.workerA(plan, extras);
    for (let i = 1; i <= this.ctx.options.warmRuns && !this.stopped; i++) {
      await this.workerB(plan, i, extras);
    }
    if (this.ctx.options.concurrentWorkers > 0 && !this.stopped) {
      this.result.concurrent.push(await runConcurrent(this, plan));
    }
  }

  private async start(plan: LayoutPlan, dir: string, run: E2eRun, first: boolean): Promise<Worker> {
    const worker = await this.pool.start(plan, dir, first);
    await this.ctx.hooks.beforePhases?.(worker, run, plan);
    return worker;
  }

  /** A worker is done: kept when --keep is on and its phase stopped the scenario, else removed. */
  private finish(worker: Worker, plan: LayoutPlan, dir: string): void {
    this.pool.release(worker, plan, dir, this.stopped ? this.lastWorkdir : undefined);
  }

  private newRun(plan: LayoutPlan, worker: 'A' | 'B'): E2eRun {
    const run: E2eRun = {
      index: this.result.runs.length,
      worker,
      kind: worker === 'A' ? 'cold' : 'warm',
      layout: plan.layout,
      phases: [],
    };
    this.result.runs.push(run);
    return run;
  }

  /** Runs a phase and records it; a failed one stops the scenario. */
  private async phase(
    worker: Worker,
    role: WorkerRole,
    run: E2eRun,
    name: PhaseName,
    label: string,
    cmd: string[],
    workdir: string,
    extra: { env?: Record<string, string>; profile?: boolean } = {},
  ): Promise<PhaseOutcome> {
    this.lastWorkdir = workdir;
    const outcome = await runPhase(
      worker,
      role,
      {
        name,
        label,
        cmd,
        workdir,
        timeoutSeconds: this.ctx.options.phaseTimeoutSeconds,
        profile: extra.profile ?? false,
        ...(extra.env ? { env: extra.env } : {}),
      },
      this.ctx.log,
    );
    // A phase past its deadline took its whole container down with it: nothing is left to reap.
    if (!outcome.phase.timedOut) {
      await this.pool.reap(worker, name);
      if (name === 'scaffold') await this.pool.clearScratch(worker);
    }
    if (outcome.phase.profile && (name === 'setup' || name === 'floor')) {
      const known = this.localPackages.get(run.layout) ?? new LocalPackages();
      this.localPackages.set(run.layout, known);
      known.mark(outcome.phase.profile);
    }
    run.phases.push(outcome.phase);
    if (outcome.failed) this.stop(outcome.failed);
    await this.ctx.hooks.afterPhase?.(worker, outcome.phase, run);
    return outcome;
  }

  private async workerA(plan: LayoutPlan, extras: LayoutExtras): Promise<void> {
    const { ctx, result } = this;
    const run = this.newRun(plan, 'A');
    const role: WorkerRole = {
      worker: 'A',
      layout: plan.layout,
      title: `worker A (cold, ${plan.layout} layout)`,
    };
    const worker = await this.start(plan, 'a', run, true);
    try {
      const project = projectDir('a');
      // The cache volume was created empty for this run, but a fresh volume takes the content of
      // the image folder it is mounted over: an image with a filled cache has no cold run.
      if (!result.probe) {
        result.probe = await probeWorker(worker);
        ctx.log.info(
          `the worker has Python ${result.probe.python ?? '(none)'} and uv ${result.probe.uv ?? '(none)'}`,
        );
      }
      const empty = await gatherEvidence(worker, { cache: { dir: plan.cacheDir, withBytes: false } });
      const had = empty.ok ? empty.value.cache?.entries.length : undefined;
      const freshCache = had === 0;
      if (!empty.ok) ctx.log.warn(`${role.title}: no evidence: ${empty.why}`);
      if (had) {
        ctx.log.warn(
          `the ${plan.layout} cache volume is not empty before scaffolding (${had} distributions, taken from the image's cache folder): the cold run cannot be proved cold`,
        );
      }
      const scaffold = await this.phase(
        worker,
        role,
        run,
        'scaffold',
        copierLabel(ctx.options, ctx.template),
        scaffoldCommand(ctx.options, ctx.template, plan),
        workerHome('a'),
        { env: ctx.template.scaffoldEnv },
      );
      if (scaffold.failed) return;
      await this.checkTargets(worker, project);
      if (!result.python && !(await this.pythonFits(worker, project))) return;
      const setup = await this.setup(worker, role, run, plan, project, freshCache, extras);
      if (setup.failed) return;
      if (!(await this.lintAndTest(worker, role, run, project))) return;
      const push = firstPushCommand(plan.originRepo);
      await this.phase(worker, role, run, 'push', 'git commit and push', push, project);
    } finally {
      this.finish(worker, plan, 'a');
    }
  }

  /** The agent's checks after setup, in order; false once one fails. */
  private async lintAndTest(
    worker: Worker,
    role: WorkerRole,
    run: E2eRun,
    project: string,
  ): Promise<boolean> {
    const { options } = this.ctx;
    for (const [name, target] of [
      ['lint', options.lintTarget],
      ['test', options.testTarget],
    ] as const) {
      const make = profiledMake(target);
      if (
        (await this.phase(worker, role, run, name, `make ${target}`, make, project, { profile: true })).failed
      )
        return false;
    }
    return true;
  }

  private async workerB(plan: LayoutPlan, n: number, extras: LayoutExtras): Promise<void> {
    const { ctx } = this;
    const run = this.newRun(plan, 'B');
    const dir = `b${n}`;
    const role: WorkerRole = {
      worker: 'B',
      layout: plan.layout,
      title: `worker B (warm run ${n} of ${ctx.options.warmRuns}, ${plan.layout} layout)`,
    };
    const worker = await this.start(plan, dir, run, false);
    try {
      const project = projectDir(dir);
      const clone = cloneCommand(plan.originRepo, project);
      if (
        (await this.phase(worker, role, run, 'clone', `git clone ${plan.originRepo}`, clone, workerHome(dir)))
          .failed
      )
        return;
      if ((await this.setup(worker, role, run, plan, project, false, extras)).failed) return;
      if (!(await this.lintAndTest(worker, role, run, project))) return;
      if ((await this.workPush(worker, role, run, project, dir)).failed) return;
      if (n === ctx.options.warmRuns) {
        const target = ctx.options.setupTarget;
        const floor = await this.phase(
          worker,
          role,
          run,
          'floor',
          `make ${target} (again, venvs present)`,
          profiledMake(target),
          project,
          { profile: true },
        );
        if (!floor.failed) extras.floorSeconds = floor.phase.seconds;
      }
    } finally {
      this.finish(worker, plan, dir);
    }
  }

  /** A developer's commit and push with the project's hooks on; a failure names the hook that refused it. */
  private async workPush(
    worker: Worker,
    role: WorkerRole,
    run: E2eRun,
    project: string,
    dir: string,
  ): Promise<PhaseOutcome> {
    const push = workPushCommand(dir);
    const outcome = await this.phase(worker, role, run, 'push', 'git commit and push', push, project);
    if (outcome.failed && !outcome.phase.timedOut) {
      const hook = await blameHook(worker, project, workSubject(dir));
      if (hook) outcome.phase.hook = hook;
    }
    return outcome;
  }

  /** The configured targets against the generated Makefile's, before any of them runs. */
  private async checkTargets(worker: Worker, project: string): Promise<void> {
    const { options, log } = this.ctx;
    const listed = await worker.exec(listTargetsCommand(), { workdir: project, timeoutSeconds: 60 });
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

  /** Reads what the project asks of Python; false (the scenario stops) when the worker's does not fit. */
  private async pythonFits(worker: Worker, project: string): Promise<boolean> {
    const { ctx, result } = this;
    result.python = await readPythonFacts(worker, project, result.probe?.python, ctx.template.copierYml);
    const check = pythonFit(result.python, ctx.options.allowPythonMismatch);
    // The judge reports it with the other checks: only a fit that was read is noted here.
    if (result.python.ask) ctx.log.info(`python-fits-template ${check.status}: ${check.detail}`);
    if (check.status !== 'fail') return true;
    this.stop();
    return false;
  }

  /** The setup phase with its evidence gathered before and after, outside the timed span. */
  private async setup(
    worker: Worker,
    role: WorkerRole,
    run: E2eRun,
    plan: LayoutPlan,
    project: string,
    freshCache: boolean,
    extras: LayoutExtras,
  ): Promise<PhaseOutcome> {
    const { ctx } = this;
    const target = ctx.options.setupTarget;
    // Sizing the cache walks every file: around the cold setup only.
    const cache = { dir: plan.cacheDir, withBytes: run.kind === 'cold' };
    const beforeOutcome = await gatherEvidence(worker, { sync: true, cache });
    const make = profiledMake(target);
    const outcome = await this.phase(worker, role, run, 'setup', `make ${target}`, make, project, {
      profile: true,
    });
    // A setup past its deadline took its worker down with it: there is nothing left to look at.
    const afterOutcome: Awaited<ReturnType<typeof gatherEvidence>> = outcome.phase.timedOut
      ? { ok: false, why: 'the setup timed out and its worker was stopped' }
      : await gatherEvidence(worker, { cache, project });
    for (const e of [beforeOutcome, afterOutcome])
      if (!e.ok) ctx.log.warn(`${role.title}: no evidence: ${e.why}`);
    const before = beforeOutcome.ok ? beforeOutcome.value.cache : undefined;
    const after = afterOutcome.ok ? afterOutcome.value.cache : undefined;
    const proj = afterOutcome.ok ? afterOutcome.value.project : undefined;
    if (before && after && run.kind === 'cold') {
      extras.cacheBytesAfterScaffold = before.bytes ?? null;
      extras.cacheBytesAfterCold = after.bytes ?? null;
    }
    const { uv, link, disagreement } = proveSetup(run, {
      ...(before ? { before } : {}),
      ...(after ? { after } : {}),
      ...(proj ? { project: proj } : {}),
      uvLines: outcome.uvLines,
      freshCache,
      env: { image: withoutNames(ctx.imageEnv, ctx.options.unsetEnv), worker: ctx.workerEnv },
    });
    if (disagreement) this.result.uvDisagreements.push(`run ${run.index} (${role.title}): ${disagreement}`);
    ctx.log.info(
      `${role.title}: setup ${run.provedState}, ${run.downloads ?? '?'} downloads, ${run.installs ?? '?'} installs ` +
        `(uv: prepared ${uv.prepared} in ${uv.prepareSeconds.toFixed(2)} s, installed ${uv.installed} in ` +
        `${uv.installSeconds.toFixed(2)} s), link mode ${link.mode} (${link.because})`,
    );
    return outcome;
  }
}
