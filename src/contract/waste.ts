// Waste in an image, from its layers' file lists: bytes a layer ships that
// never reach the final filesystem (a later layer deletes or overwrites them;
// counted in the layer that added them, where the fix belongs), and
// package-manager caches left in a layer (they reach the filesystem, but
// nothing at run time needs them). Efficiency = bytes that reach the final
// filesystem ÷ bytes the layers ship. Pure: the listings come from layer-files.ts;
// the waste gates are in src/judge/waste.ts.
import { posix } from 'node:path';
import { round } from '../model/numbers.js';
import type { Layer, Waste, Waster } from '../model/report.js';
import type { LayerListing } from './layer-files.js';

/** Caches a later `rm` (or the package manager's own clean-up) would have removed. */
const CACHES: readonly { what: string; pattern: RegExp }[] = [
  { what: 'apt package lists', pattern: /^\/var\/lib\/apt\/lists(?=\/)/ },
  { what: 'apt cache and package archives', pattern: /^\/var\/cache\/apt(?=\/)/ },
  { what: 'pip cache', pattern: /^\/(?:root|home\/[^/]+)\/\.cache\/pip(?=\/)/ },
  { what: 'uv cache', pattern: /^\/(?:root|home\/[^/]+)\/\.cache\/uv(?=\/)/ },
  { what: 'npm cache', pattern: /^\/(?:root|home\/[^/]+)\/\.npm\/_cacache(?=\/)/ },
  { what: 'package archives', pattern: /^\/var\/cache\/(?:apk|yum|dnf)(?=\/)/ },
];

/** How many wasters the report keeps (the summary shows five). */
const KEEP = 20;

type LayerRef = Waster['layer'];

interface Live {
  layer: number;
  size: number;
}

/** The whiteout that hides `path`: a deletion of it or of a folder above it, or an opaque folder above it. */
function whiteoutOver(path: string, removes: Set<string>, opaque: Set<string>): string | undefined {
  if (removes.has(path)) return path;
  for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
    if (removes.has(dir) || opaque.has(dir)) return dir;
    if (dir === '/') return undefined;
  }
}

/**
 * `listings` and `layers` are oldest first and one per history entry (a
 * listing is undefined for an entry with no layer, like ENV).
 */
export function analyseWaste(
  listings: readonly (LayerListing | undefined)[],
  layers: readonly Layer[],
  imageSizeBytes: number,
): Waste {
  const live = new Map<string, Live>();
  const groups = new Map<string, Waster>();
  const ref = (index: number): LayerRef => {
    const layer = layers[index];
    const out: LayerRef = { index, createdBy: layer?.createdBy ?? '' };
    if (layer?.dockerfileLine) out.dockerfileLine = layer.dockerfileLine;
    return out;
  };
  const count = (kind: Waster['kind'], path: string, owner: number, size: number, by?: number) => {
    if (size <= 0) return;
    const key = `${kind}|${owner}|${by ?? ''}|${path}`;
    let group = groups.get(key);
    if (!group) {
      group = { kind, path, sizeBytes: 0, files: 0, layer: ref(owner) };
      if (by !== undefined) group.by = ref(by);
      groups.set(key, group);
    }
    group.sizeBytes += size;
    group.files += 1;
  };
  let shippedBytes = 0;
  listings.forEach((listing, index) => {
    if (!listing) return;
    // Whiteouts hide what the layers below hold; they never touch this layer's own files.
    const removes = new Set(listing.removes);
    const opaque = new Set(listing.opaque);
    if (removes.size + opaque.size > 0) {
      for (const [path, entry] of live) {
        const hiddenBy = whiteoutOver(path, removes, opaque);
        if (hiddenBy === undefined) continue;
        count('removed', hiddenBy, entry.layer, entry.size, index);
        live.delete(path);
      }
    }
    for (const [path, size] of listing.files) {
      const before = live.get(path);
      if (before) count('overwritten', posix.dirname(path), before.layer, before.size, index);
      live.set(path, { layer: index, size });
      shippedBytes += size;
    }
  });
  let finalBytes = 0;
  for (const [path, entry] of live) {
    finalBytes += entry.size;
    const cache = CACHES.map((c) => ({ c, m: c.pattern.exec(path) })).find((x) => x.m);
    if (cache?.m) {
      const key = `cache|${entry.layer}||${cache.m[0]}`;
      count('cache', cache.m[0], entry.layer, entry.size);
      const group = groups.get(key);
      if (group) group.what = cache.c.what;
    }
  }
  const wasters = [...groups.values()].sort((a, b) => b.sizeBytes - a.sizeBytes);
  const wastedBytes = wasters.reduce((sum, w) => sum + w.sizeBytes, 0);
  return {
    shippedBytes,
    finalBytes,
    wastedBytes,
    wastedPercent: imageSizeBytes > 0 ? round((wastedBytes / imageSizeBytes) * 100, 2) : 0,
    efficiencyPercent: shippedBytes > 0 ? round((finalBytes / shippedBytes) * 100, 2) : 100,
    wasters: wasters.slice(0, KEEP),
  };
}
