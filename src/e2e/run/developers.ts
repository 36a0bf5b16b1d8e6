import type { CacheVolumeFacts, E2eRun, HandedOver } from '../../model/report.js';
import { commandPaths } from '../evidence/command-paths.js';
import { gatherEvidence } from '../evidence/evidence.js';
import { checkVenvs } from '../evidence/venv-check.js';
import { profiledMake } from '../profile/install.js';
import { probeWorker, type Worker } from '../worker/worker.js';
import { runConcurrent } from './concurrent.js';
import {
  type LayoutPlan,
  projectDir,
  SCAFFOLDER_PROJECT,
  workerHome,
  workspaceVolume,
} from './layout-plan.js';
import { cloneCommand } from './phase-commands.js';
import type { PhaseOutcome, WorkerRole } from './phases.js';
import { type DeveloperSlot, developerOrder, freshCachePlan } from './run-order.js';
import { type HookRun, ownerOf, type Runner, type Scenario } from './scenario.js';

/**
 * A layout's developers in run order (run-order.ts: A, then warm runs taking turns with
 * further cold runs on fresh caches), then the concurrent batch. `aIsCold`: A's setup is
 * the layout's first cold run.
 */
export async function runLayout(
  scn: Scenario,
  plan: LayoutPlan,
  aIsCold: boolean,
  next?: { plan: LayoutPlan; aIsCold: boolean },
): Promise<void> {
  scn.result.extras.set(plan.layout, {
    cacheBytesAfterScaffold: scn.result.extras.get(plan.layout)?.cacheBytesAfterScaffold ?? null,
    cacheBytesAfterCold: scn.result.extras.get(plan.layout)?.cacheBytesAfterCold ?? null,
    floorSeconds: null,
  });
  const { options } = scn.ctx;
  const slots = developerOrder(options.coldRuns, options.warmRuns, aIsCold);
  for (const [i, slot] of slots.entries()) {
    if (scn.stopped) break;
    // The next developer's worker starts beside this one's checks (worker-pool.ts: prepare).
    const following = slots[i + 1];
    if (following) prepareDeveloper(scn, plan, following);
    else if (next) prepareDeveloper(scn, next.plan, firstDeveloper(scn, next.aIsCold));
    // The run's last worker: no concurrent batch and no trial follows it.
    const last = !following && !next && options.concurrentWorkers === 0 && options.tryFixes.length === 0;
    await developer(scn, plan, slot, { last });
  }
  if (options.concurrentWorkers > 0 && !scn.stopped) {
    // Its setups are timed: no removal beside them.
    await scn.pool.settle();
    // Its setups overlap one another: the batch counts as phase time, not as worker-gate's own.
    scn.result.concurrent.push(await scn.ctx.clock.time('phases', () => runConcurrent(scn, plan)));
  }
}

function describeSlot(slot: DeveloperSlot, options: { coldRuns: number; warmRuns: number }): string {
  if (slot.kind === 'warm')
    return slot.ordinal === 0
      ? 'warm: the scaffolder set up on this cache'
      : `warm run ${slot.ordinal} of ${options.warmRuns}`;
  if (options.coldRuns === 1) return 'cold';
  return `cold run ${slot.ordinal} of ${options.coldRuns}${slot.freshCache ? ', on a fresh cache volume' : ''}`;
}

/** A layout's first developer (A). */
export function firstDeveloper(scn: Scenario, aIsCold: boolean): DeveloperSlot {
  const { coldRuns, warmRuns } = scn.ctx.options;
  return developerOrder(coldRuns, warmRuns, aIsCold)[0] as DeveloperSlot;
}

/**
 * This developer's worker is started ahead, beside the phase before its turn that may have
 * company. Not with a mounted handoff: its volume gets the scaffolder's copy before it starts.
 */
export function prepareDeveloper(scn: Scenario, layoutPlan: LayoutPlan, slot: DeveloperSlot): void {
  if (scn.ctx.options.handoff === 'mount') return;
  scn.pool.prepare(freshCachePlan(layoutPlan, slot), slot.dir, { makeCacheDir: slot.kind === 'cold' });
}

