// Removes what runs left, by the run label only: containers first (with their
// anonymous volumes: an image's VOLUME makes one per container), then volumes,
// networks and run-only images, then the git worktrees of baseline builds on
// this host. Used at the end of every run, by the action's post step and by
// `worker-gate clean`. The image under test and images built under a user's
// tag carry no run label, so they are never removed.
import os from 'node:os';
import { listRunWorktrees, removeWorktree } from '../baseline/worktrees.js';
import type { RunProcess } from '../process/run.js';
import type { Engine } from './engine.js';
import { HOST_LABEL, KEEP_LABEL, ownerOf, PID_LABEL, processAlive, RUN_LABEL, runFilter } from './labels.js';

export type ObjectKind = 'container' | 'volume' | 'network' | 'image' | 'worktree';

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

interface Found {
  kind: ObjectKind;
  name: string;
  run: string;
  labels: Record<string, string>;
  remove: () => Promise<unknown>;
}

async function findLabelled(engine: Engine, runId: string | undefined): Promise<Found[]> {
  const filters = JSON.stringify(runFilter(runId));
  const found: Found[] = [];
  for (const c of await engine.listContainers({ all: true, filters })) {
    found.push({
      kind: 'container',
      name: c.Names?.[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12),
      run: c.Labels?.[RUN_LABEL] ?? '',
      labels: c.Labels ?? {},
      remove: () => engine.getContainer(c.Id).remove({ force: true, v: true }),
    });
  }
  const { Volumes } = await engine.listVolumes({ filters });
  for (const v of Volumes ?? []) {
    found.push({
      kind: 'volume',
      name: v.Name,
      run: v.Labels?.[RUN_LABEL] ?? '',
      labels: v.Labels ?? {},
      remove: () => engine.getVolume(v.Name).remove({ force: true }),
    });
  }
  for (const n of await engine.listNetworks({ filters })) {
    found.push({
      kind: 'network',
      name: n.Name,
      run: n.Labels?.[RUN_LABEL] ?? '',
      labels: n.Labels ?? {},
      remove: () => engine.getNetwork(n.Id).remove(),
    });
  }
  for (const i of await engine.listImages({ all: false, filters })) {
    found.push({
      kind: 'image',
      name: i.RepoTags?.find((t) => t !== '<none>:<none>') ?? i.Id.replace(/^sha256:/, '').slice(0, 12),
      run: i.Labels?.[RUN_LABEL] ?? '',
      labels: i.Labels ?? {},
      remove: () => engine.getImage(i.Id).remove({ force: true }),
    });
  }
  return found;
}

/** Why `--all` must leave a run alone, or undefined when its process is gone. */
function liveReason(labels: Record<string, string>[]): string | undefined {
  for (const l of labels) {
    const owner = ownerOf(l);
    // Made by a worker-gate that did not name its owner: whether it still runs cannot be told.
    if (!owner) return 'its objects name no owning process, so whether it still runs cannot be told';
    if (owner.host !== os.hostname()) {
      return `started on host ${owner.host}, so whether it still runs cannot be told here`;
    }
    if (processAlive(owner.pid)) return `still running (process ${owner.pid})`;
  }
  return undefined;
}

export type SweepOptions = {
  /** Leave objects labelled worker-gate.keep alone (what --keep kept after a failed phase). */
  skipKept?: boolean;
} & (
  | {
      /** Everything, the worktrees too: git forgets them through the run's process runner. */
      runProcess: RunProcess;
      kinds?: undefined;
    }
  | {
      /**
       * Only these kinds of engine object. A stage that sweeps behind itself (the e2e) takes
       * containers, volumes and networks only: the run's baseline image and worktree are still in use.
       */
      kinds: readonly Exclude<ObjectKind, 'worktree'>[];
    }
);

/** Remove what one run left, or (`all`) what every run whose process is gone left. */
export async function sweep(engine: Engine, scope: SweepScope, options: SweepOptions): Promise<Swept> {
  const runId = 'runId' in scope ? scope.runId : undefined;
  const swept: Swept = { removed: [], skipped: [], errors: [] };
  const found = (await findLabelled(engine, runId)).filter(
    (f) => !(options.skipKept === true && f.labels[KEEP_LABEL] !== undefined),
  );
  const runProcess = 'runProcess' in options ? options.runProcess : undefined;
  const worktrees = runProcess ? listRunWorktrees(runId) : [];
  let keep = new Set<string>();
  if (!runId) {
    const runs = new Map<string, Record<string, string>[]>();
    for (const f of found) runs.set(f.run, [...(runs.get(f.run) ?? []), f.labels]);
    for (const w of worktrees) {
      runs.set(w.run, [
        ...(runs.get(w.run) ?? []),
        { [RUN_LABEL]: w.run, [HOST_LABEL]: os.hostname(), [PID_LABEL]: String(w.pid) },
      ]);
    }
    for (const [run, labels] of runs) {
      const why = liveReason(labels);
      if (why) swept.skipped.push({ run, why: `${why}; remove it with: worker-gate clean --run ${run}` });
    }
    keep = new Set(swept.skipped.map((s) => s.run));
  }
  // Kinds in order (containers hold volumes and networks); each kind side by side.
  const kinds = (['container', 'volume', 'network', 'image'] as const).filter(
    (kind) => !options.kinds || options.kinds.includes(kind),
  );
  for (const kind of kinds) {
    await Promise.all(
      found
        .filter((f) => f.kind === kind && !keep.has(f.run))
        .map(async (f) => {
          try {
            await f.remove();
            swept.removed.push({ kind: f.kind, name: f.name, run: f.run });
          } catch (err) {
            if ((err as { statusCode?: number }).statusCode === 404) return;
            swept.errors.push(`${f.kind} ${f.name}: ${err instanceof Error ? err.message : String(err)}`);
          }
        }),
    );
  }
  for (const w of worktrees.filter((w) => !keep.has(w.run))) {
    try {
      if (runProcess) await removeWorktree(w, runProcess);
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
