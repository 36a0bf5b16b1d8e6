// The containers' lifecycle, the scaffolder's and the developers': each one
// started with its volumes, its tools and its files in; the previous one removed while the next starts; the one whose
// phase stopped the run kept under --keep. A developer announced ahead (prepare)
// is started beside the phase before its turn that may have company (the
// scaffold, a check, a push), so its start is not waited for. The caller tracks
// every container and volume it is handed, and removes them whatever happens.

import { removeContainer, runOnce } from '../../docker/containers.js';
import type { Container, Engine, FileEntry } from '../../docker/engine-api.js';
import { runLabels } from '../../docker/labels.js';
import { confinement } from '../../docker/limits.js';
import { removeVolume } from '../../docker/volumes.js';
import { InfraError } from '../../model/errors.js';
import type { PhaseName } from '../../model/facts/e2e.js';
import type { Log } from '../../model/log.js';
import { profilerEntries } from '../profile/install.js';
import type { TemplateUpload } from '../template/template-upload.js';
import { type Reaper, reaperFor } from '../worker/process-reaper.js';
import { ROLE_LABEL, startWorker, stopWorker, type Worker } from '../worker/worker.js';
import { REAP_PATH, SCRATCH_DIR, toolEntries } from '../worker/worker-tools.js';
import { EarlyRemovals, ownWorkMayRun } from './early-removals.js';
import { type HelperSettings, handOver, startHelper } from './handoff.js';
import {
  clonedFolders,
  type LayoutPlan,
  ORIGIN_MOUNT,
  ORIGIN_REPO,
  originVolume,
  SCAFFOLD_CACHE_DIR,
  SCAFFOLDER_PROJECT,
  type ScaffolderPlan,
  SHARED_CACHE_DIR,
  scaffolderWorkspaceVolume,
  workerMounts,
  workspaceVolume,
} from './layout-plan.js';
import type { OverheadClock } from './overhead.js';
import type { PhaseRequest } from './phases.js';
import { type AheadWiper, startWiper } from './wipe.js';

export interface PoolContext {
  engine: Engine;
  imageRef: string;
  imageUser: string;
  /** Everything the workers get besides UV_CACHE_DIR: host settings, git identity, no Python downloads. */
  workerEnv: Record<string, string>;
  caPem: Buffer | undefined;
  /** What of the template enters the scaffolder, prepared on the host (template-upload.ts). */
  template: TemplateUpload;
  options: {
    memoryBytes: number;
    cpus: number;
    unsetEnv: readonly string[];
    keep: boolean;
  };
  runId: string;
  /** The run's own network (network.ts). */
  network: string;
  log: Log;
  /** Called with each worker as it starts, so the caller can remove it whatever happens. */
  track(worker: Worker): void;
  /** The same for each volume, created when it is first needed (not all up front). */
  trackVolume(name: string): void;
  /** Creating workers and volumes is worker-gate's own time (overhead.ts). */
  clock: OverheadClock;
}

/** The worker --keep left: its container, who to enter it as, the volumes it mounts, where its last phase ran. */
export interface KeptContainer {
  worker: Worker;
  /** The user it runs as (`0:0` for a root scaffolder, else the image's user or uid). */
  user: string;
  volumes: string[];
  workdir: string;
}

const rel = (p: string) => p.replace(/^\/+/, '');
/** A worker started ahead is taken only by a start with the same cache, folder and options. */
const aheadKey = (plan: LayoutPlan, dir: string, opts: StartOptions) =>
  `${plan.cacheVolume} ${dir} ${JSON.stringify(opts, Object.keys(opts).sort())}`;

/** How a developer's worker starts: its cache folder made, its handoff path, another image. */
type StartOptions = { makeCacheDir?: boolean; handoffPath?: string; image?: string };

