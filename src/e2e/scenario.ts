// The scenario of the plan, per cache layout: worker A scaffolds, sets up
// (cold), lints, tests and pushes; then each warm run is a fresh worker B on
// the same cache that clones, sets up, lints, tests and pushes; the last one
// runs the setup once more (the floor). The first failing phase stops the
// scenario; clean-up is the caller's (it owns everything created).

import type { FileEntry } from '../docker/containers.js';
import type { Engine } from '../docker/engine.js';
import { runLabels } from '../docker/labels.js';
import { createVolume } from '../docker/volumes.js';
import { InfraError } from '../errors.js';
import type { Log } from '../log.js';
import type { Check, ConcurrentBatch, E2eRun, Failure, Phase } from '../report/types.js';
import { withoutNames } from './agent-env.js';
import { describeEntry, newDistributions, provedState } from './cache-state.js';
import { runConcurrent } from './concurrent.js';
import { gatherEvidence } from './evidence.js';
import {
  type LayoutPlan,
  projectDir,
  SCAFFOLD_CACHE_DIR,
  SCAFFOLD_MOUNT,
  SHARED_CACHE_DIR,
  scaffoldVolume,
  workerHome,
  workerMounts,
  workspaceVolume,
} from './layout-plan.js';
import { configuredLinkMode, decideLinkMode } from './link-mode.js';
import { type PhaseName, type PhaseOutcome, runPhase, type WorkerRole } from './phases.js';
import { type Reaper, reaperFor } from './process-reaper.js';
import { installProfiler, profiledMake } from './profile/install.js';
import { LocalPackages } from './profile/local-packages.js';
import {
  type PythonAsk,
  pythonFitCheck,
  pythonMinorOf,
  readYamlRecord,
  requiresPythonOf,
} from './python-fit.js';
import PUSH_SCAFFOLD_SH from './scripts/push-scaffold.sh';
import PUSH_WORK_SH from './scripts/push-work.sh';
import SCAFFOLD_SH from './scripts/scaffold.sh';
import { roundSeconds } from './stats.js';
import type { LayoutExtras } from './summary.js';
import { checkTargets, listTargetsCommand, parseTargets } from './targets.js';
import { copierCommand } from './template-source.js';
import type { TemplateUpload } from './template-upload.js';
import { disagreement, readUvOutput } from './uv-output.js';
import { type ImageProbe, probeWorker, startWorker, stopWorker, type Worker } from './worker.js';
import { installTools, SCRATCH_DIR } from './worker-tools.js';

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

/** The worker --keep left: its container, the volumes it mounts, where its last phase ran. */
export interface KeptContainer {
  worker: Worker;
  volumes: string[];
  workdir: string;
}

export interface ScenarioContext {
  engine: Engine;
  imageRef: string;
  imageUser: string;
  imageEnv: Readonly<Record<string, string>>;
  /** Everything the workers get besides UV_CACHE_DIR: host settings, git identity, no Python downloads. */
  workerEnv: Record<string, string>;
  caPem: Buffer | undefined;
  /** What of the template enters worker A, prepared on the host (template-upload.ts). */
  template: TemplateUpload;
  options: ScenarioOptions;
  runId: string;
  /** The run's own network (network.ts). */
  network: string;
  log: Log;
  hooks: E2eHooks;
  /** baseline-image or baseline-ref's image: one concurrent worker runs it on the same cache. */
  baselineImageRef?: string;
  /** Called with each worker as it starts, so the caller can remove it whatever happens. */
  track(worker: Worker): void;
  /** The same for each workspace volume, created when its worker starts (not all up front). */
  trackVolume(name: string): void;
}

export class Scenario {
  readonly runs: E2eRun[] = [];
  readonly failures: Failure[] = [];
  readonly disagreements: string[] = [];
  readonly extras = new Map<LayoutPlan['layout'], LayoutExtras>();
  readonly concurrent: ConcurrentBatch[] = [];
  pythonCheck: Check | undefined;
  /** Per layout: the local packages its cold setup built, to tell rebuilt from reused later. */
  private readonly localPackages = new Map<LayoutPlan['layout'], LocalPackages>();
  /** Python and uv versions, from the first worker. */
  probe: ImageProbe | undefined;
  stopped = false;
  kept: KeptContainer | undefined;
  /** The folder of the phase that ran last: where a kept worker is entered. */
  private lastWorkdir = '/';
  private retiring: Promise<void> = Promise.resolve();
  private readonly reapers = new Map<Worker, Reaper>();
  /** Each worker's named volumes, as it was started with them (what --keep keeps). */
  private readonly mounts = new Map<Worker, string[]>();