/** One developer of a layout, by the configured handoff; a further cold run on a fresh cache volume of its own. */
export async function developer(
  scn: Scenario,
  layoutPlan: LayoutPlan,
  slot: DeveloperSlot,
  { last = false }: { last?: boolean } = {},
): Promise<void> {
  const { ctx } = scn;
  const mount = ctx.options.handoff === 'mount';
  const { worker: letter, dir } = slot;
  const cold = slot.kind === 'cold';
  const plan = freshCachePlan(layoutPlan, slot);
  if (slot.freshCache) await scn.pool.createVolume(plan.cacheVolume);
  const run: E2eRun = {
    index: scn.result.runs.length,
    worker: letter,
    kind: slot.kind,
    layout: plan.layout,
    role: 'developer',
    handoff: ctx.options.handoff,
    cacheVolume: plan.cacheVolume,
    phases: [],
  };
  scn.result.runs.push(run);
  const role: WorkerRole = {
    worker: letter,
    layout: plan.layout,
    title: `developer ${letter} (${describeSlot(slot, ctx.options)}, ${plan.layout} layout, ${ctx.options.handoff})`,
  };
  // A mounted handoff is copied into the developer's volume before it starts (handOver).
  const copyTo = mount ? workspaceVolume(plan, ctx.runId, dir) : undefined;
  if (copyTo) {
    await scn.pool.createVolume(copyTo);
    await handOver(scn, await scn.pool.workerIdentity(), copyTo);
  }
  const worker = await scn.pool.start(plan, dir, {
    makeCacheDir: cold,
    ...(mount ? { handoffPath: ctx.options.handoffPath } : {}),
  });
  // The run's last volumes are its: their wiper starts beside its checks (worker-pool.ts).
  if (last) scn.pool.prepareWipe(worker);
  const hookRun: HookRun = { worker: letter, layout: plan.layout, index: run.index, kind: run.kind };
  const runner: Runner = { worker, role, phases: run.phases, hookRun, layout: plan.layout };
  const first = dir === 'a';
  try {
    // The removed tools on the workers' PATH, asked beside the origin's handover, the test hook and
    // the image probe: nothing of the project's has run in this worker yet, so no reap is owed.
    const asking = scn.provided ? undefined : commandPaths(worker, ctx.options.forbidCommands);
    asking?.catch(() => {});
    if (!copyTo) await handOver(scn, worker, undefined);
    await ctx.hooks.beforePhases?.(worker, hookRun, plan);
    if (!scn.result.probe) scn.result.probe = await ctx.clock.time('probes', () => probeWorker(worker));
    if (asking) scn.provided = await ctx.clock.time('probes', () => asking);
    // The workers' cache as A finds it: a clone's setup lists it just before it starts (nothing
    // between writes to it); a mounted handoff's checks run first, so it is listed now.
    if (first && mount) await ctx.clock.time('evidence', () => noteWorkersCache(scn, worker, plan));
    const project = mount ? ctx.options.handoffPath : projectDir(plan, dir);
    // Its branch on the origin, one per developer of each layout (the layouts share the origin).
    const name = `${plan.layout}/${dir}`;
    const setup = { cold, layoutCache: !slot.freshCache, notesWorkersCache: first && !mount };
    if (mount) await mountedWork(scn, runner, run, plan, project, name, setup);
    else {
      const last = slot.kind === 'warm' && slot.ordinal === ctx.options.warmRuns;
      await clonedWork(scn, runner, run, plan, { project, dir, name }, setup, last);
    }
  } finally {
    // Its workspace and a fresh cache of its own: no later worker mounts them.
    const workspace = workspaceVolume(plan, ctx.runId, dir);
    await scn.finish(worker, [
      ...(workspace ? [workspace] : []),
      ...(slot.freshCache ? [plan.cacheVolume] : []),
    ]);
  }
}

/** The plan's flow: clone → setup → lint → test → push; the last warm run sets up once more (the floor). */
export async function clonedWork(
  scn: Scenario,
  runner: Runner,
  run: E2eRun,
  plan: LayoutPlan,
  where: { project: string; dir: string; name: string },
  setup: DeveloperSetup,
  last: boolean,
): Promise<void> {
  const { ctx } = scn;
  const { project, dir, name } = where;
  const clone = cloneCommand(plan.originRepo, project);
  if ((await scn.phase(runner, 'clone', `git clone ${plan.originRepo}`, clone, workerHome(plan, dir))).failed)
    return;
  if (!scn.result.python && !(await scn.pythonFits(runner.worker, project, scn.result.probe?.python))) return;
  if ((await developerSetup(scn, runner, run, plan, project, setup)).failed) return;
  if (!(await scn.lintAndTest(runner, project))) return;
  const floorFollows = run.kind === 'warm' && run.worker === 'B' && last;
  if ((await scn.workPush(runner, project, name)).failed) return;
  if (floorFollows) {
    const target = ctx.options.setupTarget;
    const floor = await scn.phase(
      runner,
      'floor',
      `make ${target} (again, venvs present)`,
      profiledMake(target),
      project,
      { profile: true },
    );
    const extras = scn.result.extras.get(plan.layout);
    if (!floor.failed && extras) extras.floorSeconds = floor.phase.seconds;
  }
}

/**
 * Production's flow: the handed-over project (its venvs built under the scaffolder's path),
 * the platform's fix-up when given, then lint → test → setup (an agent adding a
 * dependency sets up again) → push.
 */