export class WorkerPool {
  private keptWorker: KeptContainer | undefined;
  private retiring: Promise<void> = Promise.resolve();
  private readonly reapers = new Map<Worker, Reaper>();
  /** The volumes created or being created so far. */
  private readonly volumes = new Map<string, Promise<void>>();
  /** Developers announced ahead of their turn (prepare), by key; `started` once a phase let them start. */
  private readonly ahead = new Map<string, { start: () => Promise<Worker>; started?: Promise<Worker> }>();
  private identity: { uid: number; gid: number } | undefined;
  /** The handoff helper, announced ahead (prepareHandoff) and started beside the next phase that may have company. */
  private helper: { started?: Promise<Container> } | undefined;
  /** Each container's user as it was started ('' for the image's default), for --keep's docker exec. */
  private readonly users = new Map<Worker, string>();
  /** Each worker's named volumes, as it was started with them (what --keep keeps). */
  private readonly mounts = new Map<Worker, string[]>();
  /** The wiper of the run's last volumes, announced ahead (prepareWipe) and started beside the next phase that may have company. */
  private wiper: { last: Worker; started?: Promise<AheadWiper> } | undefined;

  /** Volumes no later worker needs, removed beside the checks and pushes (early-removals.ts). */
  private readonly removals: EarlyRemovals;

  constructor(readonly ctx: PoolContext) {
    this.removals = new EarlyRemovals(
      (volume) => removeVolume(ctx.engine, volume),
      () => this.retiring,
    );
  }

  /** The volumes removed before the final clean-up. */
  get removedEarly(): ReadonlySet<string> {
    return this.removals.removed;
  }

  /**
   * `phase` is about to start: beside it the developers announced ahead start and dead volumes
   * go; before any other phase, what is starting (workers' time) and going (clean-up) is waited for.
   */
  async beforePhase(phase: PhaseName): Promise<void> {
    if (ownWorkMayRun(phase)) {
      for (const a of this.ahead.values()) {
        if (a.started) continue;
        a.started = a.start();
        // Its error is the developer's, thrown when its turn comes (start); not unhandled meanwhile.
        a.started.catch(() => {});
      }
      if (this.helper && !this.helper.started) {
        this.helper.started = startHelper(this.ctx.engine, this.helperSettings());
        // A helper that did not start: the handover starts one of its own.
        this.helper.started.catch(() => {});
      }
      if (this.wiper && !this.wiper.started) {
        const { ctx } = this;
        this.wiper.started = startWiper(
          ctx.engine,
          { image: ctx.imageRef, user: ctx.imageUser, runId: ctx.runId, limits: ctx.options },
          this.lastVolumes(this.wiper.last),
        );
        // A wiper that did not start: the clean-up starts one of its own.
        this.wiper.started.catch(() => {});
      }
    } else
      await this.ctx.clock.time('workers', async () => {
        await this.aheadStarted();
        // The previous worker's container may still be going beside a clone (every process of its
        // phases was reaped: only its idle process is left), never later.
        if (phase !== 'clone') await this.retiring;
      });
    await this.ctx.clock.time('clean-up', () => this.removals.beforePhase(phase));
  }

  /** Every developer, helper and wiper started ahead is up (or failed: its turn throws it). */
  private async aheadStarted(): Promise<void> {
    await Promise.allSettled([
      ...[...this.ahead.values()].map((a) => a.started),
      this.helper?.started,
      this.wiper?.started,
    ]);
  }

  /**
   * `worker` is the run's last: the wiper of its volumes (the run's last, wipe.ts) starts beside
   * its next phase that may have company, and waits to be told (takeWiper) that the phases are over.
   */
  prepareWipe(worker: Worker): void {
    this.wiper ??= { last: worker };
  }

  /** What the run will leave for the final clean-up: the last worker's volumes, and every other of the run's not said dead. */
  private lastVolumes(last: Worker): string[] {
    const own = this.mounts.get(last) ?? [];
    return [...new Set([...own, ...[...this.volumes.keys()].filter((v) => !this.removals.isDead(v))])];
  }

  /** The wiper started ahead, once (undefined: none, or it did not start); the caller runs or removes it. */
  async takeWiper(): Promise<AheadWiper | undefined> {
    const started = this.wiper?.started;
    this.wiper = undefined;
    return started?.catch(() => undefined);
  }

