// Removes what runs left: the engine's objects by the run label only
// (src/docker/labelled.ts: containers, then volumes, networks and run-only
// images), then the git worktrees of baseline builds on this host. Used at the
// end of every run, by the action's post step and by `worker-gate clean`. The
// image under test and images built under a user's tag carry no run label, so
// they are never removed. `--all` leaves alone every run whose process may still
// be running.
import os from 'node:os';
import { listRunWorktrees, type RunWorktree, removeWorktree } from '../baseline/worktrees.js';
import type { Engine } from '../docker/engine-api.js';
import { type EngineKind, findLabelled, isKept, removeLabelled } from '../docker/labelled.js';
import { HOST_LABEL, ownerOf, PID_LABEL, processAlive, RUN_LABEL } from '../docker/labels.js';
import type { RunProcess } from '../process/run.js';

export type ObjectKind = EngineKind | 'worktree';

export interface Removed {
  kind: ObjectKind;
  /** A name where the object has one, else its short id. */
  name: string;
  run: string;
}

export interface Swept {
  removed: Removed[];
  /** Runs left alone by `--all`, with the reason. */
  skipped: { run: string; why: string }[];
  errors: string[];
}

export type SweepScope = { runId: string } | { all: true };

export interface SweepOptions {
  /** git forgets the worktrees through the run's process runner. */
  runProcess: RunProcess;
  /** Leave objects labelled worker-gate.keep alone (what --keep kept after a failed phase). */
  skipKept?: boolean;
  /** Where baseline worktrees are made (default: the system's temporary folder). */
  worktreeRoot?: string;
  /** Whether a process of this host still runs (default: signal 0). */
  alive?: (pid: number) => boolean;
}

/** Why `--all` must leave a run alone, or undefined when its process is gone. */
function liveReason(labels: Record<string, string>[], alive: (pid: number) => boolean): string | undefined {
  for (const l of labels) {
    const owner = ownerOf(l);
    // Made by a worker-gate that did not name its owner: whether it still runs cannot be told.
    if (!owner) return 'its objects name no owning process, so whether it still runs cannot be told';
    if (owner.host !== os.hostname()) {
      return `started on host ${owner.host}, so whether it still runs cannot be told here`;
    }
    if (alive(owner.pid)) return `still running (process ${owner.pid})`;
  }
  return undefined;
}

/** The runs `--all` must leave alone, with why, from the labels of their objects and worktrees. */
function liveRuns(
  found: readonly { run: string; labels: Record<string, string> }[],
  worktrees: readonly RunWorktree[],
  alive: (pid: number) => boolean,
): { run: string; why: string }[] {
  const runs = new Map<string, Record<string, string>[]>();
  for (const f of found) runs.set(f.run, [...(runs.get(f.run) ?? []), f.labels]);
  for (const w of worktrees) {
    runs.set(w.run, [
      ...(runs.get(w.run) ?? []),
      { [RUN_LABEL]: w.run, [HOST_LABEL]: os.hostname(), [PID_LABEL]: String(w.pid) },
    ]);
  }
  const live: { run: string; why: string }[] = [];
  for (const [run, labels] of runs) {
    const why = liveReason(labels, alive);
    if (why) live.push({ run, why: `${why}; remove it with: worker-gate clean --run ${run}` });
  }
  return live;
}

/** Remove what one run left, or (`all`) what every run whose process is gone left. */
export async function sweep(engine: Engine, scope: SweepScope, options: SweepOptions): Promise<Swept> {
  const runId = 'runId' in scope ? scope.runId : undefined;
  const found = (await findLabelled(engine, runId)).filter((f) => !(options.skipKept === true && isKept(f)));
  const worktrees = listRunWorktrees(runId, options.worktreeRoot);
  const skipped = runId ? [] : liveRuns(found, worktrees, options.alive ?? processAlive);
  const keep = new Set(skipped.map((s) => s.run));
  const engineSwept = await removeLabelled(
    engine,
    found.filter((f) => !keep.has(f.run)),
  );
  const swept: Swept = {
    removed: engineSwept.removed.map(({ kind, name, run }) => ({ kind, name, run })),
    skipped,
    errors: engineSwept.errors,
  };
  // After the engine's objects: a baseline image built from a worktree is gone first.
  for (const w of worktrees.filter((w) => !keep.has(w.run))) {
    try {
      await removeWorktree(w, options.runProcess);
      swept.removed.push({ kind: 'worktree', name: w.dir, run: w.run });
    } catch (err) {
      swept.errors.push(`worktree ${w.dir}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return swept;
}

/** `3 containers, 4 volumes, 1 network` for the log. */
export function countRemoved(removed: readonly Removed[]): string {
  const counts = new Map<ObjectKind, number>();
  for (const r of removed) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`).join(', ') || 'nothing';
}
