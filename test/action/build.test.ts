// The bundled action, run as GitHub runs it (Node 24, INPUT_* variables):
// it builds the shipped image and writes its outputs.
import { existsSync } from 'node:fs';
import { beforeAll, expect, test } from 'vitest';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { newRunId, runLabels } from '../../src/docker/labels.js';
import { removeVolume } from '../../src/docker/volumes.js';
import { sweep } from '../../src/run/cleanup.js';
import { engineState, expectEngineState } from '../engine/helpers.js';
import { SLIM_IMAGE, STANDIN_PYTHON, STANDIN_UV } from '../engine/images.js';
import { runProcess } from '../engine/run-process.js';
import { runAction, runPostStep } from './run-action.js';

let engine: Engine;
beforeAll(async () => {
  engine = await connectEngine();
});

test('the bundled action under Node 24 builds the shipped image and sets image-id and image-size-bytes', async () => {
  const before = await engineState(engine);
  const run = await runAction({
    'build-args': `PYTHON_IMAGE=${STANDIN_PYTHON}\nUV_IMAGE=${STANDIN_UV}`,
    tag: 'worker-gate-test/action-build:latest',
    'skip-e2e': 'true',
  });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  // build-backend auto: this machine has docker buildx, as GitHub's hosted runners do.
  expect(run.stdout).toContain('::group::docker buildx build worker-gate-test/action-build:latest');
  const facts = await engine.images.inspect('worker-gate-test/action-build:latest');
  expect(run.outputs['image-id']).toBe(facts?.id);
  expect(run.outputs['image-size-bytes']).toBe(String(facts?.sizeBytes));
  expect(run.outputs.verdict).toBe('pass');
  expect(existsSync(run.outputs['report-path'] ?? '')).toBe(true);
  expect(run.outputs['report-path']?.startsWith(run.runnerTemp)).toBe(true);
  await expectEngineState(engine, before);
});

test('the post step removes what a main step that crashed left on the engine, and nothing else', async () => {
  const before = await engineState(engine);
  const runId = newRunId();
  const labels = runLabels(runId);
  await engine.volumes.create(`${runId}-left-behind`, labels);
  await engine.containers.create({
    image: SLIM_IMAGE,
    cmd: ['true'],
    labels,
    volumes: { [`${runId}-left-behind`]: '/x' },
  });
  const unrelated = `${newRunId()}-unrelated`;
  await engine.volumes.create(unrelated, runLabels(newRunId()));
  try {
    const post = await runPostStep({ 'run-id': runId });
    expect(post.code).toBe(0);
    expect(post.stdout).toContain(`removed 1 container, 1 volume left by run ${runId}`);
    expect((await engineState(engine)).volumes).toContain(unrelated);
  } finally {
    await removeVolume(engine, unrelated);
  }
  await expectEngineState(engine, before);
});

test('the post step with no engine warns and never fails the job', async () => {
  const post = await runPostStep({ 'run-id': newRunId() }, { DOCKER_HOST: 'unix:///nonexistent.sock' });
  expect(post.code).toBe(0);
  expect(post.stdout).toMatch(/^::warning::worker-gate clean-up: no Docker engine answers/m);
});

test('after keep: true kept a failed worker, the post step leaves it and its volume, says so, and sweeps the rest', async () => {
  const runId = newRunId();
  const kept = runLabels(runId, true);
  await engine.volumes.create(`${runId}-kept`, kept);
  const worker = await engine.containers.create({
    image: SLIM_IMAGE,
    cmd: ['true'],
    labels: kept,
    volumes: { [`${runId}-kept`]: '/x' },
  });
  // A probe container of the same run carries no keep label: the post step removes it.
  await engine.containers.create({ image: SLIM_IMAGE, cmd: ['true'], labels: runLabels(runId) });
  try {
    const post = await runPostStep({ 'run-id': runId, kept: worker.id.slice(0, 12) });
    expect(post.code).toBe(0);
    expect(post.stdout).toContain(`removed 1 container left by run ${runId}`);
    expect(post.stdout).toContain(
      `left the worker ${worker.id.slice(0, 12)} and its volumes, kept by keep: true (labelled worker-gate.keep); remove them with: worker-gate clean --run ${runId}`,
    );
    const state = await engineState(engine);
    expect(state.containers).toContain(worker.id);
    expect(state.volumes).toContain(`${runId}-kept`);
  } finally {
    await sweep(engine, { runId }, { runProcess });
  }
});
