import { describe, expect, test } from 'vitest';
import { EarlyRemovals, ownWorkMayRun } from '../../../../src/e2e/run/early-removals.js';
import type { PhaseName } from '../../../../src/model/facts/e2e.js';

/** A removal that finishes when the test says so. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('volumes removed during the run', () => {
  test('only beside the scaffold, the checks and the push, never beside a setup, the floor, a clone or a fix-up', () => {
    const phases: PhaseName[] = ['scaffold', 'clone', 'fixup', 'setup', 'lint', 'test', 'push', 'floor'];
    expect(phases.filter(ownWorkMayRun)).toEqual(['scaffold', 'lint', 'test', 'push']);
  });

  test('two waiting for the removals both wait until they are done', async () => {
    const slow = gate();
    const removals = new EarlyRemovals(
      () => slow.opened,
      async () => {},
    );
    removals.dead(['ws-a']);
    await removals.beforePhase('lint');
    const done: string[] = [];
    const first = removals.settle().then(() => done.push('first'));
    const second = removals.settle().then(() => done.push('second'));
    await new Promise((r) => setTimeout(r, 5));
    expect(done).toEqual([]);
    slow.open();
    await Promise.all([first, second]);
    expect(done.sort()).toEqual(['first', 'second']);
  });

  test('a dead volume starts going as a check starts, and the next setup waits until it is gone', async () => {
    const removing: string[] = [];
    const slow = gate();
    const removals = new EarlyRemovals(
      async (volume) => {
        removing.push(volume);
        await slow.opened;
      },
      async () => {},
    );
    removals.dead(['ws-a']);
    await removals.beforePhase('setup');
    expect(removing).toEqual([]);
    await removals.beforePhase('lint');
    await Promise.resolve();
    expect(removing).toEqual(['ws-a']);
    let setupMayStart = false;
    const beforeSetup = removals.beforePhase('setup').then(() => {
      setupMayStart = true;
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(setupMayStart).toBe(false);
    slow.open();
    await beforeSetup;
    expect(setupMayStart).toBe(true);
    expect([...removals.removed]).toEqual(['ws-a']);
  });

  test('no removal before the containers that held the volume are gone; a failed one is left to the final clean-up', async () => {
    const holders = gate();
    const removing: string[] = [];
    const removals = new EarlyRemovals(
      async (volume) => {
        removing.push(volume);
        if (volume === 'busy') throw new Error('volume is in use');
      },
      () => holders.opened,
    );
    removals.dead(['ws-a', 'busy']);
    await removals.beforePhase('test');
    await new Promise((r) => setTimeout(r, 5));
    expect(removing).toEqual([]);
    holders.open();
    await removals.settle();
    expect(removing).toEqual(['ws-a', 'busy']);
    expect([...removals.removed]).toEqual(['ws-a']);
  });
});
