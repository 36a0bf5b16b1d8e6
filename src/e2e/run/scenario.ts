// The scenario as production runs it, in two roles. The scaffolder (its own
// image and user, root by default, on its own uv cache or the workers') runs
// copier, `make setup` and the first push with the project's hooks off. Then,
// per cache layout, developer workers get the project by `handoff`: clone (the
// plan's flow: clone → setup → lint → test → push) or mount (production's: a
// copy of the scaffolder's workspace, venvs included → fix-up → lint → test →
// setup → push). Developer A is the first on the layout's cache, then each warm
// run is a fresh developer B; the last runs the setup once more (the floor).
// The first failing phase stops the scenario, and so does a Python that cannot
// fit the template (the model's rule, src/model/python-fit.ts); clean-up is the
// caller's (it owns everything created). What it measured comes back as one
// ScenarioResult; the judge decides the rest.

import type { E2eFacts, FailedPhase, OfflineUnproved, PhaseName } from '../../model/facts/e2e.js';
import type { LayoutExtras } from '../../model/figures/layout-figures.js';
import { setupSeconds } from '../../model/figures/proved-runs.js';
import { roundSeconds, spread } from '../../model/figures/stats.js';
import type { Log } from '../../model/log.js';
import { round } from '../../model/numbers.js';
import { pythonFit } from '../../model/python-fit.js';
import type {
  CacheLayout,
  CacheVolumeFacts,
  ConcurrentBatch,
  E2eRun,
  HandedOver,
  Phase,
  ProjectCall,
  ScaffolderReport,
  ScaffolderSetup,
} from '../../model/report.js';
import { commandPaths } from '../evidence/command-paths.js';
import { gatherEvidence } from '../evidence/evidence.js';
import { blameHook } from '../evidence/hook-blame.js';
import { notFoundCommand } from '../evidence/not-found.js';
import { readProjectFiles } from '../evidence/project-files.js';
import { readPythonFacts } from '../evidence/python-ask.js';
import { callOutcomes, type RemovedToolCall, removedToolCalls } from '../evidence/removed-tool-calls.js';
import { proveSetup, type SetupRecord } from '../evidence/setup-proof.js';
import { checkVenvs } from '../evidence/venv-check.js';
import { profiledMake } from '../profile/install.js';
import { LocalPackages } from '../profile/local-packages.js';
import { mapToTemplate } from '../template/template-map.js';
import type { TemplateUpload } from '../template/template-upload.js';
import { withoutNames } from '../worker/agent-env.js';
import { type ImageProbe, probeWorker, type Worker } from '../worker/worker.js';
import { type ConcurrentHost, runConcurrent } from './concurrent.js';
import {
  type LayoutPlan,
  ORIGIN_REPO,
  planLayout,
  planScaffolder,
  projectDir,
  SCAFFOLDER_PROJECT,
  SCAFFOLDER_WORKSPACE,
  type ScaffolderPlan,
  scaffolderWorkspaceVolume,
  workerHome,
  workspaceVolume,
} from './layout-plan.js';
import {
  cloneCommand,
  copierLabel,
  copierProgram,
  FIND_COPIER,
  firstPushCommand,
  scaffoldCommand,
  workPushCommand,
  workRefspec,
  workSubject,
} from './phase-commands.js';
import { type PhaseOutcome, runPhase, type WorkerRole } from './phases.js';
import { checkTargets, listTargetsCommand, parseTargets } from './targets.js';
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

