// uv's `Waiting to acquire lock for <path> (lockfile: <path>)` lines in the
// concurrent setups: which cache entry, how many workers waited, and how long
// at most. uv does not print when it got the lock; the worker's next line of
// output is the earliest sign, so a wait is measured up to it (an upper bound).

import { roundSeconds } from '../../model/figures/stats.js';
import type { LockWait } from '../../model/report.js';
import { stripAnsi } from '../../model/text.js';

export interface TimedLine {
  /** Milliseconds since the setups started. */
  atMs: number;
  text: string;
}

const WAITING = /Waiting to acquire lock for `?([^`]+?)`?(?:\s+\(lockfile:.*\))?\s*$/;

/**
 * One worker's waits, fed line by line as the output streams (it keeps the waits
 * only, whatever a setup prints): each lasts until the worker's next line, or its end.
 */
export class WaitTracker {
  private readonly waits: { entry: string; seconds: number }[] = [];
  private open: { entry: string; atMs: number } | undefined;

  constructor(private readonly cacheDir: string) {}

  line(text: string, atMs: number): void {
    this.close(atMs);
    const match = WAITING.exec(stripAnsi(text).trim());
    if (match?.[1]) this.open = { entry: relativeTo(match[1], this.cacheDir), atMs };
  }

  end(atMs: number): { entry: string; seconds: number }[] {
    this.close(atMs);
    return this.waits;
  }

  private close(atMs: number): void {
    if (!this.open) return;
    this.waits.push({ entry: this.open.entry, seconds: Math.max(0, atMs - this.open.atMs) / 1000 });
    this.open = undefined;
  }
}

/** One worker's waits from its timed lines (the tracker, all at once). */
export function waitsOf(
  lines: readonly TimedLine[],
  endMs: number,
  cacheDir: string,
): { entry: string; seconds: number }[] {
  const tracker = new WaitTracker(cacheDir);
  for (const line of lines) tracker.line(line.text, line.atMs);
  return tracker.end(endMs);
}

function relativeTo(entry: string, dir: string): string {
  const base = dir.replace(/\/+$/, '');
  return entry.startsWith(`${base}/`) ? entry.slice(base.length + 1) : entry;
}

/** Every entry any worker waited for: how many workers waited for it, and the longest wait; longest first. */
export function lockWaits(perWorker: readonly { entry: string; seconds: number }[][]): LockWait[] {
  const byEntry = new Map<string, { workers: number; longest: number }>();
  for (const waits of perWorker) {
    const seen = new Set<string>();
    for (const { entry, seconds } of waits) {
      const row = byEntry.get(entry) ?? { workers: 0, longest: 0 };
      if (!seen.has(entry)) row.workers += 1;
      seen.add(entry);
      row.longest = Math.max(row.longest, seconds);
      byEntry.set(entry, row);
    }
  }
  return [...byEntry.entries()]
    .map(([entry, row]) => ({
      entry,
      workers: row.workers,
      longestSeconds: roundSeconds(row.longest),
    }))
    .sort((a, b) => b.longestSeconds - a.longestSeconds || a.entry.localeCompare(b.entry));
}
