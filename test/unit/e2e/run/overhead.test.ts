import { describe, expect, test } from 'vitest';
import { OverheadClock, overheadFigures } from '../../../../src/e2e/run/overhead.js';
import { overheadLine } from '../../../../src/model/figures/overhead-line.js';

describe("worker-gate's own time", () => {
  test('is the wall time minus the phases, by stage, with what no stage timed as other', () => {
    const figures = overheadFigures(
      62,
      58.9,
      new Map([
        ['workers', 1.2],
        ['evidence', 0.9],
        ['probes', 0],
        ['reaping', 0.2],
        ['clean-up', 0.5],
      ]),
    );
    // 62 − 58.9 = 3.1 s own, 3.1 / 62 = 5 %; timed 2.8 s, so 0.3 s other; probes took nothing.
    expect(figures).toEqual({
      wallSeconds: 62,
      phaseSeconds: 58.9,
      ownSeconds: 3.1,
      ownPercent: 5,
      stages: [
        { stage: 'workers', seconds: 1.2 },
        { stage: 'evidence', seconds: 0.9 },
        { stage: 'reaping', seconds: 0.2 },
        { stage: 'clean-up', seconds: 0.5 },
        { stage: 'other', seconds: 0.3 },
      ],
    });
    expect(overheadLine(figures)).toBe(
      "worker-gate's own time: 3.1 s of 1 min 2 s (5 %): workers 1.2 s, evidence 0.9 s, reaping 0.2 s, clean-up 0.5 s, other 0.3 s",
    );
  });

  test('the clock adds up each stage and the phases as the run passes through them', async () => {
    let now = 0;
    const clock = new OverheadClock(() => now);
    const wait = (ms: number) => async () => {
      now += ms;
    };
    await clock.time('workers', wait(1000));
    await clock.time('phases', wait(8000));
    await clock.time('evidence', wait(500));
    await clock.time('workers', wait(250));
    await expect(
      clock.time('probes', async () => {
        now += 100;
        throw new Error('probe failed');
      }),
    ).rejects.toThrow('probe failed');
    now += 150;
    expect(clock.figures()).toEqual({
      wallSeconds: 10,
      phaseSeconds: 8,
      ownSeconds: 2,
      ownPercent: 20,
      stages: [
        { stage: 'workers', seconds: 1.25 },
        { stage: 'evidence', seconds: 0.5 },
        { stage: 'probes', seconds: 0.1 },
        { stage: 'other', seconds: 0.15 },
      ],
    });
  });

  test('inside a phase span (the concurrent batch) starting workers is phase time, counted once', async () => {
    let now = 0;
    const clock = new OverheadClock(() => now);
    await clock.time('phases', async () => {
      now += 1000;
      await clock.time('workers', async () => {
        now += 500;
      });
    });
    expect(clock.figures()).toMatchObject({ wallSeconds: 1.5, phaseSeconds: 1.5, ownSeconds: 0, stages: [] });
  });

  test("a reap inside a phase's exec is the reaping stage's, not the phases'", async () => {
    let now = 0;
    const clock = new OverheadClock(() => now);
    await clock.time('phases', async () => {
      now += 4000;
    });
    clock.reassign('reaping', 0.25);
    now += 1000;
    expect(clock.figures()).toMatchObject({
      wallSeconds: 5,
      phaseSeconds: 3.75,
      ownSeconds: 1.25,
      stages: [
        { stage: 'reaping', seconds: 0.25 },
        { stage: 'other', seconds: 1 },
      ],
    });
  });
});
