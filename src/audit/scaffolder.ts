// A scaffolder (scaffolder-filters) beside the workers. It is not held to the
// worker spec (production runs it as root); the audit holds it to one thing:
// what it downloads warms a worker only when uv in both uses one cache — the
// same named volume (and folder in it), mounted where the workers mount it,
// written as the workers' uid. Pure, on the facts the audit already reads.
import type { Check } from '../model/report.js';
import { cleanPath } from '../model/uv-cache-dir.js';
import { cacheDirOf, describeMount, mountHolding } from './cache-dir.js';
import { SCAFFOLDER_CACHE_VOLUME } from './catalogue.js';
import type { WorkerFacts } from './facts.js';
import { resolveUser } from './passwd.js';

/** Where a container's uv cache lives, when that is a named volume. */
export interface CacheHome {
  volume: string;
  /** The cache's folder inside the volume, like `/.uv`; '' when it is the volume's root. */
  folder: string;
  mountPoint: string;
  /**
   * The uid of the container's user (its image's /etc/passwd, as the audit reads
   * it, never by exec): every file uv writes into the cache is owned by it.
   * Undefined when the image does not list the user.
   */
  uid?: number;
}

/** The container's uv cache as a named volume (cache-dir.ts's rule); undefined when it is on none. */
export function cacheHomeOf(facts: WorkerFacts): CacheHome | undefined {
  const dir = cacheDirOf(facts);
  const m = mountHolding(facts.mounts, dir.path);
  if (m?.type !== 'volume' || m.anonymous || !m.name || dir.relative) return undefined;
  const at = cleanPath(m.destination);
  const folder = dir.path === at ? '' : dir.path.slice(at === '/' ? 0 : at.length);
  const home: CacheHome = { volume: m.name, folder, mountPoint: at };
  const uid = resolveUser(facts.user, facts.passwd).uid;
  if (uid !== undefined) home.uid = uid;
  return home;
}

/** The cache's key among workers: the volume, and the folder in it when not its root (`shared:/.uv`). */
export function cacheKeyOf(home: CacheHome | undefined): string | undefined {
  if (!home) return undefined;
  return home.folder ? `${home.volume}:${home.folder}` : home.volume;
}

/**
 * The workers' cache: on the key most of them share (`majority`), the mount
 * point and uid most of those have (the first listed on a tie).
 */
export function workersCacheHome(
  workers: readonly WorkerFacts[],
  majority: string | undefined,
): CacheHome | undefined {
  if (!majority) return undefined;
  const homes = workers.map(cacheHomeOf).filter((h) => h && cacheKeyOf(h) === majority) as CacheHome[];
  const count = (h: CacheHome) =>
    homes.filter((o) => o.mountPoint === h.mountPoint && o.uid === h.uid).length;
  let best: CacheHome | undefined;
  for (const h of homes) if (!best || count(h) > count(best)) best = h;
  return best;
}

const uidText = (uid: number | undefined) => (uid === undefined ? 'unknown' : String(uid));

/** "volume p_uv-cache at /root/.cache/uv", "volume shared at /workspace (its folder /.uv)". */
function onVolume(home: CacheHome): string {
  const folder = home.folder ? ` (its folder ${home.folder})` : '';
  return `${home.volume} at ${home.mountPoint}${folder}`;
}

/** Why one volume written by two uids is not one cache; undefined when the uids are the same. */
function ownerDrift(own: number | undefined, theirs: number | undefined): string | undefined {
  if (own !== undefined && own === theirs) return undefined;
  if (own === undefined)
    return "the uid that owns what the scaffolder writes there cannot be told (its user is not in its image's /etc/passwd)";
  // A root worker can write anything; any other cannot write into root's (or another uid's) folders.
  const refused =
    theirs !== undefined && theirs !== 0 ? ', so a worker cannot write into the folders it creates' : '';
  return `what the scaffolder writes there is owned by uid ${own}, not by the workers' uid ${uidText(theirs)}${refused}`;
}

const { id } = SCAFFOLDER_CACHE_VOLUME;
const NO_WARMTH = 'nothing the scaffolder downloads warms a worker';

/** scaffolder-cache-volume: the scaffolder's uv cache against the workers' (`workers` from workersCacheHome). */
export function scaffolderCacheCheck(scaffolder: WorkerFacts, workers: CacheHome | undefined): Check {
  const own = cacheHomeOf(scaffolder);
  const dir = cacheDirOf(scaffolder);
  const who = `the scaffolder ${scaffolder.name}`;
  const ownUid = resolveUser(scaffolder.user, scaffolder.passwd).uid;
  const ownText = own
    ? `${who} caches uv on volume ${onVolume(own)} (owner uid ${uidText(own.uid)})`
    : `${who} caches uv in ${dir.path}, on ${describeMount(mountHolding(scaffolder.mounts, dir.path))} (owner uid ${uidText(ownUid)})`;
  if (!workers)
    return {
      id,
      status: 'warn',
      detail: `${ownText}; no cache volume is shared by most audited workers (see cache-volume-shared): ${NO_WARMTH}`,
    };
  const theirs = `the workers on ${onVolume(workers)} (owner uid ${uidText(workers.uid)})`;
  if (!own || cacheKeyOf(own) !== cacheKeyOf(workers))
    return { id, status: 'warn', detail: `${ownText}; ${theirs}: ${NO_WARMTH}` };
  const drift: string[] = [];
  if (own.mountPoint !== workers.mountPoint)
    drift.push(`mounted at ${own.mountPoint}, not where the workers mount it`);
  const owner = ownerDrift(own.uid, workers.uid);
  if (owner) drift.push(owner);
  if (drift.length > 0)
    return {
      id,
      status: 'warn',
      detail: `${ownText}; ${theirs}: the same volume, but ${drift.join(', and ')}`,
    };
  return {
    id,
    status: 'pass',
    detail: `${who} caches uv on the workers' volume ${onVolume(own)} as their uid ${uidText(own.uid)}: what it downloads warms them`,
  };
}
