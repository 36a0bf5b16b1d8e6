import { createRequire as __wgCreateRequire } from 'node:module';
import { fileURLToPath as __wgFileURLToPath } from 'node:url';
import { dirname as __wgDirname } from 'node:path';
const require = __wgCreateRequire(import.meta.url);
const __filename = __wgFileURLToPath(import.meta.url);
const __dirname = __wgDirname(__filename);
import {
  STATE_RUN_ID,
  require_core
} from "./chunks/chunk-YRAN6TNU.js";
import {
  __toESM,
  connectEngine,
  sweep
} from "./chunks/chunk-SRUBC7YG.js";

// src/post.ts
var core = __toESM(require_core(), 1);
var POST_TIMEOUT_MS = 6e4;
async function post() {
  const runId = core.getState(STATE_RUN_ID);
  if (!runId) return;
  const engine = await connectEngine();
  const swept = await sweep(engine, runId);
  const total = swept.containers + swept.volumes + swept.networks;
  if (total > 0) {
    core.info(
      `worker-gate: removed ${swept.containers} containers, ${swept.volumes} volumes, ${swept.networks} networks left by run ${runId}`
    );
  }
  for (const error of swept.errors) core.warning(`worker-gate clean-up: ${error}`);
}
var timeout = new Promise(
  (resolve) => setTimeout(() => {
    core.warning(`worker-gate clean-up took longer than ${POST_TIMEOUT_MS / 1e3} s and was abandoned`);
    resolve();
  }, POST_TIMEOUT_MS).unref()
);
await Promise.race([
  post().catch(
    (err) => core.warning(`worker-gate clean-up: ${err instanceof Error ? err.message : String(err)}`)
  ),
  timeout
]);