  constructor(readonly ctx: ScenarioContext) {}

  async runLayout(plan: LayoutPlan): Promise<void> {
    const extras: LayoutExtras = {
      cacheBytesAfterScaffold: null,
      cacheBytesAfterCold: null,
      floorSeconds: null,
    };
    this.extras.set(plan.layout, extras);
    await this.workerA(plan, extras);
    for (let i = 1; i <= this.ctx.options.warmRuns && !this.stopped; i++) {
      await this.workerB(plan, i, extras);
    }
    if (this.ctx.options.concurrentWorkers > 0 && !this.stopped) {
      this.concurrent.push(await runConcurrent(this, plan));
    }
  }

  /** A worker of the layout with its files in; `image` another image on the same cache (the baseline's). */
  async start(
    plan: LayoutPlan,
    dir: string,
    run: E2eRun | undefined,
    first: boolean,
    image?: string,
  ): Promise<Worker> {
    const { ctx } = this;
    const workspace = workspaceVolume(plan, ctx.runId, dir);
    if (workspace) {
      await createVolume(ctx.engine, workspace, runLabels(ctx.runId, ctx.options.keep));
      ctx.trackVolume(workspace);
    }
    const ownScaffoldCache = first && ctx.options.scaffoldCache === 'own';
    const volumes = workerMounts(plan, ctx.runId, dir);
    if (ownScaffoldCache) volumes[scaffoldVolume(ctx.runId)] = SCAFFOLD_MOUNT;
    const worker = await startWorker(ctx.engine, {
      image: image ?? ctx.imageRef,
      // Another image runs as its own default user.
      user: image ? '' : ctx.imageUser,
      env: ctx.options.unsetEnv.includes('UV_CACHE_DIR')
        ? ctx.workerEnv
        : { ...ctx.workerEnv, UV_CACHE_DIR: plan.cacheDir },
      memoryBytes: ctx.options.memoryBytes,
      cpus: ctx.options.cpus,
      runId: ctx.runId,
      role: `e2e-${plan.layout}-${dir}`,
      volumes,
      unsetEnv: ctx.options.unsetEnv,
      network: ctx.network,
      keep: ctx.options.keep,
    });
    ctx.track(worker);
    this.mounts.set(worker, Object.keys(volumes));
    // The tools, root's and read-only; then one archive from /, owned by the worker: its workspace
    // folder (and, for the first worker, the template, the shared cache folder and the origin's folder).
    await installTools(worker, ctx.caPem);
    this.reapers.set(worker, await reaperFor(worker));
    const rel = (p: string) => p.replace(/^\/+/, '');
    const entries: FileEntry[] = [
      { name: `${rel(SCRATCH_DIR)}/`, type: 'directory', mode: 0o700 },
      { name: `${rel(workerHome(dir))}/`, type: 'directory', mode: 0o755 },
    ];
    if (first) {
      entries.push(...ctx.template.entries);
      if (plan.cacheDir === SHARED_CACHE_DIR)
        entries.push({ name: `${rel(SHARED_CACHE_DIR)}/`, type: 'directory', mode: 0o755 });
      entries.push({ name: `${rel(plan.originRepo)}/`, type: 'directory', mode: 0o755 });
    }
    if (ownScaffoldCache)
      entries.push({ name: `${rel(SCAFFOLD_CACHE_DIR)}/`, type: 'directory', mode: 0o755 });
    await worker.put('/', entries);
    await installProfiler(worker);
    // The previous worker goes while this one starts; gone before this one's first phase.
    await this.settle();
    if (run) await ctx.hooks.beforePhases?.(worker, run, plan);
    return worker;
  }

  /**
   * A finished worker's container goes while the next one starts. Its workspace volume
   * stays until the clean-up: deleting a volume full of venvs here, even awaited, slowed
   * the next worker's setup by a second (the file system keeps working after the unlink).
   */
  retire(worker: Worker): void {
    const previous = this.retiring;
    this.retiring = previous.then(() =>
      stopWorker(worker).catch((err: Error) =>
        this.ctx.log.warn(`cannot remove ${worker.role}: ${err.message}`),
      ),
    );
  }