/** The scaffolder once, then every layout in order, each on a cache volume of its own, until one stops. */
export async function runScenario(
  ctx: ScenarioContext,
  layouts: readonly CacheLayout[],
  cacheDir: string,
): Promise<ScenarioResult> {
  const scenario = new Scenario(ctx);
  const plans = layouts.map((layout) => planLayout(layout, ctx.runId, cacheDir));
  const first = plans[0];
  if (!first) return scenario.result;
  const splan = planScaffolder(first, ctx.runId, {
    scaffoldCache: ctx.options.scaffoldCache,
    root: ctx.options.scaffolderUser === 'root',
  });
  await ctx.pool.createVolume(scaffolderWorkspaceVolume(ctx.runId));
  await ctx.pool.createVolume(splan.cacheVolume);
  await scenario.scaffold(first, splan);
  for (const plan of plans) {
    if (scenario.stopped) break;
    if (plan.cacheVolume !== splan.cacheVolume) await ctx.pool.createVolume(plan.cacheVolume);
    await scenario.runLayout(plan, !splan.sharesWorkersCache || plan !== first);
  }
  scenario.describeFirstDeveloper();
  scenario.describeProjectCalls();
  return scenario.result;
}

/** The evidence of one setup, gathered before and after it outside its timed span. */
interface SetupEvidenceOutcome {
  outcome: PhaseOutcome;
  cacheBefore?: { entries: number; bytes?: number };
  cacheAfter?: { entries: number; bytes?: number };
}

/** Who runs a phase and where it is recorded. */
interface Runner {
  worker: Worker;
  role: WorkerRole;
  phases: Phase[];
  hookRun: HookRun;
  layout: CacheLayout;
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
  /** The origin became the workers' (handoff.ts): once per run. */
  private originHandedOver = false;
  /** The project's bare calls of removed tools, read after the scaffold. */
  private removedToolCalls: RemovedToolCall[] | undefined;
  /** Commands a phase printed `command not found` for. */
  private readonly notFound = new Set<string>();
  /** The removed tools the workers have on PATH after all, asked in developer A. */
  private provided: Map<string, string> | undefined;

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

