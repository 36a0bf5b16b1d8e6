// The bundled action, run as GitHub runs it (Node 24, INPUT_* variables):
// it builds the shipped image and writes its outputs.
import { existsSync } from 'node:fs';
import { beforeAll, expect, test } from 'vitest';
import { connectEngine, type Engine } from '../../src/docker/engine.js';
import { inspectImage } from '../../src/docker/images.js';
import { engineState, expectEngineState } from '../engine/helpers.js';
import { STANDIN_PYTHON, STANDIN_UV } from '../engine/images.js';
import { runAction } from './run-action.js';

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
  expect(run.stdout).toContain('::group::docker build worker-gate-test/action-build:latest');
  const facts = await inspectImage(engine, 'worker-gate-test/action-build:latest');
  expect(run.outputs['image-id']).toBe(facts?.id);
  expect(run.outputs['image-size-bytes']).toBe(String(facts?.sizeBytes));
  expect(run.outputs.verdict).toBe('pass');
  expect(existsSync(run.outputs['report-path'] ?? '')).toBe(true);
  expect(run.outputs['report-path']?.startsWith(run.runnerTemp)).toBe(true);
  await expectEngineState(engine, before);
});
