// Where things live in the containers of one run, as production lays them out.
//
// The scaffolder works in a workspace of its own (a volume at /data/workspaces,
// the project at /data/workspaces/project, as production's scaffolder builds at
// /data/workspaces/<id>), on a uv cache of its own (scaffold-cache own: root's
// /root/.cache/uv, as production's Compose volume) or on the workers' cache
// (shared), and pushes to the run's origin, a bare repository on a volume of
// its own that every developer clones from.
//
// Developer workers, per cache layout (the two ways production can mount the uv cache):
//   separate  the plan's and production's: the cache volume at the image's cache
//             folder, each worker's workspace on a volume of its own at /workspace;
//             uv cannot hard-link across the two mounts.
//   shared    one volume at /workspace holding the cache (/workspace/.uv-cache) and
//             every worker's workspace, so uv can hard-link.
// Where a developer clones the project: see workerHome. With handoff mount
// (separate layout only) a developer's workspace volume holds a copy of the
// scaffolder's project and is mounted at handoff-path, which is then the project.
import type { CacheLayout } from '../../model/report.js';

export const WORKSPACE = '/workspace';
export const ORIGIN_MOUNT = '/worker-gate-origin';
export const ORIGIN_REPO = `${ORIGIN_MOUNT}/project.git`;
export const SHARED_CACHE_DIR = `${WORKSPACE}/.uv-cache`;

/** The scaffolder's workspace volume and its project, at a path worker images do not have. */
export const SCAFFOLDER_WORKSPACE = '/data/workspaces';
export const SCAFFOLDER_PROJECT = `${SCAFFOLDER_WORKSPACE}/project`;
/** uv's cache folder for root, where production's scaffolder mounts its cache volume. */
export const ROOT_CACHE_DIR = '/root/.cache/uv';
/**
 * A scaffolder running as the image's user on a cache of its own: a volume at a path no
 * image has, with the cache in a folder the scaffolder is given (a fresh volume's root is root's).
 */
export const SCAFFOLD_MOUNT = '/worker-gate-scaffold';
export const SCAFFOLD_CACHE_DIR = `${SCAFFOLD_MOUNT}/uv`;

export interface LayoutPlan {
  layout: CacheLayout;
  /** UV_CACHE_DIR in every developer worker of the layout. */
  cacheDir: string;
  /** The volume the cache lives on, created empty for this run. */
  cacheVolume: string;
  /** The bare repository the workers push to and clone from. */
  originRepo: string;
}

export function planLayout(layout: CacheLayout, runId: string, imageCacheDir: string): LayoutPlan {
  return layout === 'separate'
    ? { layout, cacheDir: imageCacheDir, cacheVolume: `${runId}-separate-cache`, originRepo: ORIGIN_REPO }
    : { layout, cacheDir: SHARED_CACHE_DIR, cacheVolume: `${runId}-shared`, originRepo: ORIGIN_REPO };
}

export interface ScaffolderPlan {
  /** UV_CACHE_DIR in the scaffolder. */
  cacheDir: string;
  /** Its own cache volume (scaffold-cache own) or the layout's (shared). */
  cacheVolume: string;
  /** Whether that volume is the workers' cache of `layout`. */
  sharesWorkersCache: boolean;
  /** Named volumes: volume → mount path. */
  mounts: Record<string, string>;
}

/** scaffold-cache own: the scaffolder's uv cache, a volume of its own. */
export function scaffoldVolume(runId: string): string {
  return `${runId}-scaffold-cache`;
}

export function scaffolderWorkspaceVolume(runId: string): string {
  return `${runId}-scaffolder-ws`;
}

export function originVolume(runId: string): string {
  return `${runId}-origin`;
}

/**
 * The scaffolder's mounts. On its own cache, root caches where production's does
 * (/root/.cache/uv) and the image's user in SCAFFOLD_CACHE_DIR; on the workers'
 * cache, where a developer of `plan` does.
 */
export function planScaffolder(
  plan: LayoutPlan,
  runId: string,
  opts: { scaffoldCache: 'own' | 'shared'; root: boolean },
): ScaffolderPlan {
  const mounts: Record<string, string> = {
    [originVolume(runId)]: ORIGIN_MOUNT,
    [scaffolderWorkspaceVolume(runId)]: SCAFFOLDER_WORKSPACE,
  };
  if (opts.scaffoldCache === 'shared') {
    mounts[plan.cacheVolume] = plan.layout === 'shared' ? WORKSPACE : plan.cacheDir;
    return { cacheDir: plan.cacheDir, cacheVolume: plan.cacheVolume, sharesWorkersCache: true, mounts };
  }
  mounts[scaffoldVolume(runId)] = opts.root ? ROOT_CACHE_DIR : SCAFFOLD_MOUNT;
  const cacheDir = opts.root ? ROOT_CACHE_DIR : SCAFFOLD_CACHE_DIR;
  return { cacheDir, cacheVolume: scaffoldVolume(runId), sharesWorkersCache: false, mounts };
}

/** A worker's own workspace volume (separate layout only). */
export function workspaceVolume(plan: LayoutPlan, runId: string, worker: string): string | undefined {
  return plan.layout === 'separate' ? `${runId}-separate-ws-${worker}` : undefined;
}

/**
 * Named volumes of one developer: volume → mount path. `handoffPath`: the worker's
 * workspace volume holds a copy of the scaffolder's project and is mounted there.
 */
export function workerMounts(
  plan: LayoutPlan,
  runId: string,
  worker: string,
  handoffPath?: string,
): Record<string, string> {
  const mounts: Record<string, string> = { [originVolume(runId)]: ORIGIN_MOUNT };
  const ws = workspaceVolume(plan, runId, worker);
  if (ws) {
    mounts[ws] = handoffPath ?? WORKSPACE;
    mounts[plan.cacheVolume] = plan.cacheDir;
  } else {
    mounts[plan.cacheVolume] = WORKSPACE;
  }
  return mounts;
}

/**
 * The folder a developer clones into. Where each developer has a workspace volume of its
 * own (separate, the concurrent batch's workers and try-fixes' trials included), every one
 * clones to one path, /workspace/project, as production's workers each get the project at
 * the same path; uv keys a local build on its path too, so only then can a fresh clone
 * reuse a wheel built by another worker. In the shared layout every developer mounts the
 * one volume, so each needs a folder of its own: /workspace/<worker>/project.
 */
export function workerHome(plan: LayoutPlan, worker: string): string {
  return plan.layout === 'separate' ? WORKSPACE : `${WORKSPACE}/${worker}`;
}

export function projectDir(plan: LayoutPlan, worker: string): string {
  return `${workerHome(plan, worker)}/project`;
}

/**
 * Where try-fixes clones a fixed copy: one path for every fixed copy, beside the project's.
 * uv keeps one build of a local package per path: an as-is clone built at the fixed copies'
 * path would replace their build (seen with uv 0.13.9), and no fixed pair could reuse it.
 */
export function fixedProjectDir(plan: LayoutPlan, worker: string): string {
  return `${projectDir(plan, worker)}-fixed`;
}

/**
 * The folders made the developer's own before it clones: its home in the shared volume and
 * the project folder (a fresh workspace volume over a path the image lacks is root's).
 */
export function clonedFolders(plan: LayoutPlan, worker: string): string[] {
  const home = workerHome(plan, worker);
  return [...(home === WORKSPACE ? [] : [home]), projectDir(plan, worker)];
}
