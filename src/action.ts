// The action front door: inputs → Config → the pipeline → outputs, job
// summary, annotations and files. Thin: every decision lives in the stages.
import path from 'node:path';
import * as core from '@actions/core';
import { CommandFence } from './action-log-fence.js';
import { STATE_KEPT, STATE_RUN_ID } from './action-state.js';
import { modeInputs, modeRequested } from './config/action-modes.js';
import {
  type Config,
  fromActionInputs,
  type MergeOptions,
  type RawValues,
  resolveConfig,
  resolveMergeOptions,
} from './config/index.js';
import { MATRIX_TARGET } from './config/merge-options.js';
import { toolRoot } from './config/shipped.js';
import { Interrupted } from './docker/guard.js';
import { newRunId } from './docker/labels.js';
import { explain, renderExplanation, wantsExplain } from './explain/explain.js';
import { postPullRequestComment } from './github/pr-comment.js';
import { CHECKS } from './judge/registry.js';
import { runMerge } from './matrix/run-merge.js';
import { describeError, InputError } from './model/errors.js';
import type { Log } from './model/log.js';
import { Redactor, redactingLog } from './model/redact.js';
import type { Report } from './model/report.js';
import { exitCodeOf, finishReport, newReport } from './model/report-building.js';
import { runPipeline, runRedactor } from './pipeline.js';
import { writeReportFiles } from './report/files.js';
import { actionOutputs, annotationsFor, renderers } from './report/renderers.js';

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
  let command: 'verify' | 'audit' = 'verify';
  try {
    let overrides = fromActionInputs((name) => core.getInput(name));
    if (wantsExplain(overrides)) return explainInAction(overrides);
    if (modeRequested(overrides, 'merge')) return await mergeInAction(overrides);
    if (modeRequested(overrides, 'audit')) {
      command = 'audit';
      overrides = auditOnly(overrides);
    }
    config = resolveConfig({
      frontDoor: 'action',
      command,
      overrides,
      env: process.env,
      cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
      assetsDir: toolRoot(),
      checks: CHECKS,
    });
    redactor = runRedactor(config, process.env);
    for (const secret of redactor.values()) core.setSecret(secret);
    // A cancelled workflow sends SIGINT, then SIGTERM: stop, clean up, and report `error`.
    const control = new AbortController();
    const stop = (signal: 'SIGINT' | 'SIGTERM') => () => {
      if (!control.signal.aborted) control.abort(new Interrupted(signal));
    };
    process.once('SIGINT', stop('SIGINT'));
    process.once('SIGTERM', stop('SIGTERM'));
    fence.text(`worker-gate run ${runId}`);
    for (const warning of config.engineWarnings ?? []) actionLog.warn(warning);
    report = await runPipeline(command, config, { log: actionLog, runId, signal: control.signal, redactor });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    // setFailed below shows the first problem; the rest, one annotation each, so all are seen at once.
    for (const line of err.details) fence.command(() => core.error(redactor.text(line)));
    report = redactor.deep(finishReport({ ...newReport(command), error: describeError(err) }));
  }
  if (report.e2e?.kept) core.saveState(STATE_KEPT, report.e2e.kept.container);
  publish(report, config, runId);
  if (config) {
    const log = redactingLog(actionLog, redactor);
    await postPullRequestComment({ report, options: config, env: process.env, log });
  }
  fence.close();
}

/** `merge: true`: the matrix's cell reports (`reports`) into one report, job summary and comment. */
async function mergeInAction(raw: RawValues): Promise<void> {
  const { overrides, ignored } = modeInputs(raw, 'merge');
  if (ignored.length > 0)
    core.info(`merge: true: merging the cells' reports; these inputs are ignored: ${ignored.join(', ')}`);
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  let report: Report;
  let options: MergeOptions | undefined;
  try {
    options = resolveMergeOptions(overrides, 'action');
    report = runMerge({
      reports: options.reports,
      cwd: workspace,
      reportsInput: 'reports input',
      ...(options.baselineReport ? { baselineReport: options.baselineReport } : {}),
      baselineReportInput: options.baselineReportInput,
    });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const line of err.details) fence.command(() => core.error(line));
    report = finishReport({ ...newReport('merge'), error: describeError(err) });
  }
  const inWorkspace = (file: string | undefined) => (file ? path.resolve(workspace, file) : undefined);
  publish(
    report,
    {
      report: inWorkspace(options?.report),
      junit: inWorkspace(options?.junit),
      html: inWorkspace(options?.html),
      jobSummary: options?.summary !== false,
      reportOnly: options?.reportOnly ?? false,
    },
    '',
  );
  if (options) {
    const comment = { comment: options.comment, githubToken: options.githubToken, image: MATRIX_TARGET };
    await postPullRequestComment({ report, options: comment, env: process.env, log: actionLog });
  }
  fence.close();
}

/** `explain: true`: say what the gate would do, in the log; no engine, no report, no outputs. */
function explainInAction(overrides: ReturnType<typeof fromActionInputs>): void {
  const explanation = explain({
    frontDoor: 'action',
    overrides,
    env: process.env,
    cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
    assetsDir: toolRoot(),
  });
  for (const line of renderExplanation(explanation).trimEnd().split('\n')) core.info(line);
  if (explanation.problems.length > 0) {
    for (const problem of explanation.problems) core.error(problem);
    core.setFailed(`worker-gate explain: ${explanation.problems.length} problem(s) in the inputs`);
    process.exitCode = 2;
  }
}

/** audit: true — say which inputs do not apply, and drop them. */
function auditOnly(raw: RawValues): RawValues {
  const { overrides, ignored } = modeInputs(raw, 'audit');
  const which = ignored.length > 0 ? ` (given: ${ignored.join(', ')})` : '';
  core.info(
    `audit: true: auditing the live workers; the build, contract and end-to-end inputs are ignored${which}`,
  );
  return overrides;
}

/** What publish writes: the Config's files, or merge's (which has no run: its run-id output is empty). */
interface PublishFiles {
  report?: string | undefined;
  junit?: string | undefined;
  html?: string | undefined;
  jobSummary?: boolean;
  reportOnly?: boolean;
}

function publish(report: Report, config: PublishFiles | undefined, runId: string): void {
  fence.close();
  const reportPath =
    config?.report ?? path.join(process.env.RUNNER_TEMP ?? process.cwd(), 'worker-gate-report.json');
  try {
    writeReportFiles(report, { ...config, report: reportPath, summaryFile: undefined }, renderers);
  } catch (err) {
    core.warning(`worker-gate could not write its report files: ${describeError(err).message}`);
  }
  const run = { runId, html: config?.html, junit: config?.junit };
  for (const [name, value] of Object.entries(actionOutputs(report, reportPath, run)))
    core.setOutput(name, value);
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
        fence.command(() =>
          core.warning(`worker-gate could not write the job summary: ${describeError(err).message}`),
        );
      });
  }
  const failed = `${report.failures.length} gate(s) failed: ${report.failures.map((f) => f.gate).join(', ')}`;
  if (report.verdict === 'fail' && config?.reportOnly)
    core.warning(`worker-gate: ${failed} (report-only: reported, the step passes)`);
  else if (report.verdict !== 'pass') {
    core.setFailed(`worker-gate: ${report.error ? report.error.message : failed}`);
    process.exitCode = exitCodeOf(report);
  }
}
