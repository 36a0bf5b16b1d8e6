// The bundled action with `audit: true`, as GitHub runs it: it audits the live
// workers the filters select, ignores (and names) the build, contract and
// end-to-end inputs, and fails the job on a drifted worker.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { connectEngine } from '../../src/docker/engine.js';
import type { Container, Engine, HostConfig } from '../../src/docker/engine-api.js';
import { newRunId, runFilter, runLabels } from '../../src/docker/labels.js';
import { removeVolume } from '../../src/docker/volumes.js';
import { workerSpec } from '../../src/e2e/worker/worker.js';
import type { Report } from '../../src/model/report.js';
import { validateReport } from '../../src/model/report-schema.js';
import { SLIM_IMAGE } from '../engine/images.js';
import { runAction } from './run-action.js';

let engine: Engine;
const testRun = newRunId();
const cache = `${testRun}-uv-cache`;
const started: Container[] = [];

async function worker(name: string, drift: (h: HostConfig) => void = () => {}): Promise<void> {
  const spec = workerSpec({
    image: SLIM_IMAGE,
    user: '',
    env: {},
    memoryBytes: 2 ** 30,
    cpus: 1,
    runId: testRun,
    role: 'audit-fixture',
    volumes: { [cache]: '/home/worker/.cache/uv' },
  });
  spec.name = `${testRun}-${name}`;
  if (spec.hostConfig) drift(spec.hostConfig);
  const container = await engine.containers.create(spec);
  started.push(container);
  await container.start();
}

beforeAll(async () => {
  engine = await connectEngine();
  await engine.volumes.create(cache, runLabels(testRun));
  await worker('good');
  await worker('no-pids', (h) => {
    delete h.PidsLimit;
  });
});

afterAll(async () => {
  for (const c of started) await c.remove().catch(() => {});
  await removeVolume(engine, cache);
});

const readReport = (file: string): Report => {
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  expect(validateReport(report)).toEqual([]);
  return report;
};

test('audit: true fails the job on the drifted worker and names the inputs it ignored', async () => {
  const run = await runAction({
    audit: 'true',
    filters: `label=worker-gate.run=${testRun}`,
    'expect-image': SLIM_IMAGE,
    dockerfile: 'images/none/Dockerfile',
    // Invalid, and ignored: the audit never validates what it does not use.
    'warm-runs': '0',
  });
  expect(run.code, run.stdout + run.stderr).toBe(1);
  expect(run.stdout).toContain(
    'audit: true: auditing the live workers; the build, contract and end-to-end inputs are ignored (given: dockerfile, warm-runs)',
  );
  expect(run.stdout).toContain(`::group::audit of the workers on`);
  expect(run.outputs.verdict).toBe('fail');
  expect(run.outputs['failed-gates']).toBe(`pids-limit:${testRun}-no-pids`);
  const report = readReport(run.outputs['report-path'] ?? '');
  expect(report.command).toBe('audit');
  expect(report.audit?.containers.map((c) => c.name).sort()).toEqual([
    `${testRun}-good`,
    `${testRun}-no-pids`,
  ]);
  expect(run.summary).toContain('### Workers audited');
  // The containers it created to read the image's /etc/passwd are gone.
  const runId = run.state['run-id'] ?? '';
  expect(runId).toMatch(/^wg-/);
  expect(await engine.containers.list({ all: true, filters: runFilter(runId) })).toEqual([]);
});

test('audit: true on workers that hold to the spec passes', async () => {
  const run = await runAction({ audit: 'true', filters: `name=${testRun}-good` });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  expect(run.outputs.verdict).toBe('pass');
  expect(readReport(run.outputs['report-path'] ?? '').audit?.containers).toHaveLength(1);
});
