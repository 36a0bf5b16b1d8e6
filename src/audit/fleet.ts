// The whole audited fleet: each worker's checks in spec order, and the one
// check no worker can pass alone: every worker's uv cache on the same named
// volume (the one most of them use), or no setup after the first is warm.
import type { AuditContainer, Check } from '../report/types.js';
import { cleanPath } from '../uv-cache-dir.js';
import { cacheDirOf, mountHolding } from './cache-dir.js';
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

export interface FleetInput {
  workers: readonly WorkerFacts[];
  expectImage?: { ref: string; id: string };
  layoutCost?: LayoutCost;
  skipChecks?: readonly string[];
}

/** The named volume (and folder in it) that holds a worker's cache: `uv-cache`, `shared:/cache`. */
function cacheKey(worker: WorkerFacts): string | undefined {
  const dir = cacheDirOf(worker);
  const m = mountHolding(worker.mounts, dir.path);
  if (m?.type !== 'volume' || m.anonymous || !m.name || dir.relative) return undefined;
  const at = cleanPath(m.destination);
  const inside = dir.path === at ? '' : dir.path.slice(at === '/' ? 0 : at.length);
  return inside ? `${m.name}:${inside}` : m.name;
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
  const id = 'cache-volume-shared';
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

export function auditFleet(input: FleetInput): { containers: AuditContainer[]; cacheVolume?: string } {
  const keys = input.workers.map(cacheKey);
  const majority = majorityKey(keys);
  const skipped = new Set(input.skipChecks ?? []);
  const containers = input.workers.map((w, i): AuditContainer => {
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
    const { relative: _relative, ...cacheDir } = dir;
    const entry: AuditContainer = {
      id: w.id,
      name: w.name,
      image: { ref: w.imageRef, id: w.imageId },
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
  });
  return majority ? { containers, cacheVolume: majority } : { containers };
}
