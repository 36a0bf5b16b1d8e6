// What the benches that work inside an e2e's workers share: the engine with the slim test image
// (built by the engine tier's set-up when missing), one e2e on the shipped template whose hooks
// the bench gives (a hook after worker B's floor has a worker on a proved-warm cache and an origin
// holding the project), and a command in a worker that must succeed.
import { tmpdir } from 'node:os';
import { resolveConfig } from '../src/config/index.js';
import { shippedTemplate, toolRoot } from '../src/config/shipped.js';
import { connectEngine } from '../src/docker/engine.js';
import type { Engine, ExecResult } from '../src/docker/engine-api.js';
import { newRunId } from '../src/docker/labels.js';
import { runE2e } from '../src/e2e/run/run-e2e.js';
import type { E2eHooks } from '../src/e2e/run/scenario.js';
import type { Worker } from '../src/e2e/worker/worker.js';
import { CHECKS } from '../src/judge/registry.js';
import type { InspectedImage } from '../src/model/facts/image.js';
import { silentLog } from '../src/model/log.js';
import type { E2eReport } from '../src/model/report.js';
import setup from '../test/engine/global-setup.js';
import { SLIM_IMAGE } from '../test/engine/images.js';
import { runProcess } from '../test/engine/run-process.js';

export async function slimEngine(): Promise<{ engine: Engine; facts: InspectedImage }> {
  const engine = await connectEngine();
  if (!(await engine.images.inspect(SLIM_IMAGE))) await setup();
  const facts = await engine.images.inspect(SLIM_IMAGE);
  if (!facts) throw new Error(`${SLIM_IMAGE} is missing`);
  return { engine, facts };
}

/** `sh -c SCRIPT` in the worker; a failure stops the bench with the output's end. */
export async function execOk(worker: Worker, script: string): Promise<ExecResult> {
  const result = await worker.exec(['sh', '-c', script], { timeoutSeconds: 600 });
  if (result.exitCode !== 0)
    throw new Error(`bench step failed (${result.exitCode}): ${script}\n${result.output.slice(-2000)}`);
  return result;
}

/** One e2e of the shipped template on the slim image, with these options and hooks; its wall time. */
export async function shippedE2e(
  { engine, facts }: { engine: Engine; facts: InspectedImage },
  overrides: Record<string, string | string[]>,
  hooks: E2eHooks,
): Promise<{ e2e: E2eReport; seconds: number }> {
  const options = resolveConfig({
    frontDoor: 'cli',
    command: 'e2e',
    overrides: { image: SLIM_IMAGE, template: shippedTemplate(), ...overrides },
    env: process.env,
    cwd: tmpdir(),
    assetsDir: toolRoot(),
    checks: CHECKS,
  });
  const started = performance.now();
  const result = await runE2e(engine, {
    imageRef: SLIM_IMAGE,
    facts,
    options,
    runId: newRunId(),
    log: silentLog,
    runProcess,
    hooks,
  });
  return { e2e: result.e2e, seconds: (performance.now() - started) / 1000 };
}
