#!/usr/bin/env node
import { createRequire as __wgCreateRequire } from 'node:module';
import { fileURLToPath as __wgFileURLToPath } from 'node:url';
import { dirname as __wgDirname } from 'node:path';
const require = __wgCreateRequire(import.meta.url);
const __filename = __wgFileURLToPath(import.meta.url);
const __dirname = __wgDirname(__filename);
import {
  Command,
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
} from "./chunks/chunk-ST22SR3H.js";
import {
  InputError,
  connectEngine,
  newRunId
} from "./chunks/chunk-SRUBC7YG.js";

// src/cli-log.ts
var ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, "g");
var stripAnsi = (text) => text.replace(ANSI, "");
var SPINNER = ["\u280B", "\u2819", "\u2839", "\u2838", "\u283C", "\u2834", "\u2826", "\u2827", "\u2807", "\u280F"];
function isLiveTerminal(term, env) {
  return term.isTTY === true && !env.CI && env.TERM !== "dumb";
}
function formatElapsed(seconds) {
  const s = Math.floor(seconds);
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}
function createCliLog(term, env, now = Date.now) {
  return isLiveTerminal(term, env) ? liveLog(term, now) : plainLog(term, now);
}
function plainLog(term, now) {
  return {
    info: (m) => term.write(`worker-gate: ${m}
`),
    warn: (m) => term.write(`worker-gate: warning: ${m}
`),
    group: async (title, fn) => {
      const started = now();
      term.write(`worker-gate: \u25B6 ${title}
`);
      try {
        const result = await fn();
        term.write(`worker-gate: \u2713 ${title} (${((now() - started) / 1e3).toFixed(1)} s)
`);
        return result;
      } catch (err) {
        term.write(`worker-gate: \u2717 ${title} (${((now() - started) / 1e3).toFixed(1)} s)
`);
        throw err;
      }
    },
    detail: (line) => term.write(`  ${line}
`),
    close: () => {
    }
  };
}
function liveLog(term, now) {
  const started = now();
  const groups = [];
  let lastLine = "";
  let frame = 0;
  let drawn = false;
  const width = () => Math.max(40, (term.columns ?? 100) - 1);
  const clear = () => {
    if (drawn) term.write("\r\x1B[2K");
    drawn = false;
  };
  const draw = () => {
    const current = groups[groups.length - 1];
    const since = current ? current.started : started;
    const head = `${SPINNER[frame++ % SPINNER.length]} ${formatElapsed((now() - started) / 1e3)} ${current?.title ?? "worker-gate"} (${formatElapsed((now() - since) / 1e3)})`;
    const tail = lastLine ? ` \u2502 ${lastLine}` : "";
    term.write(`\r\x1B[2K${(head + tail).slice(0, width())}`);
    drawn = true;
  };
  const above = (text) => {
    clear();
    term.write(text);
    draw();
  };
  const timer = setInterval(draw, 250);
  timer.unref();
  return {
    info: (m) => above(`worker-gate: ${m}
`),
    warn: (m) => above(`worker-gate: warning: ${m}
`),
    group: async (title, fn) => {
      const group = { title, started: now() };
      groups.push(group);
      lastLine = "";
      draw();
      try {
        const result = await fn();
        above(`\u2713 ${title} (${((now() - group.started) / 1e3).toFixed(1)} s)
`);
        return result;
      } catch (err) {
        above(`\u2717 ${title} (${((now() - group.started) / 1e3).toFixed(1)} s)
`);
        throw err;
      } finally {
        groups.splice(groups.indexOf(group), 1);
        lastLine = "";
      }
    },
    detail: (line) => {
      const text = stripAnsi(line).trim();
      if (text) lastLine = text;
    },
    close: () => {
      clearInterval(timer);
      clear();
    }
  };
}

// src/cli.ts
var defaultIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  errIsTTY: process.stderr.isTTY,
  // A pseudo-terminal may report no width: COLUMNS, as shells set it, then a common default.
  columns: process.stderr.columns || Number(process.env.COLUMNS) || 100
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
async function runCli(argv, io = defaultIo) {
  let exitCode = 0;
  const program = new Command("worker-gate").description(
    "Prove a coding-agent worker image is slim and that agents can work in it, and measure how fast."
  ).version(TOOL_VERSION, "-V, --version").exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err }).showHelpAfterError("(run with --help for the options)");
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
  const log = createCliLog(
    { write: io.err, isTTY: io.errIsTTY === true, columns: io.columns ?? 100 },
    io.env
  );
  let report;
  try {
    report = await runPipeline(stage, config, {
      log,
      runId: newRunId(),
      connect: () => connectEngine(io.env),
      env: io.env
    });
  } finally {
    log.close();
  }
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
    process.stderr.write(
      `worker-gate: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}
`
    );
    process.exitCode = 2;
  }
);
