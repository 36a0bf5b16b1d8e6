import { createRequire as __wgCreateRequire } from 'node:module';
import { fileURLToPath as __wgFileURLToPath } from 'node:url';
import { dirname as __wgDirname } from 'node:path';
const require = __wgCreateRequire(import.meta.url);
const __filename = __wgFileURLToPath(import.meta.url);
const __dirname = __wgDirname(__filename);
import {
  STATE_KEPT,
  STATE_RUN_ID,
  getInput,
  getState,
  info,
  warning
} from "./chunks/chunk-JZVNLOQE.js";
import {
  Redactor,
  connectEngine,
  countRemoved,
  processRunner,
  sweep,
  valueOrDefault
} from "./chunks/chunk-ZUH5G2KF.js";

// src/post.ts
var POST_LIMIT_S = 60;
function engineTimeout() {
  return Math.min(valueOrDefault("engine-timeout", getInput("engine-timeout")), POST_LIMIT_S);
}
async function post() {
  const runId = getState(STATE_RUN_ID);
  if (!runId) return;
  const kept = getState(STATE_KEPT);
  const timeoutSeconds = engineTimeout();
  const engine = await connectEngine(process.env, { timeoutSeconds });
  const runProcess = processRunner({ timeoutSeconds, redactor: new Redactor() });
  const swept = await sweep(engine, { runId }, { skipKept: kept !== "", runProcess });
  if (swept.removed.length > 0) {
    info(`worker-gate: removed ${countRemoved(swept.removed)} left by run ${runId}`);
  }
  if (kept) {
    info(
      `worker-gate: left the worker ${kept} and its volumes, kept by keep: true (labelled worker-gate.keep); remove them with: worker-gate clean --run ${runId}`
    );
  }
  for (const error of swept.errors) warning(`worker-gate clean-up: ${error}`);
}
var limit = new Promise(
  (resolve) => setTimeout(() => {
    warning(
      `worker-gate clean-up took longer than ${POST_LIMIT_S} s and was abandoned; remove what is left with: worker-gate clean --run ${getState(STATE_RUN_ID)}`
    );
    resolve();
  }, POST_LIMIT_S * 1e3).unref()
);
await Promise.race([
  post().catch(
    (err) => warning(`worker-gate clean-up: ${err instanceof Error ? err.message : String(err)}`)
  ),
  limit
]);
process.exit(0);
