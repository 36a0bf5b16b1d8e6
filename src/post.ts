// The action's post step: remove whatever the main step's run left on the
// engine (a cancelled or crashed main step skips its own clean-up). It must
// never hang and never fail the job: every problem is a warning, every engine
// call has the run's deadline, and the step ends within POST_LIMIT_S whatever
// the engine does (nothing left in flight keeps Node alive past it).
import * as core from '@actions/core';
import { STATE_KEPT, STATE_RUN_ID } from './action-state.js';
import { valueOrDefault } from './config/options.js';
import { connectEngine } from './docker/engine.js';
import { Redactor } from './model/redact.js';
import { processRunner } from './process/run.js';
import { countRemoved, sweep } from './run/cleanup.js';

const POST_LIMIT_S = 60;

/** The main step's engine-timeout, as its input gave it (the post step reads the same inputs). */
function engineTimeout(): number {
  return Math.min(valueOrDefault('engine-timeout', core.getInput('engine-timeout')), POST_LIMIT_S);
}

async function post(): Promise<void> {
  const runId = core.getState(STATE_RUN_ID);
  if (!runId) return;
  const kept = core.getState(STATE_KEPT);
  const timeoutSeconds = engineTimeout();
  const engine = await connectEngine(process.env, { timeoutSeconds });
  const runProcess = processRunner({ timeoutSeconds, redactor: new Redactor() });
  const swept = await sweep(engine, { runId }, { skipKept: kept !== '', runProcess });
  if (swept.removed.length > 0) {
    core.info(`worker-gate: removed ${countRemoved(swept.removed)} left by run ${runId}`);
  }
  if (kept) {
    core.info(
      `worker-gate: left the worker ${kept} and its volumes, kept by keep: true (labelled worker-gate.keep); remove them with: worker-gate clean --run ${runId}`,
    );
  }
  for (const error of swept.errors) core.warning(`worker-gate clean-up: ${error}`);
}

const limit = new Promise<void>((resolve) =>
  setTimeout(() => {
    core.warning(
      `worker-gate clean-up took longer than ${POST_LIMIT_S} s and was abandoned; remove what is left with: worker-gate clean --run ${core.getState(STATE_RUN_ID)}`,
    );
    resolve();
  }, POST_LIMIT_S * 1000).unref(),
);

await Promise.race([
  post().catch((err: unknown) =>
    core.warning(`worker-gate clean-up: ${err instanceof Error ? err.message : String(err)}`),
  ),
  limit,
]);
// A hung engine connection would otherwise keep the step alive.
process.exit(0);