  /** A worker is done: kept when --keep is on and its phase stopped the scenario, else removed. */
  private finish(worker: Worker, plan: LayoutPlan, dir: string): void {
    if (this.stopped && this.ctx.options.keep && !this.kept) {
      const volumes = this.mounts.get(worker) ?? Object.keys(workerMounts(plan, this.ctx.runId, dir));
      this.kept = { worker, volumes, workdir: this.lastWorkdir };
      return;
    }
    this.retire(worker);
  }

  /** Wait until every finished worker is removed (before the next phase, and before the clean-up). */
  settle(): Promise<void> {
    return this.retiring;
  }

  private newRun(plan: LayoutPlan, worker: 'A' | 'B'): E2eRun {
    const run: E2eRun = {
      index: this.runs.length,
      worker,
      kind: worker === 'A' ? 'cold' : 'warm',
      layout: plan.layout,
      phases: [],
    };
    this.runs.push(run);
    return run;
  }

  /** Runs a phase and records it; false when it failed (the scenario stops). */
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
      await this.reap(worker, name);
      // The template copy, copier's mirror and any credential file go before the project's own code runs.
      if (name === 'scaffold') await this.clearScratch(worker);
    }
    if (outcome.phase.profile && (name === 'setup' || name === 'floor')) {
      const known = this.localPackages.get(run.layout) ?? new LocalPackages();
      this.localPackages.set(run.layout, known);
      known.mark(outcome.phase.profile);
    }
    run.phases.push(outcome.phase);
    if (outcome.failure) {
      this.failures.push(outcome.failure);
      this.stopped = true;
    }
    await this.ctx.hooks.afterPhase?.(worker, outcome.phase, run);
    return outcome;
  }

  /** Nothing a phase started lives on into the next phase or the evidence (process-reaper.ts). */
  private async reap(worker: Worker, name: PhaseName): Promise<void> {
    const killed = await this.reapers.get(worker)?.reap();
    if (killed) this.ctx.log.info(`${worker.role}: ${killed} processes left by ${name} were killed`);
  }

  private async clearScratch(worker: Worker): Promise<void> {
    const scratch = await worker.exec(['rm', '-rf', SCRATCH_DIR], { timeoutSeconds: 60 });
    if (scratch.exitCode !== 0)
      throw new InfraError(`cannot remove ${SCRATCH_DIR} from ${worker.role}: ${scratch.output.trim()}`);
  }

  private async workerA(plan: LayoutPlan, extras: LayoutExtras): Promise<void> {
    const { ctx } = this;
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
      if (!this.probe) {
        this.probe = await probeWorker(worker);
        ctx.log.info(
          `the worker has Python ${this.probe.python ?? '(none)'} and uv ${this.probe.uv ?? '(none)'}`,
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
        this.copierLabel(),
        this.scaffoldCommand(plan),
        workerHome('a'),
        { env: ctx.template.scaffoldEnv },
      );
      if (scaffold.failure) return;
      await this.checkTargets(worker, project);
      if (!this.pythonCheck) {
        this.pythonCheck = await this.checkPython(worker, project);
        if (this.pythonCheck.status === 'fail') {
          this.stopped = true;
          return;
        }
      }
      const setup = await this.setup(worker, role, run, plan, project, freshCache, extras);
      if (setup.failure) return;
      if (!(await this.lintAndTest(worker, role, run, project))) return;
      await this.phase(
        worker,
        role,
        run,
        'push',
        'git commit and push',
        ['sh', '-c', PUSH_SCAFFOLD_SH, 'push', plan.originRepo],
        project,
      );
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
        (await this.phase(worker, role, run, name, `make ${target}`, make, project, { profile: true }))
          .failure
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
      const clone = ['git', 'clone', '-q', plan.originRepo, project];
      if (
        (await this.phase(worker, role, run, 'clone', `git clone ${plan.originRepo}`, clone, workerHome(dir)))
          .failure
      )
        return;
      if ((await this.setup(worker, role, run, plan, project, false, extras)).failure) return;
      if (!(await this.lintAndTest(worker, role, run, project))) return;
      const push = ['sh', '-c', PUSH_WORK_SH, 'push', dir];
      if ((await this.phase(worker, role, run, 'push', 'git commit and push', push, project)).failure) return;
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
        if (!floor.failure) extras.floorSeconds = floor.phase.seconds;
      }
    } finally {
      this.finish(worker, plan, dir);
    }
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

  private copierLabel(): string {
    const { options, template } = this.ctx;
    return `uvx copier@${options.copierVersion} copy --vcs-ref ${template.vcsRef} ${template.label}`;
  }

  /** scripts/scaffold.sh: the origin, the template as a repository when needed, copier, the project's repository. */
  private scaffoldCommand(plan: LayoutPlan): string[] {
    const { options, template } = this.ctx;
    const copier = copierCommand({
      copierVersion: options.copierVersion,
      templateRef: template.vcsRef,
      data: options.data,
      trust: options.trustTemplate,
      source: template.copierSource,
      destination: projectDir('a'),
    });
    return [
      'sh',
      '-c',
      SCAFFOLD_SH,
      'scaffold',
      plan.originRepo,
      projectDir('a'),
      template.needsGitInit ? template.copierSource : '',
      // The scaffolder's own cache (scaffold-cache own): the workers' cache stays empty for the cold setup.
      options.scaffoldCache === 'own' ? SCAFFOLD_CACHE_DIR : '',
      ...copier,
    ];
  }

  private async checkPython(worker: Worker, project: string): Promise<Check> {
    const { ctx } = this;
    const python = this.probe?.python;
    if (!python) {
      return {
        id: 'python-fits-template',
        status: 'fail',
        detail: 'the worker has no python3 on PATH to run the project',
      };
    }
    const evidence = await gatherEvidence(worker, { ask: project });
    const files = evidence.ok ? evidence.value.ask : undefined;
    if (!files) {
      return {
        id: 'python-fits-template',
        status: 'warn',
        detail: `cannot read the project's Python requirements: ${evidence.ok ? 'nothing read' : evidence.why}`,
      };
    }
    const ask: PythonAsk = { requiresPython: [] };
    for (const { file, text } of files.pyprojects) {
      const spec = requiresPythonOf(text);
      if (spec) ask.requiresPython.push({ file, spec });
    }
    for (const { file, text } of files.answers) {
      const minor = pythonMinorOf(readYamlRecord(text));
      if (minor) {
        ask.minor = { version: minor.version, source: `${file} ${minor.key}` };
        break;
      }
    }
    if (!ask.minor && ctx.template.copierYml) {
      const minor = pythonMinorOf(readYamlRecord(ctx.template.copierYml));
      if (minor) ask.minor = { version: minor.version, source: `the template's ${minor.key} default` };
    }
    const check = pythonFitCheck(python, ask, ctx.options.allowPythonMismatch);
    // A failure is reported with the other checks' (the pipeline prints them): only noted here.
    ctx.log.info(`python-fits-template ${check.status}: ${check.detail}`);
    return check;
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

    if (before && after) {
      const added = newDistributions(before, after);
      run.downloads = added.length;
      run.newDistributions = added.slice(0, 100).map(describeEntry);
      if (run.kind === 'cold') {
        extras.cacheBytesAfterScaffold = before.bytes ?? null;
        extras.cacheBytesAfterCold = after.bytes ?? null;
      }
    }
    run.provedState = provedState(run.kind, run.downloads, freshCache);
    const uv = readUvOutput(outcome.uvLines);
    run.uvSummary = {
      downloaded: uv.downloaded,
      prepared: uv.prepared,
      installed: uv.installed,
      audited: uv.audited,
      prepareSeconds: roundSeconds(uv.prepareSeconds),
      installSeconds: roundSeconds(uv.installSeconds),
    };
    if (proj) run.installs = proj.installs;
    const configured = configuredLinkMode(proj?.config ?? [], {
      image: withoutNames(ctx.imageEnv, ctx.options.unsetEnv),
      worker: ctx.workerEnv,
    });
    const link = decideLinkMode({
      hardlinkFailed: uv.hardlinkFailed,
      samples: proj?.samples ?? [],
      configured,
    });
    run.linkMode = link.mode;
    run.linkModeEvidence = link.because;
    if (run.downloads !== undefined) {
      const differs = disagreement(run.downloads, uv);
      if (differs) this.disagreements.push(`run ${run.index} (${role.title}): ${differs}`);
    }
    ctx.log.info(
      `${role.title}: setup ${run.provedState}, ${run.downloads ?? '?'} downloads, ${run.installs ?? '?'} installs ` +
        `(uv: prepared ${uv.prepared} in ${uv.prepareSeconds.toFixed(2)} s, installed ${uv.installed} in ` +
        `${uv.installSeconds.toFixed(2)} s), link mode ${link.mode} (${link.because})`,
    );
    return outcome;
  }
}
