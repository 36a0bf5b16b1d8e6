import { describe, expect, test } from 'vitest';
import type { Container } from '../../../../src/docker/engine-api.js';
import { OverheadClock } from '../../../../src/e2e/run/overhead.js';
import { type PoolContext, WorkerPool } from '../../../../src/e2e/run/worker-pool.js';
import type { Worker } from '../../../../src/e2e/worker/worker.js';

/** Resolves when the test says so. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** A pool on no engine: released workers are only removed (they have no reaper). */
function pool(): WorkerPool {
  const ctx = {
    log: { info: () => {}, warn: () => {}, group: (_t: string, fn: () => unknown) => fn(), detail: () => {} },
    options: { memoryBytes: 0, cpus: 0, unsetEnv: [], keep: false },
    clock: new OverheadClock(),
  } as unknown as PoolContext;
  return new WorkerPool(ctx);
}

/** A worker whose container's removal waits for `until`, and says when it began. */
function worker(role: string, began: string[], until: Promise<void>): Worker {
  const container = {
    remove: async () => {
      began.push(role);
      await until;
    },
  } as unknown as Container;
  return { role, container } as unknown as Worker;
}

describe('finished workers leave', () => {
  test('two released workers are removed at once, and settling waits for both', async () => {
    const began: string[] = [];
    const slow = gate();
    const p = pool();
    p.release(worker('e2e-scaffolder', began, slow.opened), undefined);
    p.release(worker('e2e-handoff', began, slow.opened), undefined);
    await new Promise((r) => setTimeout(r, 5));
    // One after another, the second would not have begun while the first is still going.
    expect(began).toEqual(['e2e-scaffolder', 'e2e-handoff']);
    let settled = false;
    const settling = p.settle().then(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toBe(false);
    slow.open();
    await settling;
    expect(settled).toBe(true);
  });
});
