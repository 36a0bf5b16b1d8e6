// The CLI front door: argv → Config → the pipeline → files and exit status.
// Exit 0 every gate passed, 1 a gate failed, 2 bad input or infrastructure.
// `explain` resolves the same options and says what verify would do, no engine.
import path from 'node:path';
import { Command as CliCommand } from 'commander';
import { type CliCommandName, DESCRIPTIONS, helpAfter, skipCheckHelp } from './cli-help.js';
import { createCliLog } from './cli-log.js';
import { currentEngine, dockerConfigDir, targetEnv } from './config/docker-contexts.js';
import {
  addCommandOptions,
  type CleanOptions,
  type Config,
  fromCliOptions,
  isUsageError,
  type MergeOptions,
  type Problem,
  placeArguments,
  resolveCleanOptions,
  resolveConfig,
  resolveMergeOptions,
  unplacedArguments,
} from './config/index.js';
import { type MatrixOptions, matrixInclude, resolveMatrixOptions } from './config/matrix-file.js';
import { COMMANDS, type OptionCommand } from './config/options.js';
import { toolRoot } from './config/shipped.js';
import { connectEngine } from './docker/engine.js';
import { Interrupted } from './docker/guard.js';
import { newRunId } from './docker/labels.js';
import { explain, renderExplanation } from './explain/explain.js';
import { CHECKS } from './judge/registry.js';
import { runMerge } from './matrix/run-merge.js';
import { runMatrix } from './matrix-run.js';
import type { Command } from './model/command.js';
import { describeError, InputError } from './model/errors.js';
import { Redactor } from './model/redact.js';
import type { Report } from './model/report.js';
import { exitCodeOf, finishReport, newReport } from './model/report-building.js';
import { TOOL_VERSION } from './model/version.js';
import { runPipeline, runRedactor } from './pipeline.js';
import { processRunner } from './process/run.js';
import { type ReportFiles, writeReportFiles } from './report/files.js';
import { renderJson } from './report/json.js';
import { renderers } from './report/renderers.js';
import { topCauseLines } from './report/view/profile.js';
import { countRemoved, sweep } from './run/cleanup.js';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The width help wraps at: the terminal's, 80 when stdout is not one. */
  helpColumns?: number;
  /** Whether stderr is a terminal (live progress) and how wide. */
  errIsTTY?: boolean;
  columns?: number;
  /** Installs the SIGINT/SIGTERM handler for a run; returns its removal. Unset: no trap (tests in-process). */
  trapSignals?: (handler: (signal: StopSignal) => void) => () => void;
  /** Ends the process at once (a second signal); only with trapSignals. */
  exit?: (code: number) => never;
}

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** The shell's convention: 128 + the signal's number. */
export const SIGNAL_EXIT: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

/** How long the clean-up after a signal may take before the CLI gives up on it. */
export const CLEANUP_AFTER_SIGNAL_MS = 30_000;

function processSignals(handler: (signal: StopSignal) => void): () => void {
  const onInt = () => handler('SIGINT');
  const onTerm = () => handler('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return () => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  };
}

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  helpColumns: (process.stdout.isTTY && process.stdout.columns) || 80,
  errIsTTY: process.stderr.isTTY,
  // A pseudo-terminal may report no width: COLUMNS, as shells set it, then a common default.
  columns: process.stderr.columns || Number(process.env.COLUMNS) || 100,
  trapSignals: processSignals,
  exit: (code) => process.exit(code),
};