  /**
   * The origin's handover will come (a scaffolder whose uid is not the developers'): its
   * helper starts beside the next phase that may have company, and the handover is an exec.
   */
  prepareHandoff(): void {
    this.helper ??= {};
  }

  private helperSettings(): HelperSettings {
    const { ctx } = this;
    return {
      image: ctx.imageRef,
      runId: ctx.runId,
      // Never kept: --keep keeps the failed worker only.
      keep: false,
      limits: ctx.options,
      originVolume: originVolume(ctx.runId),
    };
  }

  /** A helper started ahead whose handover never came (a phase before it failed, or no chown was needed). */
  async removeUnusedHelper(): Promise<void> {
    const started = this.helper?.started;
    this.helper = undefined;
    const helper = await started?.catch(() => undefined);
    if (helper) await removeContainer(helper);
  }

  /**
   * This developer's worker is started beside the next phase that may have company, instead of
   * when its turn comes; start() with the same cache, folder and options takes it. Only for a developer
   * that needs nothing from the phases before it (a clone handoff: a mounted one is copied first).
   */
  prepare(plan: LayoutPlan, dir: string, opts: StartOptions = {}): void {
    const key = aheadKey(plan, dir, opts);
    if (this.ahead.has(key)) return;
    this.ahead.set(key, {
      start: async () => {
        await this.volume(plan.cacheVolume);
        // Its predecessor is still at work: not waited for here (start waits, when its turn comes).
        return this.startDeveloper(plan, dir, opts, { settle: false });
      },
    });
  }

  /** The worker --keep left, once one was kept. */
  get kept(): KeptContainer | undefined {
    return this.keptWorker;
  }

  /** Volumes of the run (a layout's cache, the scaffolder's), created empty, at once. */
  async createVolume(...names: string[]): Promise<void> {
    await this.ctx.clock.time('workers', () => Promise.all(names.map((name) => this.volume(name))));
  }

  private volume(name: string): Promise<void> {
    const { ctx } = this;
    let created = this.volumes.get(name);
    if (!created) {
      created = (async () => {
        await ctx.engine.volumes.create(name, runLabels(ctx.runId, ctx.options.keep));
        ctx.trackVolume(name);
      })();
      this.volumes.set(name, created);
    }
    return created;
  }

