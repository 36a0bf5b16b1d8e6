// The action front door: inputs → Config → the pipeline → outputs, job
// summary, annotations and files. Thin: every decision lives in the stages.
import path from 'node:path';
import * as core from '@actions/core';
import { CommandFence } from './action-log-fence.js';
import { STATE_RUN_ID } from './action-state.js';
import { type Config, fromActionInputs, InputError, resolveConfig } from './config/index.js';
import { newRunId } from './docker/labels.js';
import { describeError } from './errors.js';
import { postPullRequestComment } from './github/pr-comment.js';
import type { Log } from './log.js';
import { toolRoot } from './paths.js';
import { runPipeline, runRedactor } from './pipeline.js';
import { writeReportFiles } from './report/files.js';
import { Redactor, redactingLog } from './report/redact.js';
import { actionOutputs, annotationsFor, renderers } from './report/renderers.js';
import { exitCodeOf, finishReport, newReport } from './report/report.js';
import type { Report } from './report/types.js';

/** Every plain line goes inside the fence (it may carry project output); every command closes it. */
export const fence = new CommandFence({ write: (line) => core.info(line) });

const actionLog: Log = {
  info: (m) => fence.text(m),
  warn: (m) => fence.command(() => core.warning(m)),
  group: async (title, fn) => {
    fence.command(() => core.startGroup(title));
    try {
      return await fn();
    } finally {
      fence.command(() => core.endGroup());
    }
  },
  detail: (line) => fence.text(line),
};

export async function runAction(): Promise<void> {
  // Masked before anything is printed; it never goes into a container or a file.
  const token = core.getInput('github-token');
  if (token) core.setSecret(token);
  const runId = newRunId();
  core.saveState(STATE_RUN_ID, runId);
  let config: Config | undefined;
  let report: Report;
  let redactor = new Redactor();
  try {
    config = resolveConfig({
      frontDoor: 'action',
      command: 'verify',
      overrides: fromActionInputs((name) => core.getInput(name)),
      env: process.env,
      cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
      assetsDir: toolRoot(),
    });
    redactor = runRedactor(config, process.env);
    for (const secret of redactor.values()) core.setSecret(secret);
    report = await runPipeline('verify', config, { log: actionLog, runId, redactor });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    report = redactor.deep(finishReport({ ...newReport('verify'), error: describeError(err) }));
  }
  publish(report, config);
  if (config) {
    const log = redactingLog(actionLog, redactor);
    await postPullRequestComment({ report, options: config, env: process.env, log });
  }
  fence.close();
}

function publish(report: Report, config: Config | undefined): void {
  fence.close();
  const reportPath =
    config?.report ?? path.join(process.env.RUNNER_TEMP ?? process.cwd(), 'worker-gate-report.json');
  try {
    writeReportFiles(report, { ...config, report: reportPath, summaryFile: undefined }, renderers);
  } catch (err) {
    core.warning(`worker-gate could not write its report files: ${describeError(err).message}`);
  }
  for (const [name, value] of Object.entries(actionOutputs(report, reportPath))) core.setOutput(name, value);
  for (const a of annotationsFor(report)) {
    const props = { title: a.title, file: a.file, startLine: a.line };
    if (a.level === 'error') core.error(a.message, props);
    else core.warning(a.message, props);
  }
  if (config?.jobSummary !== false && renderers.summary) {
    core.summary
      .addRaw(renderers.summary(report))
      .write()
      .catch((err: unknown) => {
        core.warning(`worker-gate could not write the job summary: ${describeError(err).message}`);
      });
  }
  if (report.verdict !== 'pass') {
    core.setFailed(
      report.error
        ? `worker-gate: ${report.error.message}`
        : `worker-gate: ${report.failures.length} gate(s) failed: ${report.failures.map((f) => f.gate).join(', ')}`,
    );
    process.exitCode = exitCodeOf(report);
  }
}
