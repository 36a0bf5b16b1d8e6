// The workers' lifecycle: each one started with its volumes, its tools and its
// files in; the previous one removed while the next starts; the one whose
// phase stopped the run kept under --keep. The caller tracks every container
// and volume it is handed, and removes them whatever happens.
import type { FileEntry } from '../docker/containers.js';
import type { Engine } from '../docker/engine.js';
import { runLabels } from '../docker/labels.js';
import { createVolume } from '../docker/volumes.js';
import { InfraError } from '../errors.js';
import type { Log } from '../log.js';
import {
  type LayoutPlan,
  SCAFFOLD_CACHE_DIR,
  SCAFFOLD_MOUNT,
  SHARED_CACHE_DIR,
  scaffoldVolume,
  workerHome,
  workerMounts,
  workspaceVolume,
} from './layout-plan.js';
import type { PhaseName } from './phases.js';
import { type Reaper, reaperFor } from './process-reaper.js';
import { installProfiler } from './profile/install.js';
import type { TemplateUpload } from './template-upload.js';
import { startWorker, stopWorker, type Worker } from './worker.js';
import { installTools, SCRATCH_DIR } from './worker-tools.js';

export interface PoolContext {
  engine: Engine;
  imageRef: string;
  imageUser: string;
  /** Everything the workers get besides UV_CACHE_DIR: host settings, git identity, no Python downloads. */
  workerEnv: Record<string, string>;
  caPem: Buffer | undefined;
  /** What of the template enters worker A, prepared on the host (template-upload.ts). */
  template: TemplateUpload;
  options: {
    memoryBytes: number;
    cpus: number;
    scaffoldCache: 'own' | 'shared';
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
}

/** The worker --keep left: its container, the volumes it mounts, where its last phase ran. */
export interface KeptContainer {
  worker: Worker;
  volumes: string[];
  workdir: string;
}

export class WorkerPool {
  private keptWorker: KeptContainer | undefined;
  private retiring: Promise<void> = Promise.resolve();
  private readonly reapers = new Map<Worker, Reaper>();
  /** Each worker's named volumes, as it was started with them (what --keep keeps). */
  private readonly mounts = new Map<Worker, string[]>();

  constructor(readonly ctx: PoolContext) {}

  /** The worker --keep left, once one was kept. */
  get kept(): KeptContainer | undefined {
    return this.keptWorker;
  }

  /** A layout's cache volume, created empty for this run. */
  async createCacheVolume(plan: LayoutPlan): Promise<void> {
    const { ctx } = this;
    ctx.trackVolume(await createVolume(ctx.engine, plan.cacheVolume, runLabels(ctx.runId, ctx.options.keep)));
  }

  /**
   * A worker of the layout with its files in (the first one of a layout gets the template, the shared
   * cache folder and the origin's folder); `image` another image on the same cache (the baseline's).
   * Every worker retired before is gone when it returns.
   */
  async start(plan: LayoutPlan, dir: string, first: boolean, image?: string): Promise<Worker> {
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

  /**
   * A worker is done: kept when --keep is on and its run stopped (`stoppedIn`: the folder of
   * the phase that ran last, where it is entered), unless one is kept already; else removed.
   */
  release(worker: Worker, plan: LayoutPlan, dir: string, stoppedIn: string | undefined): void {
    if (stoppedIn !== undefined && this.ctx.options.keep && !this.keptWorker) {
      const volumes = this.mounts.get(worker) ?? Object.keys(workerMounts(plan, this.ctx.runId, dir));
      this.keptWorker = { worker, volumes, workdir: stoppedIn };
      return;
    }
    this.retire(worker);
  }

  /** Wait until every finished worker is removed (before the next phase, and before the clean-up). */
  settle(): Promise<void> {
    return this.retiring;
  }

  /** Nothing a phase started lives on into the next phase or the evidence (process-reaper.ts). */
  async reap(worker: Worker, name: PhaseName): Promise<void> {
    const killed = await this.reapers.get(worker)?.reap();
    if (killed) this.ctx.log.info(`${worker.role}: ${killed} processes left by ${name} were killed`);
  }

  /** The template copy, copier's mirror and any credential file go before the project's own code runs. */
  async clearScratch(worker: Worker): Promise<void> {
    const scratch = await worker.exec(['rm', '-rf', SCRATCH_DIR], { timeoutSeconds: 60 });
    if (scratch.exitCode !== 0)
      throw new InfraError(`cannot remove ${SCRATCH_DIR} from ${worker.role}: ${scratch.output.trim()}`);
  }
}