export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let exitCode = 0;
  const width = io.helpColumns ?? 80;
  // Commander would not wrap a description narrower than 40 columns; the long flags leave less at 80.
  const help = { helpWidth: width, minWidthToWrap: 24 };
  const program = new CliCommand('worker-gate')
    .description(
      'Prove a coding-agent worker image is slim and that agents can work in it, and measure how fast.',
    )
    .version(TOOL_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .configureHelp(help)
    .showHelpAfterError('(run with --help for the options)')
    .addHelpText('after', helpAfter(undefined, width));
  const command = (name: CliCommandName, takes: OptionCommand) => {
    const cli = program
      .command(name)
      .description(DESCRIPTIONS[name])
      .addHelpText('after', helpAfter(name, width))
      .exitOverride()
      .configureOutput({ writeOut: io.out, writeErr: io.err })
      .configureHelp(help);
    return addCommandOptions(cli, takes, { 'skip-checks': skipCheckHelp(takes) });
  };
  for (const name of COMMANDS) {
    command(name, name).action(async (opts: Record<string, unknown>, cli: CliCommand) => {
      exitCode = await runCommand(name, opts, unplacedArguments(cli), io);
    });
  }
  command('explain', 'verify').action((opts: Record<string, unknown>, cli: CliCommand) => {
    exitCode = runExplain(opts, unplacedArguments(cli), io);
  });
  const mergeCommand = program
    .command('merge')
    .argument(
      '<report...>',
      "the cells' JSON reports: files or globs (quote a glob and worker-gate expands it, ** included)",
    )
    .description(DESCRIPTIONS.merge)
    .addHelpText('after', helpAfter('merge', width))
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .configureHelp(help);
  addCommandOptions(mergeCommand, 'merge');
  // Commander hands unknown flags over among the reports: placeArguments tells them apart.
  mergeCommand.action((_reports: string[], opts: Record<string, unknown>, cli: CliCommand) => {
    const { operands, problems } = placeArguments(cli, true);
    exitCode = runMergeCommand(operands, opts, problems, io);
  });
  command('matrix', 'matrix').action(async (opts: Record<string, unknown>, cli: CliCommand) => {
    exitCode = await runMatrixCommand(opts, unplacedArguments(cli), io);
  });
  command('clean', 'clean').action(async (opts: Record<string, unknown>, cli: CliCommand) => {
    exitCode = await runClean(opts, unplacedArguments(cli), io);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (isUsageError(err)) return 2;
    if ((err as { exitCode?: number }).exitCode === 0) return 0; // --help, --version
    throw err;
  }
  return exitCode;
}

/** Exit 0 when the options are valid, 2 when any problem was found (all listed). */
function runExplain(opts: Record<string, unknown>, unplaced: Problem[], io: CliIo): number {
  const explanation = explain({
    frontDoor: 'cli',
    overrides: fromCliOptions(opts),
    unplaced,
    env: io.env,
    cwd: io.cwd,
    assetsDir: toolRoot(),
  });
  const text = renderExplanation(explanation);
  if (explanation.problems.length > 0) {
    io.err(text);
    return 2;
  }
  io.out(text);
  return 0;
}

async function runCommand(
  command: Command,
  opts: Record<string, unknown>,
  unplaced: Problem[],
  io: CliIo,
): Promise<number> {
  let config: Config;
  const { env, problems: engineProblems } = engineEnv(io.env);
  try {
    config = resolveConfig({
      frontDoor: 'cli',
      command,
      overrides: fromCliOptions(opts),
      unplaced: [...unplaced, ...engineProblems],
      env: io.env,
      cwd: io.cwd,
      assetsDir: toolRoot(),
      checks: CHECKS,
    });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    // No config yet: the URL rule alone (a template URL with a password in a bad value).
    const r = new Redactor();
    io.err(r.text(`worker-gate: error: ${err.message}\n`));
    for (const line of err.details) io.err(r.text(`  ${line}\n`));
    return 2;
  }
  const runId = newRunId();
  // The first line names the run, so a user who must stop it knows what to clean.
  io.err(`worker-gate: ${command} run ${runId}\n`);
  for (const warning of config.engineWarnings ?? []) io.err(`worker-gate: warning: ${warning}\n`);
  const log = createCliLog(
    { write: io.err, isTTY: io.errIsTTY === true, columns: io.columns ?? 100 },
    io.env,
  );
  const control = new AbortController();
  let interrupted: StopSignal | undefined;
  let giveUp: NodeJS.Timeout | undefined;
  const untrap = io.trapSignals?.((signal) => {
    const code = SIGNAL_EXIT[signal];
    if (interrupted) {
      io.err(
        `\nworker-gate: ${signal} again: stopped before the clean-up ended; remove what is left with: worker-gate clean --run ${runId}\n`,
      );
      io.exit?.(code);
      return;
    }
    interrupted = signal;
    io.err(
      `\nworker-gate: ${signal}: stopping run ${runId} and removing what it created (at most ${CLEANUP_AFTER_SIGNAL_MS / 1000} s; a second signal stops at once)\n`,
    );
    control.abort(new Interrupted(signal));
    // Ref'd: the process must live to write the report even if nothing else is pending.
    giveUp = setTimeout(() => {
      const report = newReport(command);
      report.error = {
        message: `interrupted by ${signal}: the clean-up did not end within ${CLEANUP_AFTER_SIGNAL_MS / 1000} s`,
        detail: `remove what run ${runId} left with: worker-gate clean --run ${runId}`,
      };
      writeFilesOrSay(finishReport(report), config, io);
      io.err(`worker-gate: ${report.error.message}; ${report.error.detail}\n`);
      io.exit?.(code);
    }, CLEANUP_AFTER_SIGNAL_MS);
  });
  let report: Report;
  try {
    report = await runPipeline(command, config, {
      log,
      runId,
      connect: (options) => connectEngine(env, options),
      env,
      signal: control.signal,
      redactor: runRedactor(config, env),
    });
  } finally {
    clearTimeout(giveUp);
    log.close();
  }
  // A signal that came after the last stage still makes the run an interrupted one.
  if (interrupted && !report.error) {
    report.error = { message: new Interrupted(interrupted).message };
    finishReport(report);
  }
  writeFilesOrSay(report, config, io);
  io.err(closingLines(report, config.reportOnly));
  untrap?.();
  return interrupted ? SIGNAL_EXIT[interrupted] : exitCodeOf(report, config.reportOnly);
}

/** Report files are written after the run; a path that fails then is said, not thrown. `--report -`: the JSON to stdout. */
function writeFilesOrSay(report: Report, files: ReportFiles, io: CliIo): void {
  const toStdout = files.report === '-';
  if (toStdout) io.out(renderJson(report));
  try {
    writeReportFiles(report, toStdout ? { ...files, report: undefined } : files, renderers);
  } catch (err) {
    io.err(`worker-gate: error: cannot write the report files: ${describeError(err).message}\n`);
  }
}

/** The environment a command's engine is named by: DOCKER_HOST, else the docker CLI's current context. */
function engineEnv(env: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; problems: Problem[] } {
  const current = currentEngine(env, dockerConfigDir(env));
  return { env: current.target ? targetEnv(env, current.target) : env, problems: current.problems };
}

/** `matrix --list`: the cells as one line of JSON (a step output takes one line); else run them here and merge. */
async function runMatrixCommand(
  opts: Record<string, unknown>,
  unplaced: Problem[],
  io: CliIo,
): Promise<number> {
  let options: MatrixOptions;
  try {
    options = resolveMatrixOptions(fromCliOptions(opts), io.cwd, io.env, unplaced);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const p of [err.message, ...err.details]) io.err(`worker-gate: error: ${p}\n`);
    return 2;
  }
  if (options.list) {
    io.out(`${JSON.stringify(matrixInclude(options.file))}\n`);
    return 0;
  }
  for (const warning of options.engineWarnings) io.err(`worker-gate: warning: ${warning}\n`);
  const control = new AbortController();
  let interrupted: StopSignal | undefined;
  const untrap = io.trapSignals?.((signal) => {
    if (interrupted) io.exit?.(SIGNAL_EXIT[signal]);
    interrupted = signal;
    io.err(`\nworker-gate: ${signal}: stopping every cell and removing what each created, on every engine\n`);
    control.abort(new Interrupted(signal));
  });
  const prefixed = (cell: string) => {
    const line = (text: string) => io.err(`[${cell}] ${text}\n`);
    return {
      info: line,
      warn: (m: string) => line(`warning: ${m}`),
      detail: () => {},
      group: async <T>(title: string, fn: () => Promise<T>) => {
        line(title);
        return fn();
      },
    };
  };
  const report = await runMatrix({
    file: options.file,
    engines: options.engines,
    jobs: options.jobs,
    cwd: io.cwd,
    env: io.env,
    signal: control.signal,
    log: prefixed,
    warn: (m) => io.err(`worker-gate: warning: ${m}\n`),
  });
  untrap?.();
  writeFilesOrSay(report, options.files, io);
  io.err(closingLines(report, options.reportOnly));
  return interrupted ? SIGNAL_EXIT[interrupted] : exitCodeOf(report, options.reportOnly);
}

