// The scaffolder role, as production's: in its own container, image and user
// (root by default), on its own uv cache volume or the workers', it runs copier,
// `make setup` (timed, profiled, with its cache evidence) and the first commit
// and push with the project's hooks off; it reads the project's hooks, Makefile
// and scripts for bare calls of removed tools on the way.

import type { Phase, ScaffolderReport, ScaffolderSetup } from '../../model/report.js';
import { type EvidenceRequest, evidenceBefore } from '../evidence/evidence.js';
import type { ProjectFiles } from '../evidence/project-files.js';
import { removedToolCalls } from '../evidence/removed-tool-calls.js';
import type { SetupRecord } from '../evidence/setup-proof.js';
import { probeWorker } from '../worker/worker.js';
import {
  type LayoutPlan,
  ORIGIN_REPO,
  SCAFFOLDER_PROJECT,
  SCAFFOLDER_WORKSPACE,
  type ScaffolderPlan,
  scaffolderWorkspaceVolume,
} from './layout-plan.js';
import { copierLabel, firstPushCommand, scaffoldCommand } from './phase-commands.js';
import { ownExec, type WorkerRole } from './phases.js';
import { readScaffolded } from './read-project.js';
import { type HookRun, ownerOf, type Runner, type Scenario } from './scenario.js';

/** The scaffolder: scaffold → setup → the first push, hooks off, as production's does. */
export async function scaffold(scn: Scenario, plan: LayoutPlan, splan: ScaffolderPlan): Promise<void> {
  const { ctx, result } = scn;
  const who = ctx.scaffolder;
  const worker = await scn.pool.startScaffolder(splan, {
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
    // The image was probed in the worker's start exec, before anything of the project's ran.
    const probe = worker.probe ?? (await ctx.clock.time('probes', () => probeWorker(worker)));
    if (who.sameImage) result.probe = probe;
    const program = probe.copier;
    if (program) report.copier = program;
    ctx.log.info(
      `the scaffolder runs ${who.label} as ${who.userName} (uid ${worker.uid}) with Python ${probe.python ?? '(none)'}, ` +
        `copier ${program ? `${program} (the image's)` : `through uvx`}, uv cache ${splan.cacheVolume} at ${splan.cacheDir}`,
    );
    // A root scaffolder's origin is handed to the developers' uid after its push: the helper
    // for that starts beside the scaffold (worker-pool.ts).
    if (worker.uid === 0 && ctx.options.handoff !== 'mount' && !runsAsRoot(ctx.pool.ctx.imageUser))
      scn.pool.prepareHandoff();
    // The cache is proved fresh by its listing just before copier first uses it, in the scaffold's own exec.
    const fresh: EvidenceRequest = { cache: { dir: splan.cacheDir, withBytes: false } };
    const listing = evidenceBefore(worker, fresh);
    const scaffold = await scn.phase(
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
      { env: ctx.template.scaffoldEnv, ...(listing ? { before: listing } : {}) },
    );
    if (scaffold.failed) return;
    const freshCache = scn.freshBefore(worker, scaffold, fresh, splan.cacheVolume);
    // One exec: the scaffold's leftovers reaped, the scratch folder gone, the project's hooks and
    // scripts, what it asks of Python, then its Makefile's targets (read-project.ts).
    const read = await ctx.clock.time('probes', () =>
      readScaffolded(
        worker,
        scn.pool.phaseExec(worker) ?? ownExec(worker),
        SCAFFOLDER_PROJECT,
        who.sameImage ? SCAFFOLDER_PROJECT : undefined,
      ),
    );
    ctx.clock.reassign('reaping', read.reapSeconds, 'probes');
    // Reading the Makefile ran its $(shell …) calls: the project's code, reaped like a phase's.
    scn.pool.owe(worker, 'reading the Makefile');
    noteProjectCalls(scn, read.files);
    scn.judgeTargets(read.targets);
    if (who.sameImage && !scn.fitsAsRead(read.ask, probe.python)) return;
    // On the workers' cache the scaffolder's setup is the layout's cold run.
    const record: SetupRecord = { kind: 'cold' };
    const setup = await scn.setup(runner, record, splan.cacheDir, SCAFFOLDER_PROJECT, {
      freshCache,
      sized: splan.sharesWorkersCache,
    });
    // The push carries the evidence after the setup in its own exec; the setup's report waits for it.
    const push = setup.outcome.failed
      ? undefined
      : await scn.phase(
          runner,
          'push',
          'git commit and push (hooks off)',
          firstPushCommand(ORIGIN_REPO),
          SCAFFOLDER_PROJECT,
        );
    await scn.settleEvidence(worker);
    const proved = await setup.proved;
    report.setup = scaffolderSetup(record, setup.outcome.phase, splan.sharesWorkersCache);
    report.cacheVolume.entries = proved.cacheAfter?.entries ?? null;
    const gone = setup.outcome.phase.timedOut || push?.phase.timedOut === true;
    report.cacheVolume.ownerUid = await ownerOf(worker, splan.cacheDir, proved.cacheAfter, gone);
    if (splan.sharesWorkersCache) scn.noteColdCache(plan.layout, proved);
  } finally {
    // Its own cache, and its workspace unless the developers get copies of it: no developer mounts them.
    await scn.finish(worker, [
      ...(splan.sharesWorkersCache ? [] : [splan.cacheVolume]),
      ...(ctx.options.handoff === 'mount' ? [] : [scaffolderWorkspaceVolume(ctx.runId)]),
    ]);
  }
}

/** An image user that is root by its name or uid ('': the image's default, root unless it names one). */
function runsAsRoot(user: string): boolean {
  return ['', 'root', '0'].includes(user.split(':')[0] ?? '');
}

/** The generated project's hooks, Makefile and scripts (undefined: unread), scanned for bare calls of removed tools. */
function noteProjectCalls(scn: Scenario, files: ProjectFiles | undefined): void {
  if (!files) {
    scn.ctx.log.warn(
      "cannot read the project's hooks, Makefile and scripts: project-calls-removed-tool not checked",
    );
    return;
  }
  for (const note of files.notes) scn.ctx.log.info(`project-calls-removed-tool: ${note}`);
  scn.removedToolCalls = removedToolCalls(files.files, scn.ctx.options.forbidCommands);
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
