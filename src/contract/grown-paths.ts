// What grew inside a layer against the layer it pairs with: per file the
// bytes added (a new file counts whole, a shrunk or removed one not at all),
// summed into every folder above it. A folder whose growth comes almost all
// (≥ 95%) from one child says nothing its child does not, so it is left out:
// the list names where growth splits, like a `du` sorted by size with the
// pass-through folders dropped.
import { posix } from 'node:path';
import type { GrownPath } from '../model/report.js';
import type { LayerListing } from './layer-files.js';

const PASS_THROUGH = 0.95;

export function grownPaths(current: LayerListing, baseline: LayerListing | undefined, top = 10): GrownPath[] {
  const files = new Map<string, number>();
  for (const [path, size] of current.files) {
    const delta = size - (baseline?.files.get(path) ?? 0);
    if (delta > 0) files.set(path, delta);
  }
  const folders = new Map<string, number>();
  // Per folder, its largest child's growth, to spot pass-through folders.
  const largestChild = new Map<string, number>();
  const grow = (path: string, delta: number) => {
    folders.set(path, (folders.get(path) ?? 0) + delta);
  };
  for (const [path, delta] of files) {
    for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
      grow(dir, delta);
      if (dir === '/') break;
    }
  }
  const childOf = (path: string): void => {
    const parent = posix.dirname(path);
    const size = files.get(path) ?? folders.get(path) ?? 0;
    largestChild.set(parent, Math.max(largestChild.get(parent) ?? 0, size));
  };
  for (const path of files.keys()) childOf(path);
  for (const path of folders.keys()) if (path !== '/') childOf(path);

  const out: GrownPath[] = [];
  for (const [path, delta] of folders) {
    if (path === '/' || (largestChild.get(path) ?? 0) >= PASS_THROUGH * delta) continue;
    out.push({ path, kind: 'folder', deltaBytes: delta });
  }
  for (const [path, delta] of files) out.push({ path, kind: 'file', deltaBytes: delta });
  return out.sort((a, b) => b.deltaBytes - a.deltaBytes || a.path.localeCompare(b.path)).slice(0, top);
}
