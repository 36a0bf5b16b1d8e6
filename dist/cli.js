#!/usr/bin/env node
import { createRequire as __wgCreateRequire } from 'node:module';
import { fileURLToPath as __wgFileURLToPath } from 'node:url';
import { dirname as __wgDirname } from 'node:path';
const require = __wgCreateRequire(import.meta.url);
const __filename = __wgFileURLToPath(import.meta.url);
const __dirname = __wgDirname(__filename);
import {
  Command,
  InputError,
  TOOL_VERSION,
  addStageOptions,
  exitCodeOf,
  fromCliOptions,
  isUsageError,
  renderers,
  resolveConfig,
  runPipeline,
  toolRoot,
  writeReportFiles
} from "./chunks/chunk-KCUXNW3C.js";
import {
  newRunId
} from "./chunks/chunk-GYTWWZ4V.js";

// src/cli.ts
var defaultIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd()
};
var COMMANDS = {
  build: "build the worker image (default: the shipped images/worker-base-common/Dockerfile)",
  check: "check an image against the contract: uv present, removed tools absent, non-root, writable cache, size",
  e2e: "run the agent workflow end to end in worker containers: scaffold, setup, lint, test, push; then a second worker",
  verify: "build (or --image) \u2192 check \u2192 e2e \u2192 report: the whole gate"
};
var EXAMPLES = {
  build: "  $ worker-gate build --build-arg PYTHON_IMAGE=python:3.12-slim --tag my/worker:dev",
  check: "  $ worker-gate check --image my/worker:dev --max-image-size 400MB --report report.json",
  e2e: "  $ worker-gate e2e --image my/worker:dev --template ./my-template --data python_version=3.12",
  verify: "  $ worker-gate verify --cache-layout both --summary summary.md --html report.html"
};
function cliLog(io) {
  return {
    info: (m) => io.err(`worker-gate: ${m}
`),
    warn: (m) => io.err(`worker-gate: warning: ${m}
`),
    group: async (title, fn) => {
      io.err(`worker-gate: ${title}
`);
      return fn();
    },
    detail: (line) => io.err(`  ${line}
`)
  };
}
async function runCli(argv, io = defaultIo) {
  let exitCode = 0;
  const program = new Command("worker-gate").description("Prove a coding-agent worker image is slim and that agents can work in it, and measure how fast.").version(TOOL_VERSION, "-V, --version").exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err }).showHelpAfterError("(run with --help for the options)");
  for (const stage of Object.keys(COMMANDS)) {
    const command = program.command(stage).description(COMMANDS[stage]).addHelpText("after", `
Example:
${EXAMPLES[stage]}
`).exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
    addStageOptions(command, stage);
    command.action(async (opts) => {
      exitCode = await runStage(stage, opts, io);
    });
  }
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (err) {
    if (isUsageError(err)) return 2;
    if (err.exitCode === 0) return 0;
    throw err;
  }
  return exitCode;
}
async function runStage(stage, opts, io) {
  let config;
  try {
    config = resolveConfig({
      frontDoor: "cli",
      command: stage,
      overrides: fromCliOptions(opts),
      env: io.env,
      cwd: io.cwd,
      assetsDir: toolRoot()
    });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    io.err(`worker-gate: error: ${err.message}
`);
    for (const line of err.details) io.err(`  ${line}
`);
    return 2;
  }
  const report = await runPipeline(stage, config, { log: cliLog(io), runId: newRunId() });
  writeReportFiles(report, config, renderers);
  io.err(closingLines(report));
  return exitCodeOf(report);
}
function closingLines(report) {
  const lines = [];
  if (report.error) {
    lines.push(`worker-gate: error: ${report.error.message}`);
    if (report.error.detail) lines.push(...report.error.detail.split("\n").map((l) => `  ${l}`));
  }
  for (const failure of report.failures) {
    const [first, ...rest] = failure.message.split("\n");
    lines.push(`worker-gate: FAIL ${failure.gate}: ${first}`);
    lines.push(...rest.map((l) => `  ${l}`));
  }
  lines.push(`worker-gate: verdict ${report.verdict} (${report.durationSeconds.toFixed(1)} s)`);
  return `${lines.join("\n")}
`;
}

// src/bin.ts
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`worker-gate: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}
`);
    process.exitCode = 2;
  }
);