/** Exit 2 when any cell errored (or the reports were refused), else 1 when any failed (0 with report-only), else 0. */
function runMergeCommand(
  reports: string[],
  opts: Record<string, unknown>,
  unplaced: Problem[],
  io: CliIo,
): number {
  let report: Report;
  let options: MergeOptions;
  try {
    options = resolveMergeOptions(fromCliOptions(opts), 'cli', reports, unplaced);
    report = runMerge({
      reports: options.reports,
      cwd: io.cwd,
      reportsInput: 'REPORT',
      ...(options.baselineReport ? { baselineReport: options.baselineReport } : {}),
      baselineReportInput: options.baselineReportInput,
    });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const p of [err.message, ...err.details]) io.err(`worker-gate: error: ${p}\n`);
    return 2;
  }
  const file = (name: string | boolean | undefined) =>
    typeof name === 'string' ? (name === '-' ? name : path.resolve(io.cwd, name)) : undefined;
  writeFilesOrSay(
    report,
    {
      report: file(options.report),
      summaryFile: file(options.summary),
      junit: file(options.junit),
      html: file(options.html),
    },
    io,
  );
  io.err(closingLines(report, options.reportOnly));
  return exitCodeOf(report, options.reportOnly);
}

async function runClean(opts: Record<string, unknown>, unplaced: Problem[], io: CliIo): Promise<number> {
  let options: CleanOptions;
  const { env, problems: engineProblems } = engineEnv(io.env);
  try {
    options = resolveCleanOptions(fromCliOptions(opts), [...unplaced, ...engineProblems]);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const p of [err.message, ...err.details]) io.err(`worker-gate: error: ${p}\n`);
    return 2;
  }
  const { scope, engineTimeoutSeconds } = options;
  try {
    const engine = await connectEngine(env, { timeoutSeconds: engineTimeoutSeconds });
    const runProcess = processRunner({ timeoutSeconds: engineTimeoutSeconds, redactor: new Redactor() });
    const swept = await sweep(engine, scope, { runProcess });
    for (const r of swept.removed) io.out(`removed ${r.kind} ${r.name} (run ${r.run})\n`);
    for (const s of swept.skipped) io.out(`left run ${s.run} alone: ${s.why}\n`);
    for (const e of swept.errors) io.err(`worker-gate: error: could not remove ${e}\n`);
    io.err(`worker-gate: clean: removed ${countRemoved(swept.removed)}\n`);
    return swept.errors.length > 0 ? 2 : 0;
  } catch (err) {
    const { message, detail } = describeError(err);
    io.err(`worker-gate: error: ${message}\n${detail ? `  ${detail}\n` : ''}`);
    return 2;
  }
}

export function closingLines(report: Report, reportOnly = false): string {
  const lines: string[] = [];
  if (report.error) {
    lines.push(`worker-gate: error: ${report.error.message}`);
    if (report.error.detail) lines.push(...report.error.detail.split('\n').map((l) => `  ${l}`));
  }
  for (const failure of report.failures) {
    const [first, ...rest] = failure.message.split('\n');
    lines.push(`worker-gate: FAIL ${failure.gate}: ${first}`);
    lines.push(...rest.map((l) => `  ${l}`));
  }
  lines.push(...topCauseLines(report.e2e).map((l) => `worker-gate: ${l}`));
  const kept = report.e2e?.kept;
  if (kept) {
    lines.push(`worker-gate: kept the failed worker ${kept.container}: ${kept.execCommand}`);
    lines.push(`worker-gate: remove it and its volumes: ${kept.cleanCommand}`);
  }
  lines.push(`worker-gate: verdict ${report.verdict} (${report.durationSeconds.toFixed(1)} s)`);
  if (reportOnly && report.verdict === 'fail')
    lines.push('worker-gate: report-only: the failed gates are reported, and the exit status is 0');
  return `${lines.join('\n')}\n`;
}
