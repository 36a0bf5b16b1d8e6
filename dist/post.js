import { createRequire as __wgCreateRequire } from 'node:module';
import { fileURLToPath as __wgFileURLToPath } from 'node:url';
import { dirname as __wgDirname } from 'node:path';
const require = __wgCreateRequire(import.meta.url);
const __filename = __wgFileURLToPath(import.meta.url);
const __dirname = __wgDirname(__filename);
import {
  STATE_RUN_ID,
  require_core
} from "./chunks/chunk-PV73FHH6.js";
import {
  DEFAULT_ENGINE_TIMEOUT_SECONDS,
  __toESM,
  connectEngine,
  countRemoved,
  sweep
} from "./chunks/chunk-A75FEEUO.js";

// src/post.ts
var core = __toESM(require_core(), 1);
var POST_LIMIT_S = 60;
function engineTimeout() {
  const given = Number(core.getInput("engine-timeout"));
  const seconds = Number.isInteger(given) && given > 0 ? given : DEFAULT_ENGINE_TIMEOUT_SECONDS;
  return Math.min(seconds, POST_LIMIT_S);
}
async function post() {
  const runId = core.getState(STATE_RUN_ID);
  if (!runId) return;
  const engine = await connectEngine(process.env, { timeoutSeconds: engineTimeout() });
  const swept = await sweep(engine, { runId });
  if (swept.removed.length > 0) {
    core.info(`worker-gate: removed ${countRemoved(swept.removed)} left by run ${runId}`);
  }
  for (const error of swept.errors) core.warning(`worker-gate clean-up: ${error}`);
}
var limit = new Promise(
  (resolve) => setTimeout(() => {
    core.warning(
      `worker-gate clean-up took longer than ${POST_LIMIT_S} s and was abandoned; remove what is left with: worker-gate clean --run ${core.getState(STATE_RUN_ID)}`
    );
    resolve();
  }, POST_LIMIT_S * 1e3).unref()
);
await Promise.race([
  post().catch(
    (err) => core.warning(`worker-gate clean-up: ${err instanceof Error ? err.message : String(err)}`)
  ),
  limit
]);
process.exit(0);
