// The whole audited fleet: each worker's checks in spec order, and the one
// check no worker can pass alone: every worker's uv cache on the same named
// volume (the one most of them use), or no setup after the first is warm.
// Then the scaffolders beside them, held to the workers' cache (scaffolder.ts).
import type { AuditContainer, Check } from '../model/report.js';
import { type CacheDir, cacheDirOf, mountHolding } from './cache-dir.js';
import { CACHE_VOLUME_SHARED } from './catalogue.js';
import {
  cacheMountsCheck,
  cacheVolumeCheck,
  capDropCheck,
  cpuCheck,
  expectedImageCheck,
  type LayoutCost,
  memoryCheck,
  noNewPrivilegesCheck,
  pidsCheck,
  privilegedCheck,
  socketCheck,
  userCheck,
  uvCacheDirCheck,
} from './checks.js';
import type { WorkerFacts } from './facts.js';
import { resolveUser } from './passwd.js';
import { cacheHomeOf, cacheKeyOf, scaffolderCacheCheck, workersCacheHome } from './scaffolder.js';

export interface FleetInput {
  workers: readonly WorkerFacts[];
  /** Held to scaffolder-cache-volume against the workers' cache instead of the worker spec. */
  scaffolders?: readonly WorkerFacts[];
  expectImage?: { ref: string; id: string };
  layoutCost?: LayoutCost;
  skipChecks?: readonly string[];
}

/** The named volume (and folder in it) that holds a worker's cache: `uv-cache`, `shared:/cache`. */
function cacheKey(worker: WorkerFacts): string | undefined {
  return cacheKeyOf(cacheHomeOf(worker));
}

/** The key most workers share, when one has more workers than any other. */
export function majorityKey(keys: readonly (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const k of keys) if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || (second && second[1] === first[1])) return undefined;
  return first[0];
}

function sharedCheck(
  key: string | undefined,
  majority: string | undefined,
  keys: (string | undefined)[],
): Check {
  const { id } = CACHE_VOLUME_SHARED;
  const total = keys.length;
  if (total === 1) {
    return key
      ? { id, status: 'pass', detail: `the only audited worker; its cache is on ${key}` }
      : { id, status: 'fail', detail: 'the only audited worker, and its cache is on no named volume' };
  }
  const sharing = keys.filter((k) => k === majority).length;
  if (majority && key === majority)
    return { id, status: 'pass', detail: `on ${majority}, with ${sharing} of ${total} audited workers` };
  const own = key ? `its cache is on ${key}` : 'its cache is on no named volume';
  if (majority)
    return {
      id,
      status: 'fail',
      detail: `${own}, not on ${majority} where ${sharing} of ${total} audited workers keep theirs: its setups never find their cache warm`,
    };
  const distinct = [...new Set(keys.filter(Boolean))];
  return {
    id,
    status: 'fail',
    detail: `${own}; the ${total} audited workers use ${distinct.length} different cache volumes (${distinct.join(', ') || 'none'}) and none is shared by most`,
  };
}

/** The report's entry of one container: what decided its checks, and the checks. */
function entryOf(w: WorkerFacts, dir: CacheDir, checks: Check[]): AuditContainer {
  const { relative: _relative, ...cacheDir } = dir;
  const entry: AuditContainer = {
    id: w.id,
    name: w.name,
    image: { ref: w.imageRef, id: w.imageId, ...(w.imageCreated ? { created: w.imageCreated } : {}) },
    user: w.user,
    cacheDir,
    checks,
  };
  const uid = resolveUser(w.user, w.passwd).uid;
  if (uid !== undefined) entry.uid = uid;
  const cacheMount = mountHolding(w.mounts, dir.path);
  if (cacheMount) entry.cacheMount = cacheMount;
  if (w.workingDir) {
    entry.workspace = w.workingDir;
    const workspaceMount = mountHolding(w.mounts, w.workingDir);
    if (workspaceMount) entry.workspaceMount = workspaceMount;
  }
  return entry;
}

/** The workers, then the scaffolders (role `scaffolder`), each with its checks. */
export function auditFleet(input: FleetInput): { containers: AuditContainer[]; cacheVolume?: string } {
  const keys = input.workers.map(cacheKey);
  const majority = majorityKey(keys);
  const skipped = new Set(input.skipChecks ?? []);
  const workers = input.workers.map((w, i): AuditContainer => {
    const dir = cacheDirOf(w);
    const checks = [
      userCheck(w),
      capDropCheck(w),
      noNewPrivilegesCheck(w),
      pidsCheck(w),
      memoryCheck(w),
      cpuCheck(w),
      socketCheck(w),
      privilegedCheck(w),
      cacheVolumeCheck(w, dir),
      uvCacheDirCheck(w, dir),
      sharedCheck(keys[i], majority, keys),
      cacheMountsCheck(w, dir, input.layoutCost),
      ...(input.expectImage ? [expectedImageCheck(w, input.expectImage)] : []),
    ].filter((c) => !skipped.has(c.id));
    return entryOf(w, dir, checks);
  });
  const theirs = workersCacheHome(input.workers, majority);
  const scaffolders = (input.scaffolders ?? []).map(
    (s): AuditContainer => ({
      ...entryOf(
        s,
        cacheDirOf(s),
        [scaffolderCacheCheck(s, theirs)].filter((c) => !skipped.has(c.id)),
      ),
      role: 'scaffolder',
    }),
  );
  const containers = [...workers, ...scaffolders];
  return majority ? { containers, cacheVolume: majority } : { containers };
}