  /** The scaffolder: scaffold → setup → the first push, hooks off, as production's does. */
  async scaffold(plan: LayoutPlan, splan: ScaffolderPlan): Promise<void> {
    const { ctx, result } = this;
    const who = ctx.scaffolder;
    const worker = await this.pool.startScaffolder(splan, {
      image: who.image,
      user: who.user,
      makeCacheDir: splan.sharesWorkersCache,
    });
    const hookRun: HookRun = { worker: 'scaffolder', layout: plan.layout, index: -1 };
    const report: ScaffolderReport = {
      image: who.label,
      user: who.userName,
      uid: worker.uid,
      copier: `uvx copier@${ctx.options.copierVersion}`,
      workspace: SCAFFOLDER_PROJECT,
      layout: plan.layout,
      cacheVolume: { name: splan.cacheVolume, mountPoint: splan.cacheDir, ownerUid: null, entries: null },
      phases: [],
    };
    result.scaffolder = report;
    const role: WorkerRole = {
      worker: 'scaffolder',
      layout: plan.layout,
      title: `the scaffolder (${who.userName}, ${splan.sharesWorkersCache ? "on the workers' cache" : 'on its own cache'})`,
    };
    const runner: Runner = { worker, role, phases: report.phases, hookRun, layout: plan.layout };
    try {
      await ctx.hooks.beforePhases?.(worker, hookRun, plan);
      const probe = await probeWorker(worker);
      if (who.sameImage) result.probe = probe;
      const program = copierProgram((await worker.exec(FIND_COPIER, { timeoutSeconds: 60 })).output);
      if (program) report.copier = program;
      ctx.log.info(
        `the scaffolder runs ${who.label} as ${who.userName} (uid ${worker.uid}) with Python ${probe.python ?? '(none)'}, ` +
          `copier ${program ? `${program} (the image's)` : `through uvx`}, uv cache ${splan.cacheVolume} at ${splan.cacheDir}`,
      );
      const freshCache = await this.cacheIsFresh(worker, splan.cacheDir, splan.cacheVolume);
      const scaffold = await this.phase(
        runner,
        'scaffold',
        copierLabel(ctx.options, ctx.template, program),
        scaffoldCommand(
          ctx.options,
          ctx.template,
          { origin: ORIGIN_REPO, project: SCAFFOLDER_PROJECT },
          program,
        ),
        SCAFFOLDER_WORKSPACE,
        { env: ctx.template.scaffoldEnv },
      );
      if (scaffold.failed) return;
      await this.readProjectCalls(worker);
      await this.checkTargets(worker, SCAFFOLDER_PROJECT);
      if (who.sameImage && !(await this.pythonFits(worker, SCAFFOLDER_PROJECT, probe.python))) return;
      // On the workers' cache the scaffolder's setup is the layout's cold run.
      const record: SetupRecord = { kind: 'cold' };
      const setup = await this.setup(runner, record, splan.cacheDir, SCAFFOLDER_PROJECT, {
        freshCache,
        sized: splan.sharesWorkersCache,
      });
      report.setup = scaffolderSetup(record, setup.outcome.phase, splan.sharesWorkersCache);
      report.cacheVolume.entries = setup.cacheAfter?.entries ?? null;
      // A setup past its deadline took the container down with it.
      if (!setup.outcome.phase.timedOut) report.cacheVolume.ownerUid = await ownerOf(worker, splan.cacheDir);
      if (splan.sharesWorkersCache) this.noteColdCache(plan.layout, setup);
      if (setup.outcome.failed) return;
      await this.phase(
        runner,
        'push',
        'git commit and push (hooks off)',
        firstPushCommand(ORIGIN_REPO),
        SCAFFOLDER_PROJECT,
      );
    } finally {
      this.finish(worker);
    }
  }

  /**
   * A layout's developers: A (the first on its cache; cold unless the scaffolder set up on
   * it), then each warm B, then the concurrent batch. `aIsCold`: A's setup is the cold run.
   */
  async runLayout(plan: LayoutPlan, aIsCold: boolean): Promise<void> {
    this.result.extras.set(plan.layout, {
      cacheBytesAfterScaffold: this.result.extras.get(plan.layout)?.cacheBytesAfterScaffold ?? null,
      cacheBytesAfterCold: this.result.extras.get(plan.layout)?.cacheBytesAfterCold ?? null,
      floorSeconds: null,
    });
    for (let n = 0; n <= this.ctx.options.warmRuns && !this.stopped; n++) {
      await this.developer(plan, n, n === 0 && aIsCold);
    }
    if (this.ctx.options.concurrentWorkers > 0 && !this.stopped) {
      this.result.concurrent.push(await runConcurrent(this, plan));
    }
  }

  /** Developer n of a layout (0: A), by the configured handoff. */
  private async developer(plan: LayoutPlan, n: number, cold: boolean): Promise<void> {
    const { ctx } = this;
    const mount = ctx.options.handoff === 'mount';
    const letter = n === 0 ? 'A' : 'B';
    const dir = n === 0 ? 'a' : `b${n}`;
    const run: E2eRun = {
      index: this.result.runs.length,
      worker: letter,
      kind: cold ? 'cold' : 'warm',
      layout: plan.layout,
      role: 'developer',
      handoff: ctx.options.handoff,
      phases: [],
    };
    this.result.runs.push(run);
    const what =
      n === 0
        ? cold
          ? 'cold'
          : 'warm: the scaffolder set up on this cache'
        : `warm run ${n} of ${ctx.options.warmRuns}`;
    const role: WorkerRole = {
      worker: letter,
      layout: plan.layout,
      title: `developer ${letter} (${what}, ${plan.layout} layout, ${ctx.options.handoff})`,
    };
    // A mounted handoff is copied into the developer's volume before it starts (handOver).
    const copyTo = mount ? workspaceVolume(plan, ctx.runId, dir) : undefined;
    if (copyTo) {
      await this.pool.createVolume(copyTo);
      await this.handOver(await this.pool.workerIdentity(), copyTo);
    }
    const worker = await this.pool.start(plan, dir, {
      makeCacheDir: n === 0 && cold,
      ...(mount ? { handoffPath: ctx.options.handoffPath } : {}),
    });
    const hookRun: HookRun = { worker: letter, layout: plan.layout, index: run.index, kind: run.kind };
    const runner: Runner = { worker, role, phases: run.phases, hookRun, layout: plan.layout };
    try {
      if (!copyTo) await this.handOver(worker, undefined);
      await ctx.hooks.beforePhases?.(worker, hookRun, plan);
      if (!this.result.probe) this.result.probe = await probeWorker(worker);
      if (!this.provided) this.provided = await commandPaths(worker, ctx.options.forbidCommands);
      if (n === 0) await this.noteWorkersCache(worker, plan);
      const project = mount ? ctx.options.handoffPath : projectDir(dir);
      // Its branch on the origin, one per developer of each layout (the layouts share the origin).
      const name = `${plan.layout}/${dir}`;
      if (mount) await this.mountedWork(runner, run, plan, project, name, cold);
      else await this.clonedWork(runner, run, plan, { project, dir, name }, cold, n === ctx.options.warmRuns);
    } finally {
      this.finish(worker);
    }
  }

  /** The plan's flow: clone → setup → lint → test → push; the last warm run sets up once more (the floor). */
  private async clonedWork(
    runner: Runner,
    run: E2eRun,
    plan: LayoutPlan,
    where: { project: string; dir: string; name: string },
    cold: boolean,
    last: boolean,
  ): Promise<void> {
    const { ctx } = this;
    const { project, dir, name } = where;
    const clone = cloneCommand(plan.originRepo, project);
    if ((await this.phase(runner, 'clone', `git clone ${plan.originRepo}`, clone, workerHome(dir))).failed)
      return;
    if (!this.result.python && !(await this.pythonFits(runner.worker, project, this.result.probe?.python)))
      return;
    if ((await this.developerSetup(runner, run, plan, project, cold)).failed) return;
    if (!(await this.lintAndTest(runner, project))) return;
    if ((await this.workPush(runner, project, name)).failed) return;
    if (run.kind === 'warm' && run.worker === 'B' && last) {
      const target = ctx.options.setupTarget;
      const floor = await this.phase(
        runner,
        'floor',
        `make ${target} (again, venvs present)`,
        profiledMake(target),
        project,
        { profile: true },
      );
      const extras = this.result.extras.get(plan.layout);
      if (!floor.failed && extras) extras.floorSeconds = floor.phase.seconds;
    }
  }

  /**
   * Production's flow: the handed-over project (its venvs built under the scaffolder's path),
   * the platform's fix-up when given, then lint → test → setup (an agent adding a
   * dependency sets up again) → push.
   */
  private async mountedWork(
    runner: Runner,
    run: E2eRun,
    plan: LayoutPlan,
    project: string,
    name: string,
    cold: boolean,
  ): Promise<void> {
    const { ctx } = this;
    if (!this.result.python && !(await this.pythonFits(runner.worker, project, this.result.probe?.python)))
      return;
    const fixup = ctx.options.handoffFixup;
    // Developer A's venvs are checked as handed over and after the fix-up (outside any timed span).
    const handedOver: HandedOver | undefined =
      run.worker === 'A'
        ? {
            mode: 'mount',
            path: project,
            from: SCAFFOLDER_PROJECT,
            ...(fixup ? { fixup } : {}),
            venvs: { asHandedOver: await checkVenvs(runner.worker, project, SCAFFOLDER_PROJECT) },
          }
        : undefined;
    if (handedOver) this.result.handedOver = handedOver;
    if (fixup) {
      if ((await this.phase(runner, 'fixup', fixup, ['sh', '-c', fixup], project)).failed) return;
      if (handedOver)
        handedOver.venvs.afterFixup = await checkVenvs(runner.worker, project, SCAFFOLDER_PROJECT);
    }
    if (!(await this.lintAndTest(runner, project))) return;
    if ((await this.developerSetup(runner, run, plan, project, cold)).failed) return;
    await this.workPush(runner, project, name);
  }

  /**
   * The origin (and, for a mounted handoff, a copy of the scaffolder's project in `copyTo`)
   * becomes this developer's. A developer with the scaffolder's uid needs no chown of the origin.
   */
  private async handOver(owner: { uid: number; gid: number }, copyTo: string | undefined): Promise<void> {
    const scaffolderUid = this.result.scaffolder?.uid;
    const originDone = this.originHandedOver || scaffolderUid === owner.uid;
    if (originDone && !copyTo) return;
    await this.pool.handOver(owner, copyTo);
    this.originHandedOver = true;
  }

  /** A container is done: kept when --keep is on and its phase stopped the run, else removed. */
  private finish(worker: Worker): void {
    this.pool.release(worker, this.stopped ? this.lastWorkdir : undefined);
  }

  /** Runs a phase and records it; a failed one stops the scenario. */
  private async phase(
    runner: Runner,
    name: PhaseName,
    label: string,
    cmd: string[],
    workdir: string,
    extra: { env?: Record<string, string>; profile?: boolean } = {},
  ): Promise<PhaseOutcome> {
    this.lastWorkdir = workdir;
    const { worker } = runner;
    const outcome = await runPhase(
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
      },
      this.ctx.log,
    );
    // A phase past its deadline took its whole container down with it: nothing is left to reap.
    if (!outcome.phase.timedOut) {
      await this.pool.reap(worker, name);
      if (name === 'scaffold') await this.pool.clearScratch(worker);
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
  private async lintAndTest(runner: Runner, project: string): Promise<boolean> {
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
  private async workPush(runner: Runner, project: string, name: string): Promise<PhaseOutcome> {
    const push = workPushCommand(name);
    const outcome = await this.phase(runner, 'push', 'git commit and push', push, project);
    if (outcome.failed && !outcome.phase.timedOut) {
      const hook = await blameHook(runner.worker, project, workSubject(name), 'origin', workRefspec(name));
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

  /** Reads what the project asks of the workers' Python; false (the scenario stops) when it does not fit. */
  private async pythonFits(worker: Worker, project: string, python: string | undefined): Promise<boolean> {
    const { ctx, result } = this;
    result.python = await readPythonFacts(worker, project, python, ctx.template.copierYml);
    const fit = pythonFit(result.python, ctx.options.allowPythonMismatch);
    // The judge reports it with the other checks: only a fit that was read is noted here.
    if (result.python.ask) ctx.log.info(`python-fits-template ${fit.status}: ${fit.detail}`);
    if (fit.status !== 'fail') return true;
    this.stop();
    return false;
  }

  /**
   * The cache volume was created empty for this run, but a fresh volume takes the content of
   * the image folder it is mounted over: an image with a filled cache has no cold run.
   */
  private async cacheIsFresh(worker: Worker, dir: string, volume: string): Promise<boolean> {
    const { log } = this.ctx;
    const empty = await gatherEvidence(worker, { cache: { dir, withBytes: false } });
    if (!empty.ok) {
      log.warn(`${worker.role}: no evidence: ${empty.why}`);
      return false;
    }
    const had = empty.value.cache?.entries.length;
    if (had) {
      log.warn(
        `the cache volume ${volume} is not empty before its first setup (${had} distributions, taken from the image's cache folder): its first setup cannot be proved cold`,
      );
    }
    return had === 0;
  }

  /** The workers' cache as developer A finds it, before its setup: for the scaffolder's report. */
  private async noteWorkersCache(worker: Worker, plan: LayoutPlan): Promise<void> {
    const scaffolder = this.result.scaffolder;
    if (!scaffolder || scaffolder.layout !== plan.layout) return;
    const listing = await gatherEvidence(worker, { cache: { dir: plan.cacheDir, withBytes: false } });
    const facts: CacheVolumeFacts = {
      name: plan.cacheVolume,
      mountPoint: plan.cacheDir,
      ownerUid: await ownerOf(worker, plan.cacheDir),
      entries: listing.ok ? (listing.value.cache?.entries.length ?? null) : null,
    };
    scaffolder.workersCacheVolume = facts;
  }

  /** The cache sizes around a layout's cold setup, for its figures. */
  private noteColdCache(layout: CacheLayout, setup: SetupEvidenceOutcome): void {
    const extras: LayoutExtras = this.result.extras.get(layout) ?? {
      cacheBytesAfterScaffold: null,
      cacheBytesAfterCold: null,
      floorSeconds: null,
    };
    extras.cacheBytesAfterScaffold = setup.cacheBefore?.bytes ?? null;
    extras.cacheBytesAfterCold = setup.cacheAfter?.bytes ?? null;
    this.result.extras.set(layout, extras);
  }

  /** A developer's setup: its evidence proves its run cold or warm. */
  private async developerSetup(
    runner: Runner,
    run: E2eRun,
    plan: LayoutPlan,
    project: string,
    cold: boolean,
  ): Promise<PhaseOutcome> {
    const freshCache = cold ? await this.cacheIsFresh(runner.worker, plan.cacheDir, plan.cacheVolume) : false;
    const setup = await this.setup(runner, run, plan.cacheDir, project, { freshCache, sized: cold });
    if (cold) this.noteColdCache(plan.layout, setup);
    return setup.outcome;
  }

  /** The setup phase with its evidence gathered before and after, outside the timed span. */
  private async setup(
    runner: Runner,
    record: SetupRecord,
    cacheDir: string,
    project: string,
    opts: { freshCache: boolean; sized: boolean },
  ): Promise<SetupEvidenceOutcome> {
    const { ctx } = this;
    const { worker, role } = runner;
    const target = ctx.options.setupTarget;
    // Sizing the cache walks every file: around the cold setup only.
    const cache = { dir: cacheDir, withBytes: opts.sized };
    const beforeOutcome = await gatherEvidence(worker, { sync: true, cache });
    const make = profiledMake(target);
    const outcome = await this.phase(runner, 'setup', `make ${target}`, make, project, { profile: true });
    // A setup past its deadline took its worker down with it: there is nothing left to look at.
    const afterOutcome: Awaited<ReturnType<typeof gatherEvidence>> = outcome.phase.timedOut
      ? { ok: false, why: 'the setup timed out and its worker was stopped' }
      : await gatherEvidence(worker, { cache, project });
    for (const e of [beforeOutcome, afterOutcome])
      if (!e.ok) ctx.log.warn(`${role.title}: no evidence: ${e.why}`);
    const before = beforeOutcome.ok ? beforeOutcome.value.cache : undefined;
    const after = afterOutcome.ok ? afterOutcome.value.cache : undefined;
    const proj = afterOutcome.ok ? afterOutcome.value.project : undefined;
    const { uv, link, disagreement } = proveSetup(record, {
      ...(before ? { before } : {}),
      ...(after ? { after } : {}),
      ...(proj ? { project: proj } : {}),
      uvLines: outcome.uvLines,
      freshCache: opts.freshCache,
      env: { image: withoutNames(ctx.imageEnv, ctx.options.unsetEnv), worker: ctx.workerEnv },
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
    const sized = (l: typeof before) =>
      l ? { entries: l.entries.length, ...(l.bytes !== undefined ? { bytes: l.bytes } : {}) } : undefined;
    const cacheBefore = sized(before);
    const cacheAfter = sized(after);
    return { outcome, ...(cacheBefore ? { cacheBefore } : {}), ...(cacheAfter ? { cacheAfter } : {}) };
  }

  /** The generated project's hooks, Makefile and scripts, read for bare calls of removed tools. */
  private async readProjectCalls(worker: Worker): Promise<void> {
    const files = await readProjectFiles(worker, SCAFFOLDER_PROJECT);
    if (!files) {
      this.ctx.log.warn(
        "cannot read the project's hooks, Makefile and scripts: project-calls-removed-tool not checked",
      );
      return;
    }
    for (const note of files.notes) this.ctx.log.info(`project-calls-removed-tool: ${note}`);
    this.removedToolCalls = removedToolCalls(files.files, this.ctx.options.forbidCommands);
  }

  /** Each bare call of a removed tool with what it did here, mapped to the template's file when local. */
  describeProjectCalls(): void {
    if (!this.removedToolCalls) return;
    const calls = callOutcomes(this.removedToolCalls, {
      notFound: this.notFound,
      provided: this.provided ?? new Map(),
    });
    const scripts = this.ctx.template.scripts;
    this.result.projectCalls = scripts ? mapToTemplate(calls, scripts) : calls;
  }

  /** Whether developer A's setup was cold, why, and what that cost beside a warm one (figures from the runs). */
  describeFirstDeveloper(): void {
    const scaffolder = this.result.scaffolder;
    if (!scaffolder) return;
    const a = this.result.runs.find((r) => r.layout === scaffolder.layout && r.worker === 'A');
    if (!a) return;
    const warm = this.result.runs
      .filter((r) => r.layout === a.layout && r.worker === 'B' && r.provedState === 'warm')
      .map(setupSeconds)
      .filter((s): s is number => s !== undefined);
    const mid = spread(warm)?.median;
    const seconds = setupSeconds(a);
    const own = scaffolder.cacheVolume;
    const workers = scaffolder.workersCacheVolume;
    const uid = (v?: CacheVolumeFacts) =>
      v?.ownerUid === null || v?.ownerUid === undefined ? 'owner unknown' : `owner uid ${v.ownerUid}`;
    const cold = a.kind === 'cold';
    const because = cold
      ? `the scaffolder's uv cache (${own.name} at ${own.mountPoint}, ${uid(own)}) is another volume than the workers' (${workers?.name ?? 'their cache'} at ${workers?.mountPoint ?? '?'}, ${uid(workers)}), so nothing it downloaded warmed developer A`
      : `the scaffolder set up on the workers' uv cache (${own.name}), so developer A found it warm`;
    scaffolder.firstDeveloper = {
      cold,
      because,
      ...(seconds !== undefined ? { setupSeconds: seconds } : {}),
      ...(mid !== undefined ? { warmMedianSeconds: roundSeconds(mid) } : {}),
      ...(seconds !== undefined && mid !== undefined ? { costSeconds: round(seconds - mid, 2) } : {}),
    };
  }
}

/** The scaffolder's setup as the report shows it. */
function scaffolderSetup(record: SetupRecord, phase: Phase, onWorkersCache: boolean): ScaffolderSetup {
  const ok = phase.exitCode === 0 && !phase.timedOut;
  const setup: ScaffolderSetup = { seconds: ok ? phase.seconds : null, onWorkersCache };
  if (record.provedState) setup.provedState = record.provedState;
  if (record.downloads !== undefined) setup.downloads = record.downloads;
  if (record.installs !== undefined) setup.installs = record.installs;
  if (record.linkMode) setup.linkMode = record.linkMode;
  if (record.linkModeEvidence) setup.linkModeEvidence = record.linkModeEvidence;
  if (record.newDistributions) setup.newDistributions = record.newDistributions;
  return setup;
}

/** The owner uid of a folder in a container, or null. */
async function ownerOf(worker: Worker, dir: string): Promise<number | null> {
  const r = await worker.exec(['stat', '-c', '%u', dir], { timeoutSeconds: 30 });
  const uid = r.output.trim();
  return r.exitCode === 0 && /^\d+$/.test(uid) ? Number(uid) : null;
}
