import { createRequire as __wgCreateRequire } from 'node:module';
import { fileURLToPath as __wgFileURLToPath } from 'node:url';
import { dirname as __wgDirname } from 'node:path';
const require = __wgCreateRequire(import.meta.url);
const __filename = __wgFileURLToPath(import.meta.url);
const __dirname = __wgDirname(__filename);
import {
  STATE_RUN_ID,
  require_core
} from "./chunks/chunk-WA6K376S.js";
import {
  InputError,
  actionOutputs,
  annotationsFor,
  exitCodeOf,
  finishReport,
  fromActionInputs,
  newReport,
  renderers,
  resolveConfig,
  runPipeline,
  toolRoot,
  writeReportFiles
} from "./chunks/chunk-KCUXNW3C.js";
import {
  __toESM,
  describeError,
  newRunId
} from "./chunks/chunk-GYTWWZ4V.js";

// src/main.ts
var core2 = __toESM(require_core(), 1);

// src/action.ts
var core = __toESM(require_core(), 1);
import path from "node:path";
var actionLog = {
  info: (m) => core.info(m),
  warn: (m) => core.warning(m),
  group: (title, fn) => core.group(title, fn),
  detail: (line) => core.info(line)
};
async function runAction() {
  const runId = newRunId();
  core.saveState(STATE_RUN_ID, runId);
  let config;
  let report;
  try {
    config = resolveConfig({
      frontDoor: "action",
      command: "verify",
      overrides: fromActionInputs((name) => core.getInput(name)),
      env: process.env,
      cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
      assetsDir: toolRoot()
    });
    report = await runPipeline("verify", config, { log: actionLog, runId });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    report = newReport("verify");
    report.error = { message: err.message, ...err.details.length ? { detail: err.details.join("\n") } : {} };
    finishReport(report);
  }
  publish(report, config);
}
function publish(report, config) {
  const reportPath = config?.report ?? path.join(process.env.RUNNER_TEMP ?? process.cwd(), "worker-gate-report.json");
  try {
    writeReportFiles(report, { ...config, report: reportPath, summaryFile: void 0 }, renderers);
  } catch (err) {
    core.warning(`worker-gate could not write its report files: ${describeError(err).message}`);
  }
  for (const [name, value] of Object.entries(actionOutputs(report, reportPath))) core.setOutput(name, value);
  for (const a of annotationsFor(report)) {
    const props = { title: a.title, file: a.file, startLine: a.line };
    if (a.level === "error") core.error(a.message, props);
    else core.warning(a.message, props);
  }
  if (config?.jobSummary !== false && renderers.summary) {
    core.summary.addRaw(renderers.summary(report)).write().catch((err) => {
      core.warning(`worker-gate could not write the job summary: ${describeError(err).message}`);
    });
  }
  if (report.verdict !== "pass") {
    core.setFailed(
      report.error ? `worker-gate: ${report.error.message}` : `worker-gate: ${report.failures.length} gate(s) failed: ${report.failures.map((f) => f.gate).join(", ")}`
    );
    process.exitCode = exitCodeOf(report);
  }
}

// src/main.ts
runAction().catch((err) => {
  core2.setFailed(`worker-gate: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exitCode = 2;
});
