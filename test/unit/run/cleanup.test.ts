// The run's clean-up on the fake engine: it removes what carries the run's
// label and nothing else, containers before the volumes and networks they hold,
// leaves what --keep kept, and with --all leaves a run whose process may still
// run; the baseline worktrees of a run go too (real folders, a temporary root).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Engine } from '../../../src/docker/engine-api.js';
import { KEEP_LABEL, RUN_LABEL, runLabels } from '../../../src/docker/labels.js';
import { Redactor } from '../../../src/model/redact.js';
import { processRunner } from '../../../src/process/run.js';
import { countRemoved, sweep } from '../../../src/run/cleanup.js';
import { EngineError, FakeEngine, fakeImage } from '../docker/fake-engine.js';

const IMAGE = 'sha256:image';
// Real: git forgets a worktree of a repository that exists (none of these fakes has one).
const runProcess = processRunner({ timeoutSeconds: 30, redactor: new Redactor() });
const RUN = 'wg-run0001-aaaaaa';
const OTHER = 'wg-run0002-bbbbbb';
let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'wg-cleanup-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A run's worker on its cache volume and network, as the e2e leaves it when it is killed. */
async function leftBy(engine: Engine, run: string, labels = runLabels(run)): Promise<void> {
  await engine.volumes.create(`${run}-cache`, labels);
  await engine.networks.create(`${run}-net`, labels);
  const worker = await engine.containers.create({
    image: IMAGE,
    labels: { ...labels, 'worker-gate.role': `${run}-worker` },
    volumes: { [`${run}-cache`]: '/cache' },
    hostConfig: { NetworkMode: `${run}-net` },
  });
  await worker.start();
}

test("removes one run's containers first, then its volumes and network, and nothing of another run", async () => {
  const fake = new FakeEngine({ images: [fakeImage(IMAGE)] });
  await leftBy(fake, RUN);
  await leftBy(fake, OTHER);
  const swept = await sweep(fake, { runId: RUN }, { runProcess, worktreeRoot: root });
  expect(swept.errors).toEqual([]);
  expect(countRemoved(swept.removed)).toBe('1 container, 1 volume, 1 network');
  const removals = fake.calls('containers.remove', 'volumes.remove', 'networks.remove');
  expect(removals).toEqual([
    `containers.remove ${RUN}-worker`,
    `volumes.remove ${RUN}-cache`,
    `networks.remove ${RUN}-net`,
  ]);
  expect(fake.left()).toEqual({
    containers: [`${OTHER}-worker`],
    volumes: [`${OTHER}-cache`],
    networks: [`${OTHER}-net`],
  });
});

test('what --keep kept stays when asked to skip it; the rest of the run goes', async () => {
  const fake = new FakeEngine({ images: [fakeImage(IMAGE)] });
  await leftBy(fake, RUN, runLabels(RUN, true));
  await fake.volumes.create(`${RUN}-origin`, runLabels(RUN));
  const swept = await sweep(fake, { runId: RUN }, { runProcess, skipKept: true, worktreeRoot: root });
  expect(swept.removed.map((r) => r.name)).toEqual([`${RUN}-origin`]);
  expect(fake.left().containers).toEqual([`${RUN}-worker`]);
  expect(fake.volumeState.get(`${RUN}-cache`)?.[KEEP_LABEL]).toBe('on-failure');
  // worker-gate clean --run: the kept ones go too.
  await sweep(fake, { runId: RUN }, { runProcess, worktreeRoot: root });
  expect(fake.left()).toEqual({ containers: [], volumes: [], networks: [] });
});

test("a run's baseline worktrees go after its engine objects; another run's stay", async () => {
  const fake = new FakeEngine({ images: [fakeImage(IMAGE)] });
  const mine = path.join(root, `worker-gate-baseline-${RUN}-4242-abc123`);
  const theirs = path.join(root, `worker-gate-baseline-${OTHER}-4343-def456`);
  mkdirSync(mine);
  mkdirSync(theirs);
  const swept = await sweep(fake, { runId: RUN }, { runProcess, worktreeRoot: root });
  expect(swept.removed).toEqual([{ kind: 'worktree', name: mine, run: RUN }]);
  expect(countRemoved(swept.removed)).toBe('1 worktree');
});

describe('clean --all', () => {
  test('removes the runs whose process is gone and leaves, with the reason, one that may still run', async () => {
    const fake = new FakeEngine({ images: [fakeImage(IMAGE)] });
    const owned = (run: string, pid: number) => ({
      [RUN_LABEL]: run,
      'worker-gate.host': hostname(),
      'worker-gate.pid': String(pid),
    });
    await leftBy(fake, RUN, owned(RUN, 1001));
    await leftBy(fake, OTHER, owned(OTHER, 1002));
    await fake.volumes.create('wg-old00000-cccccc-cache', { [RUN_LABEL]: 'wg-old00000-cccccc' });
    const swept = await sweep(
      fake,
      { all: true },
      { runProcess, worktreeRoot: root, alive: (pid) => pid === 1002 },
    );
    expect(new Set(swept.removed.map((r) => r.run))).toEqual(new Set([RUN]));
    expect(swept.skipped).toEqual([
      {
        run: OTHER,
        why: `still running (process 1002); remove it with: worker-gate clean --run ${OTHER}`,
      },
      {
        run: 'wg-old00000-cccccc',
        why: 'its objects name no owning process, so whether it still runs cannot be told; remove it with: worker-gate clean --run wg-old00000-cccccc',
      },
    ]);
    expect(fake.left().containers).toEqual([`${OTHER}-worker`]);
  });
});

test('an object already gone is no error; a removal the engine refuses is reported, the rest still go', async () => {
  const fake = new FakeEngine({ images: [fakeImage(IMAGE)] });
  await leftBy(fake, RUN);
  await fake.volumes.create(`${RUN}-extra`, runLabels(RUN));
  fake.failOn('volumes.remove', new EngineError(404, 'no such volume'), (name) => name === `${RUN}-extra`);
  fake.failOn('networks.remove', new EngineError(500, 'driver failed'));
  const swept = await sweep(fake, { runId: RUN }, { runProcess, worktreeRoot: root });
  expect(swept.errors).toEqual([`network ${RUN}-net: (HTTP code 500) driver failed`]);
  expect(countRemoved(swept.removed)).toBe('1 container, 1 volume');
});
