// Where things live in a worker, per cache layout (the two ways production can mount the uv cache):
//   separate  the plan's and production's: the cache volume at the image's cache
//             folder, each worker's workspace on a volume of its own at /workspace;
//             uv cannot hard-link across the two mounts.
//   shared    one volume at /workspace holding the cache (/workspace/.uv-cache) and
//             every worker's workspace, so uv can hard-link.
// Projects sit at /workspace/<worker>/project in both, so the two layouts differ
// in the mounts only. The origin (a bare repository per layout) is a volume of its own.
import type { CacheLayout } from '../report/types.js';

export const WORKSPACE = '/workspace';
export const ORIGIN_MOUNT = '/worker-gate-origin';
export const SHARED_CACHE_DIR = `${WORKSPACE}/.uv-cache`;

export interface LayoutPlan {
  layout: CacheLayout;
  /** UV_CACHE_DIR in every worker of the layout. */
  cacheDir: string;
  /** The volume the cache lives on, created empty for this run. */
  cacheVolume: string;
  /** The bare repository the workers push to and clone from. */
  originRepo: string;
}

export function planLayout(layout: CacheLayout, runId: string, imageCacheDir: string): LayoutPlan {
  return layout === 'separate'
    ? {
        layout,
        cacheDir: imageCacheDir,
        cacheVolume: `${runId}-separate-cache`,
        originRepo: `${ORIGIN_MOUNT}/separate.git`,
      }
    : {
        layout,
        cacheDir: SHARED_CACHE_DIR,
        cacheVolume: `${runId}-shared`,
        originRepo: `${ORIGIN_MOUNT}/shared.git`,
      };
}

/** scaffold-cache own: copier's uv cache, a volume of its own (the scaffolder runs elsewhere in production). */
export const SCAFFOLD_MOUNT = '/worker-gate-scaffold';
export const SCAFFOLD_CACHE_DIR = `${SCAFFOLD_MOUNT}/uv`;

export function scaffoldVolume(runId: string): string {
  return `${runId}-scaffold-cache`;
}

export function originVolume(runId: string): string {
  return `${runId}-origin`;
}

/** A worker's own workspace volume (separate layout only). */
export function workspaceVolume(plan: LayoutPlan, runId: string, worker: string): string | undefined {
  return plan.layout === 'separate' ? `${runId}-separate-ws-${worker}` : undefined;
}

/** Named volumes of one worker: volume → mount path. */
export function workerMounts(plan: LayoutPlan, runId: string, worker: string): Record<string, string> {
  const mounts: Record<string, string> = { [originVolume(runId)]: ORIGIN_MOUNT };
  const ws = workspaceVolume(plan, runId, worker);
  if (ws) {
    mounts[ws] = WORKSPACE;
    mounts[plan.cacheVolume] = plan.cacheDir;
  } else {
    mounts[plan.cacheVolume] = WORKSPACE;
  }
  return mounts;
}

export function workerHome(worker: string): string {
  return `${WORKSPACE}/${worker}`;
}

export function projectDir(worker: string): string {
  return `${workerHome(worker)}/project`;
}
