// What a setup did to the uv cache, and what that proves: a run counts as cold
// or warm only by the cache's own contents, never by its place in the
// scenario. Pure: the listings come from the evidence script run before and
// after the setup.
import type { ProvedState } from '../../model/report.js';

export interface CacheListing {
  /** One key per index distribution: `wheel:pypi:ruff/0.17.6-py3-none-…`, `sdist:index/<hash>:six/1.16.0`. */
  entries: string[];
  /** Bytes of every file in the cache (hard links once), when asked for. */
  bytes?: number;
  /** The cache folder's owner uid, when it could be read. */
  ownerUid?: number;
}

/** Distributions from a package index that are in the cache after the setup and were not before. */
export function newDistributions(before: CacheListing, after: CacheListing): string[] {
  const had = new Set(before.entries);
  return after.entries.filter((e) => !had.has(e));
}

/**
 * A cold run is proved when its cache volume was created empty for this run
 * and the setup downloaded something; a warm run when it downloaded nothing.
 * Without evidence (the script failed) nothing is proved.
 */
export function provedState(
  kind: 'cold' | 'warm',
  downloads: number | undefined,
  freshCache: boolean,
): ProvedState {
  if (kind === 'cold') return freshCache && downloads !== undefined && downloads > 0 ? 'cold' : 'not-cold';
  return downloads === 0 ? 'warm' : 'not-warm';
}

/** `ruff 0.17.6`, `six 1.16.0 (sdist)`: a cache key in words, for logs and messages. */
export function describeEntry(key: string): string {
  const match = /^(wheel|sdist):[^:]+:([^/]+)\/([^-]+)/.exec(key);
  if (!match) return key;
  return `${match[2]} ${match[3]}${match[1] === 'sdist' ? ' (sdist)' : ''}`;
}
