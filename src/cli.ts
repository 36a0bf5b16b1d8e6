// The CLI front door: argv → Config → the pipeline → files and exit status.
// Exit 0 every gate passed, 1 a gate failed, 2 bad input or infrastructure.
import { Command } from 'commander';
import { createCliLog } from './cli-log.js';
import {
  addStageOptions,
  type Config,
  fromCliOptions,
  InputError,
  isUsageError,
  resolveConfig,
  type Stage,
} from './config/index.js';
import { connectEngine } from './docker/engine.js';
import { newRunId } from './docker/labels.js';
import { toolRoot } from './paths.js';
import { runPipeline, runRedactor } from './pipeline.js';
import { writeReportFiles } from './report/files.js';
import { Redactor } from './report/redact.js';
import { renderers } from './report/renderers.js';
import { exitCodeOf } from './report/report.js';
import type { Report } from './report/types.js';
import { TOOL_VERSION } from './version.js';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether stderr is a terminal (live progress) and how wide. */
  errIsTTY?: boolean;
  columns?: number;
}

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  errIsTTY: process.stderr.isTTY,
  // A pseudo-terminal may report no width: COLUMNS, as shells set it, then a common default.
  columns: process.stderr.columns || Number(process.env.COLUMNS) || 100,
};

const COMMANDS: Record<Stage, string> = {
  build: 'build the worker image (default: the shipped images/worker-base-common/Dockerfile)',
  check:
    'check an image against the contract: uv present, removed tools absent, non-root, writable cache, size',
  e2e: 'run the agent workflow end to end in worker containers: scaffold, setup, lint, test, push; then a second worker',
  verify: 'build (or --image) → check → e2e → report: the whole gate',
};

const EXAMPLES: Record<Stage, string> = {
  build: '  $ worker-gate build --build-arg PYTHON_IMAGE=python:3.12-slim --tag my/worker:dev',
  check: '  $ worker-gate check --image my/worker:dev --max-image-size 400MB --report report.json',
  e2e: '  $ worker-gate e2e --image my/worker:dev --template ./my-template --data python_version=3.12',
  verify: '  $ worker-gate verify --cache-layout both --summary summary.md --html report.html',
};

export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let exitCode = 0;
  const program = new Command('worker-gate')
    .description(
      'Prove a coding-agent worker image is slim and that agents can work in it, and measure how fast.',
    )
    .version(TOOL_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for the options)');
  for (const stage of Object.keys(COMMANDS) as Stage[]) {
    const command = program
      .command(stage)
      .description(COMMANDS[stage])
      .addHelpText('after', `\nExample:\n${EXAMPLES[stage]}\n`)
      .exitOverride()
      .configureOutput({ writeOut: io.out, writeErr: io.err });
    addStageOptions(command, stage);
    command.action(async (opts: Record<string, unknown>) => {
      exitCode = await runStage(stage, opts, io);
    });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (isUsageError(err)) return 2;
    if ((err as { exitCode?: number }).exitCode === 0) return 0; // --help, --version
    throw err;
  }
  return exitCode;
}

async function runStage(stage: Stage, opts: Record<string, unknown>, io: CliIo): Promise<number> {
  let config: Config;
  try {
    config = resolveConfig({
      frontDoor: 'cli',
      command: stage,
      overrides: fromCliOptions(opts),
      env: io.env,
      cwd: io.cwd,
      assetsDir: toolRoot(),
    });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    // No config yet: the URL rule alone (a template URL with a password in a bad value).
    const r = new Redactor();
    io.err(r.text(`worker-gate: error: ${err.message}\n`));
    for (const line of err.details) io.err(r.text(`  ${line}\n`));
    return 2;
  }
  const log = createCliLog(
    { write: io.err, isTTY: io.errIsTTY === true, columns: io.columns ?? 100 },
    io.env,
  );
  let report: Report;
  try {
    report = await runPipeline(stage, config, {
      log,
      runId: newRunId(),
      connect: () => connectEngine(io.env),
      env: io.env,
      redactor: runRedactor(config, io.env),
    });
  } finally {
    log.close();
  }
  writeReportFiles(report, config, renderers);
  io.err(closingLines(report));
  return exitCodeOf(report);
}

export function closingLines(report: Report): string {
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
  lines.push(`worker-gate: verdict ${report.verdict} (${report.durationSeconds.toFixed(1)} s)`);
  return `${lines.join('\n')}\n`;
}