  /**
   * The workers' uid and gid, from a short container of the image as its user: a mounted
   * handoff is copied and chowned before the developer starts (once the developer's
   * container has mounted its volume, the volume is the worker's and root cannot write in it).
   */
  async workerIdentity(): Promise<{ uid: number; gid: number }> {
    const { ctx } = this;
    if (this.identity) return this.identity;
    const r = await runOnce(ctx.engine, {
      image: ctx.imageRef,
      user: ctx.imageUser,
      entrypoint: ['sh', '-c', 'id -u; id -g'],
      cmd: [],
      labels: { ...runLabels(ctx.runId, ctx.options.keep), [ROLE_LABEL]: 'e2e-identity' },
      hostConfig: { ...confinement(ctx.options), NetworkMode: 'none' },
    });
    const [uid, gid] = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.trim());
    if (r.exitCode !== 0 || !/^\d+$/.test(uid ?? '') || !/^\d+$/.test(gid ?? ''))
      throw new InfraError(
        `cannot tell the workers' uid and gid (id -u; id -g exited ${r.exitCode})`,
        r.stderr,
      );
    this.identity = { uid: Number(uid), gid: Number(gid) };
    return this.identity;
  }

  /**
   * A developer worker of the layout with its files in: its workspace folder (a clone's), and
   * the shared layout's cache folder when it is the first to mount that volume (`makeCacheDir`).
   * `handoffPath`: its workspace volume is mounted there, for a copy of the scaffolder's
   * project (handOver). `image`: another image on the same cache (the baseline's).
   * Every worker retired before is gone when it returns.
   */
  start(plan: LayoutPlan, dir: string, opts: StartOptions = {}): Promise<Worker> {
    return this.ctx.clock.time('workers', async () => {
      const key = aheadKey(plan, dir, opts);
      const ahead = this.ahead.get(key);
      this.ahead.delete(key);
      if (!ahead?.started) return this.startDeveloper(plan, dir, opts, { settle: true });
      // Its predecessor's container may still be going: beforePhase waits for it where it must.
      return ahead.started;
    });
  }

  private async startDeveloper(
    plan: LayoutPlan,
    dir: string,
    opts: StartOptions,
    { settle }: { settle: boolean },
  ): Promise<Worker> {
    const { ctx } = this;
    const workspace = workspaceVolume(plan, ctx.runId, dir);
    if (workspace) await this.volume(workspace);
    const volumes = workerMounts(plan, ctx.runId, dir, opts.handoffPath);
    const worker = await this.startContainer({
      image: opts.image ?? ctx.imageRef,
      // Another image runs as its own default user.
      user: opts.image ? '' : ctx.imageUser,
      env: ctx.options.unsetEnv.includes('UV_CACHE_DIR')
        ? ctx.workerEnv
        : { ...ctx.workerEnv, UV_CACHE_DIR: plan.cacheDir },
      role: `e2e-${plan.layout}-${dir}`,
      volumes,
      unsetEnv: ctx.options.unsetEnv,
    });
    const entries: FileEntry[] = [];
    if (!opts.handoffPath)
      for (const folder of clonedFolders(plan, dir))
        entries.push({ name: `${rel(folder)}/`, type: 'directory', mode: 0o755 });
    if (opts.makeCacheDir && plan.cacheDir === SHARED_CACHE_DIR)
      entries.push({ name: `${rel(SHARED_CACHE_DIR)}/`, type: 'directory', mode: 0o755 });
    await this.fill(worker, entries, settle);
    return worker;
  }

  /**
   * The scaffolder: its image, its user (root: uid 0; else the image's), its mounts (the
   * origin, its workspace, its cache), the template and its workspace folder in, owned by it.
   */
  startScaffolder(
    splan: ScaffolderPlan,
    who: { image: string; user: string; makeCacheDir: boolean },
  ): Promise<Worker> {
    return this.ctx.clock.time('workers', () => this.startScaffolderContainer(splan, who));
  }

  private async startScaffolderContainer(
    splan: ScaffolderPlan,
    who: { image: string; user: string; makeCacheDir: boolean },
  ): Promise<Worker> {
    const { ctx } = this;
    // Its scratch folder first: the template copy and credentials, removed after the scaffold.
    const entries: FileEntry[] = [
      { name: `${rel(SCRATCH_DIR)}/`, type: 'directory', mode: 0o700 },
      ...ctx.template.entries,
      { name: `${rel(SCAFFOLDER_PROJECT)}/`, type: 'directory', mode: 0o755 },
      { name: `${rel(ORIGIN_REPO)}/`, type: 'directory', mode: 0o755 },
    ];
    if (splan.cacheDir === SCAFFOLD_CACHE_DIR || (who.makeCacheDir && splan.cacheDir === SHARED_CACHE_DIR))
      entries.push({ name: `${rel(splan.cacheDir)}/`, type: 'directory', mode: 0o755 });
    // A root scaffolder's own files are root's: they go in with the tools, in one archive.
    const root = who.user === '0:0';
    const worker = await this.startContainer(
      {
        image: who.image,
        user: who.user,
        env: { ...ctx.workerEnv, UV_CACHE_DIR: splan.cacheDir },
        role: 'e2e-scaffolder',
        volumes: splan.mounts,
        unsetEnv: [],
      },
      root ? entries : [],
      { probe: true },
    );
    await this.fill(worker, root ? [] : entries, true);
    return worker;
  }

  /**
   * A container of the run (labelled, confined, on its network), tracked, with the tools, the
   * profiler (root's) and `rootFiles` in, and the reaper; with `probe`, the image probed at its start.
   */
  private async startContainer(
    s: {
      image: string;
      user: string;
      env: Record<string, string>;
      role: string;
      volumes: Record<string, string>;
      /** unset-env is the worker manager's: a developer's, not the scaffolder's. */
      unsetEnv: readonly string[];
    },
    rootFiles: readonly FileEntry[] = [],
    { probe = false }: { probe?: boolean } = {},
  ): Promise<Worker> {
    const { ctx } = this;
    const worker = await startWorker(
      ctx.engine,
      {
        ...s,
        memoryBytes: ctx.options.memoryBytes,
        cpus: ctx.options.cpus,
        runId: ctx.runId,
        unsetEnv: s.unsetEnv,
        network: ctx.network,
        keep: ctx.options.keep,
      },
      { entries: [...toolEntries(ctx.caPem), ...profilerEntries(), ...rootFiles], idleBy: REAP_PATH, probe },
    );
    ctx.track(worker);
    // The tools went in first, root's and read-only; the reaper knows the idle process from the start.
    const reaper = await reaperFor(worker, (killed, phase) =>
      ctx.log.info(`${worker.role}: ${killed} processes left by ${phase} were killed`),
    );
    // Every exec in it from here on pays what the last phase left first (process-reaper.ts); the
    // same object, as the caller tracks it.
    worker.exec = (cmd, opts) => reaper.exec(cmd, opts);
    this.reapers.set(worker, reaper);
    this.mounts.set(worker, Object.keys(s.volumes));
    this.users.set(worker, s.user);
    return worker;
  }

  /** One archive from /, owned by the container's user; with `settle`, the previous worker gone. */
  private async fill(worker: Worker, entries: FileEntry[], settle: boolean): Promise<void> {
    if (entries.length > 0) await worker.put('/', entries);
    // The previous worker goes while this one starts; gone before this one's first phase.
    if (settle) await this.settle();
  }

  /**
   * A finished worker's container goes while the next one starts. Its workspace volume
   * stays until the clean-up: deleting a volume full of venvs here, even awaited, slowed
   * the next worker's setup by a second (the file system keeps working after the unlink).
   */
  retire(worker: Worker): void {
    this.removeLater(worker.role, async () => {
      await stopWorker(worker);
      this.reapers.delete(worker);
    });
    // Never reaped (the concurrent batch's workers): gone before the final clean-up empties volumes.
    this.unreaped = this.retiring;
  }

  /** The removals of retired workers whose processes were never reaped. */
  private unreaped: Promise<void> = Promise.resolve();

  /**
   * A container's removal, beside what comes next; waited for before the next setup (beforePhase).
   * It starts now, beside those still going: one after another, the scaffolder's and the handoff
   * helper's made developer A's setup wait 0.1 s longer.
   */
  private removeLater(role: string, remove: () => Promise<void>): void {
    const removal = remove().catch((err: Error) =>
      this.ctx.log.warn(`cannot remove ${role}: ${err.message}`),
    );
    this.retiring = Promise.all([this.retiring, removal]).then(() => {});
  }

  /**
   * A worker is done: kept when --keep is on and its run stopped (`stoppedIn`: the folder of
   * the phase that ran last, where it is entered), unless one is kept already; else removed,
   * and `dead` (volumes of its that no later worker needs) go during the run.
   */
  release(worker: Worker, stoppedIn: string | undefined, dead: readonly string[] = []): void {
    // Its last phase's leftovers go now, beside what comes next; reapAll waits for them before
    // the next phase and throws what this reap found (the removal below follows it either way).
    // The run's last worker, done: nothing comes next, they go with its container.
    const reaper = this.reapers.get(worker);
    const last = stoppedIn === undefined && this.wiper?.last === worker;
    if (last) this.reapers.delete(worker);
    const reaped = (!last && reaper?.settle()) || Promise.resolve();
    reaped.catch(() => {});
    if (stoppedIn !== undefined && this.ctx.options.keep && !this.keptWorker) {
      const user = this.users.get(worker) || String(worker.uid);
      this.keptWorker = { worker, user, volumes: this.mounts.get(worker) ?? [], workdir: stoppedIn };
      return;
    }
    this.removeLater(worker.role, async () => {
      const gone = await reaped.then(
        () => true,
        () => false,
      );
      await stopWorker(worker);
      if (gone) this.reapers.delete(worker);
    });
    this.removals.dead(dead);
  }

  /**
   * Every start ahead begun and every volume removal during the run is done, and every worker
   * whose processes were never reaped is gone; the released ones (reaped) may still be going.
   */
  async settleRemovals(): Promise<void> {
    await this.aheadStarted();
    await this.removals.settle();
    await this.unreaped;
  }

  /**
   * Wait until every finished worker, every volume removal and every start ahead begun is done
   * (before the next phase, and before the clean-up, which then finds every container made).
   */
  async settle(): Promise<void> {
    await this.aheadStarted();
    await this.retiring;
    await this.removals.settle();
  }

  /**
   * The scenario is over: a handoff helper never used goes, and a reap that failed when its
   * worker was released (its last phase's processes survived) fails the run, as any reap does.
   */
  async finish(): Promise<void> {
    await this.removeUnusedHelper();
    await this.reapAll();
  }

  /**
   * What the scaffolder made, handed to a developer of uid `owner` (handoff.ts): the origin
   * becomes theirs; with `copyTo`, a copy of the scaffolder's project lands in that volume.
   */
  async handOver(owner: { uid: number; gid: number }, copyTo?: string): Promise<void> {
    const { ctx } = this;
    // Nothing of the scaffolder's last phase runs on while its origin changes hands.
    await this.reapAll();
    await ctx.clock.time('workers', async () => {
      // The helper started ahead, for the origin alone; one that failed to start is not used.
      const helper = copyTo ? undefined : await this.helper?.started?.catch(() => undefined);
      if (helper) this.helper = undefined;
      await handOver(
        ctx.engine,
        {
          ...this.helperSettings(),
          owner,
          originRepo: ORIGIN_REPO.slice(ORIGIN_MOUNT.length + 1),
          // The helper goes beside the developer's clone; a copy's reader (the developer) starts only after.
          removeLater: (remove) => this.removeLater('e2e-handoff', remove),
          ...(copyTo ? { copy: { from: scaffolderWorkspaceVolume(ctx.runId), to: copyTo } } : {}),
        },
        helper,
      );
    });
  }

  /**
   * Nothing a phase started lives on into the next phase or the evidence (process-reaper.ts):
   * the next exec of ours in that worker kills it first, or `reapAll` does before the next phase.
   */
  owe(worker: Worker, what: string): void {
    this.reapers.get(worker)?.owe(what);
  }

  /**
   * Every debt left paid, in every worker but `except` (whose next phase pays its own, phaseExec):
   * before a phase starts, nothing of an earlier one runs.
   */
  async reapAll(except?: Worker): Promise<void> {
    await this.ctx.clock.time('reaping', async () => {
      await Promise.all([...this.reapers].filter(([w]) => w !== except).map(([, r]) => r.settle()));
    });
  }

  /** A phase's exec in `worker`: what its last phase left is reaped first, in the same exec. */
  phaseExec(worker: Worker): PhaseRequest['exec'] {
    const reaper = this.reapers.get(worker);
    return reaper ? (cmd, opts, before) => reaper.execPhase(cmd, opts, before) : undefined;
  }

  /**
   * The template copy, copier's mirror and any credential file go before the project's own code
   * runs; what the scaffold left is reaped first, in the same exec (its record apart from rm's output).
   */
  async clearScratch(worker: Worker): Promise<void> {
    const exec = this.phaseExec(worker) ?? worker.exec;
    const scratch = await this.ctx.clock.time('reaping', () =>
      exec(['rm', '-rf', SCRATCH_DIR], { timeoutSeconds: 60 }),
    );
    if (scratch.exitCode !== 0)
      throw new InfraError(`cannot remove ${SCRATCH_DIR} from ${worker.role}: ${scratch.output.trim()}`);
  }
}
