// The action's post step: remove whatever the main step's run left on the
// engine (a cancelled or crashed main step skips its own clean-up). It must
// never hang and never fail the job: every problem is a warning.
import * as core from '@actions/core';
import { STATE_KEPT, STATE_RUN_ID } from './action-state.js';
import { sweep } from './docker/cleanup.js';
import { connectEngine } from './docker/engine.js';

const POST_TIMEOUT_MS = 60_000;

async function post(): Promise<void> {
  const runId = core.getState(STATE_RUN_ID);
  if (!runId) return;
  const kept = core.getState(STATE_KEPT);
  const engine = await connectEngine();
  const swept = await sweep(engine, runId, { skipKept: kept !== '' });
  const total = swept.containers + swept.volumes + swept.networks;
  if (total > 0) {
    core.info(
      `worker-gate: removed ${swept.containers} containers, ${swept.volumes} volumes, ${swept.networks} networks left by run ${runId}`,
    );
  }
  if (kept) {
    core.info(
      `worker-gate: left the worker ${kept} and its volumes, kept by keep: true (labelled worker-gate.keep); remove them with: worker-gate clean --run ${runId}`,
    );
  }
  for (const error of swept.errors) core.warning(`worker-gate clean-up: ${error}`);
}

const timeout = new Promise<void>((resolve) =>
  setTimeout(() => {
    core.warning(`worker-gate clean-up took longer than ${POST_TIMEOUT_MS / 1000} s and was abandoned`);
    resolve();
  }, POST_TIMEOUT_MS).unref(),
);

await Promise.race([
  post().catch((err: unknown) =>
    core.warning(`worker-gate clean-up: ${err instanceof Error ? err.message : String(err)}`),
  ),
  timeout,
]);
