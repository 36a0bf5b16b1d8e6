// The uv cache directory a worker's processes resolve (uv's rule: uv-cache-dir.ts),
// with HOME from the container's environment, else the image's /etc/passwd entry
// of the user, else `/` (what the engine gives a user it cannot find). And the
// mount that holds a path: the one with the longest destination above it.
import type { AuditContainer, AuditMount } from '../model/report.js';
import { cleanPath, uvCacheDir } from '../model/uv-cache-dir.js';
import type { WorkerFacts } from './facts.js';
import { resolveUser } from './passwd.js';

export type CacheDir = AuditContainer['cacheDir'] & { relative?: boolean };

export function homeOf(facts: WorkerFacts): NonNullable<CacheDir['home']> {
  if (facts.env.HOME) return { path: facts.env.HOME, from: 'env' };
  const home = resolveUser(facts.user, facts.passwd).home;
  return home ? { path: home, from: 'passwd' } : { path: '/', from: 'default' };
}

export function cacheDirOf(facts: WorkerFacts): CacheDir {
  const known = uvCacheDir(facts.env);
  if (known) return known;
  const home = homeOf(facts);
  return { ...uvCacheDir(facts.env, home.path), home };
}

/** The mount that holds `dir`, if any (undefined: the container's own filesystem). */
export function mountHolding(mounts: readonly AuditMount[], dir: string): AuditMount | undefined {
  let best: AuditMount | undefined;
  for (const m of mounts) {
    const d = cleanPath(m.destination);
    const inside = dir === d || dir.startsWith(d === '/' ? '/' : `${d}/`);
    if (inside && (!best || d.length > cleanPath(best.destination).length)) best = m;
  }
  return best;
}

/** "named volume uv-cache at /home/worker/.cache/uv", "bind mount of /srv/cache at /cache", ... */
export function describeMount(m: AuditMount | undefined): string {
  if (!m) return "the container's own filesystem (no mount)";
  if (m.type === 'volume' && m.anonymous) return `an anonymous volume at ${m.destination}`;
  if (m.type === 'volume') return `named volume ${m.name ?? '?'} at ${m.destination}`;
  if (m.type === 'bind') return `a bind mount of the host's ${m.source ?? '?'} at ${m.destination}`;
  return `a ${m.type} mount at ${m.destination}`;
}

/** "(from UV_CACHE_DIR)", "(from HOME=/home/worker, the image's /etc/passwd entry of worker)". */
export function describeOrigin(dir: CacheDir, user: string): string {
  if (dir.from !== 'HOME') return `from ${dir.from}`;
  const home = dir.home;
  const where =
    home?.from === 'env'
      ? "the container's environment"
      : home?.from === 'passwd'
        ? `the image's /etc/passwd entry of ${user || 'root'}`
        : `the engine's default: ${user || 'root'} is not in the image's /etc/passwd`;
  return `from HOME=${home?.path ?? '/'}, ${where}`;
}