export async function mountedWork(
  scn: Scenario,
  runner: Runner,
  run: E2eRun,
  plan: LayoutPlan,
  project: string,
  name: string,
  setup: DeveloperSetup,
): Promise<void> {
  const { ctx } = scn;
  if (!scn.result.python && !(await scn.pythonFits(runner.worker, project, scn.result.probe?.python))) return;
  const fixup = ctx.options.handoffFixup;
  // Developer A's venvs are checked as handed over and after the fix-up (outside any timed span).
  const handedOver: HandedOver | undefined =
    run.worker === 'A' && setup.layoutCache
      ? {
          mode: 'mount',
          path: project,
          from: SCAFFOLDER_PROJECT,
          ...(fixup ? { fixup } : {}),
          venvs: { asHandedOver: await checkVenvs(runner.worker, project, SCAFFOLDER_PROJECT) },
        }
      : undefined;
  if (handedOver) scn.result.handedOver = handedOver;
  if (fixup) {
    if ((await scn.phase(runner, 'fixup', fixup, ['sh', '-c', fixup], project)).failed) return;
    if (handedOver)
      handedOver.venvs.afterFixup = await checkVenvs(runner.worker, project, SCAFFOLDER_PROJECT);
  }
  if (!(await scn.lintAndTest(runner, project))) return;
  if ((await developerSetup(scn, runner, run, plan, project, setup)).failed) return;
  await scn.workPush(runner, project, name);
}

/**
 * The origin (and, for a mounted handoff, a copy of the scaffolder's project in `copyTo`)
 * becomes this developer's. A developer with the scaffolder's uid needs no chown of the origin.
 */
export async function handOver(
  scn: Scenario,
  owner: { uid: number; gid: number },
  copyTo: string | undefined,
): Promise<void> {
  const scaffolderUid = scn.result.scaffolder?.uid;
  const originDone = scn.originHandedOver || scaffolderUid === owner.uid;
  if (originDone && !copyTo) return;
  await scn.pool.handOver(owner, copyTo);
  scn.originHandedOver = true;
}

/** The workers' cache as developer A finds it, before its setup: for the scaffolder's report. */
export async function noteWorkersCache(scn: Scenario, worker: Worker, plan: LayoutPlan): Promise<void> {
  const scaffolder = scn.result.scaffolder;
  if (!scaffolder || scaffolder.layout !== plan.layout) return;
  const listing = await gatherEvidence(worker, { cache: { dir: plan.cacheDir, withBytes: false } });
  const cache = listing.ok ? listing.value.cache : undefined;
  noteWorkersCacheAs(scn, plan, {
    entries: cache?.entries.length ?? null,
    ownerUid: await ownerOf(worker, plan.cacheDir, cache),
  });
}

/** The scaffolder's report: the workers' cache volume as developer A found it (null: not read). */
function noteWorkersCacheAs(
  scn: Scenario,
  plan: LayoutPlan,
  found: { entries: number | null; ownerUid: number | null },
): void {
  const scaffolder = scn.result.scaffolder;
  if (!scaffolder || scaffolder.layout !== plan.layout) return;
  const facts: CacheVolumeFacts = { name: plan.cacheVolume, mountPoint: plan.cacheDir, ...found };
  scaffolder.workersCacheVolume = facts;
}

/** A developer's setup: cold or warm, on the layout's cache or (a further cold run) on a fresh one. */
export interface DeveloperSetup {
  cold: boolean;
  /** On the layout's cache volume: its sizes are the layout's figures. */
  layoutCache: boolean;
  /** Developer A of a clone: its listing before the setup is the workers' cache as A found it. */
  notesWorkersCache?: boolean;
}

/** A developer's setup: its evidence proves its run cold or warm. */
export async function developerSetup(
  scn: Scenario,
  runner: Runner,
  run: E2eRun,
  plan: LayoutPlan,
  project: string,
  { cold, layoutCache, notesWorkersCache }: DeveloperSetup,
): Promise<PhaseOutcome> {
  // A cold setup's cache is proved empty by the listing gathered just before it.
  const setup = await scn.setup(runner, run, plan.cacheDir, project, {
    freshCache: cold ? { volume: plan.cacheVolume } : false,
    sized: cold && layoutCache,
  });
  // Its sizes once the evidence after it came, in the next phase's exec.
  if (cold && layoutCache) scn.later(setup.proved.then((proved) => scn.noteColdCache(plan.layout, proved)));
  if (notesWorkersCache && scn.result.scaffolder?.layout === plan.layout) {
    const before = setup.cacheBefore;
    const gone = setup.outcome.phase.timedOut;
    const ownerUid = await ownerOf(runner.worker, plan.cacheDir, before, gone);
    noteWorkersCacheAs(scn, plan, { entries: before?.entries ?? null, ownerUid });
  }
  return setup.outcome;
}
