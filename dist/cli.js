#!/usr/bin/env node
import { createRequire as __wgCreateRequire } from 'node:module';
import { fileURLToPath as __wgFileURLToPath } from 'node:url';
import { dirname as __wgDirname } from 'node:path';
const require = __wgCreateRequire(import.meta.url);
const __filename = __wgFileURLToPath(import.meta.url);
const __dirname = __wgDirname(__filename);
import {
  CHECKS,
  COMMAND_STAGES,
  Command,
  TOOL_VERSION,
  addCommandOptions,
  currentEngine,
  dockerConfigDir,
  exitCodeOf,
  explain,
  finishReport,
  fromCliOptions,
  isUsageError,
  matrixInclude,
  mergeReports,
  newReport,
  placeArguments,
  renderExplanation,
  renderJson,
  renderers,
  resolveCleanOptions,
  resolveConfig,
  resolveMatrixOptions,
  resolveMergeOptions,
  runMerge,
  runPipeline,
  runRedactor,
  stripAnsi,
  targetEnv,
  toolRoot,
  topCauseLines,
  unplacedArguments,
  writeReportFiles
} from "./chunks/chunk-SOLCLYDG.js";
import {
  COMMANDS,
  InputError,
  Interrupted,
  Redactor,
  connectEngine,
  countRemoved,
  describeError,
  engineEndpoint,
  newRunId,
  processRunner,
  sweep
} from "./chunks/chunk-ZUH5G2KF.js";

// src/cli.ts
import path from "node:path";

// src/cli-help.ts
var DESCRIPTIONS = {
  build: "build the worker image (default: the shipped images/worker-base-common/Dockerfile)",
  check: "check an image against the contract: uv present, removed tools absent, non-root, writable cache, size",
  e2e: "run the agent workflow end to end in worker containers: scaffold, setup, lint, test, push; then a second worker",
  verify: "build (or --image) \u2192 check \u2192 e2e \u2192 report: the whole gate",
  audit: "hold the live workers on the engine against the worker spec (user, capabilities, limits, uv cache volume); inspects only. Several engines (--engine, repeated; --all-contexts): one audit per host, a fleet table, and the rules across hosts (image-drift, cache-volume-hosts)",
  explain: "say what verify would do with these options (each value and where it came from, the stages, the gates) and list every problem; never contacts the engine, writes no report",
  merge: "merge the reports of a matrix's cells (images \xD7 templates) into one report: a grid, each cell's verdict and figures, and one verdict (error, else fail, else pass)",
  matrix: "run the matrix file's cells (images \xD7 templates, refs, data sets) here, each a verify on one engine (--engine, repeated; --jobs at once), and merge them; --list prints the cells as JSON for a workflow's strategy.matrix instead",
  clean: "remove what runs left on the engine: containers, volumes, networks, run-only images, baseline worktrees"
};
var EXAMPLES = {
  build: "$ worker-gate build --build-arg PYTHON_IMAGE=python:3.12-slim --tag my/worker:dev",
  check: "$ worker-gate check --image my/worker:dev --max-image-size 400MB --report report.json",
  e2e: "$ worker-gate e2e --image my/worker:dev --template ./my-template --data python_version=3.12",
  verify: "$ worker-gate verify --cache-layout both --summary summary.md --html report.html",
  audit: "$ DOCKER_HOST=ssh://ops@workers-1 worker-gate audit --filter label=role=worker --expect-image worker:1.4.2",
  explain: "$ worker-gate explain --config ci/.worker-gate.yml --skip-e2e",
  merge: "$ worker-gate merge 'cells/**/report.json' --summary summary.md --html matrix.html --report merged.json",
  matrix: "$ worker-gate matrix --engine unix:///var/run/docker.sock --engine ssh://ops@host-2 --jobs 2 --html matrix.html",
  clean: "$ worker-gate clean --run wg-m1abc2-3f9e01"
};
var BAD_INPUT = "bad input or an infrastructure error (no engine, unreadable config, an engine that stopped answering)";
var INTERRUPTED = "interrupted by SIGINT (Ctrl-C); 143 by SIGTERM: cleaned up, report written with verdict error";
var EXIT_STATUSES = {
  build: [
    ["0", "the image was built"],
    ["1", "the build failed (a failing RUN, a base image missing)"],
    ["2", BAD_INPUT],
    ["130", INTERRUPTED]
  ],
  check: [
    ["0", "every contract check passed"],
    ["1", "the image failed a contract check or a size gate"],
    ["2", BAD_INPUT],
    ["130", INTERRUPTED]
  ],
  e2e: [
    ["0", "every phase and timing gate passed"],
    ["1", "the image failed an end-to-end phase or a timing gate"],
    ["2", BAD_INPUT],
    ["130", INTERRUPTED]
  ],
  verify: [
    ["0", "every gate passed"],
    [
      "1",
      "the image failed a gate (a failing RUN, a contract check, an end-to-end phase, a timing or size gate)"
    ],
    ["2", BAD_INPUT],
    ["130", INTERRUPTED]
  ],
  audit: [
    ["0", "every worker passed its checks"],
    ["1", "a worker failed a check (over several engines: on any host, or a rule across hosts failed)"],
    ["2", `${BAD_INPUT}; over several engines, a host that could not be audited`],
    ["130", INTERRUPTED]
  ],
  explain: [
    ["0", "the options are valid"],
    ["2", "a problem was found (each listed); the engine is never contacted"]
  ],
  merge: [
    ["0", "every cell passed"],
    ["1", "a cell failed a gate (and none errored)"],
    [
      "2",
      "a cell errored, or bad input (a report of another tool or schema version, a glob that matched nothing), each named"
    ]
  ],
  matrix: [
    ["0", "every cell passed (or --list printed the cells)"],
    ["1", "a cell failed a gate (and none errored)"],
    [
      "2",
      "a cell errored (an engine that did not answer included), or bad input: the matrix file is missing or invalid (each problem named)"
    ],
    ["130", INTERRUPTED]
  ],
  clean: [
    ["0", "everything the runs left was removed (or nothing was left)"],
    ["2", "bad input, no engine, or something could not be removed (each named)"]
  ]
};
var PROGRAM_EXIT_STATUSES = [
  ["0", "every gate passed"],
  ["1", "the image failed a gate"],
  ["2", BAD_INPUT],
  ["130", INTERRUPTED]
];
var ENGINE_VARIABLES = [
  ["DOCKER_HOST", "unix:///var/run/docker.sock (default), tcp://HOST:2376 or ssh://USER@HOST"],
  [
    "DOCKER_CONTEXT",
    "without DOCKER_HOST: the Docker context to use (default: config.json's currentContext)"
  ],
  ["DOCKER_TLS_VERIFY", "1: verify the engine's TLS certificate (with tcp://)"],
  ["DOCKER_CERT_PATH", "the folder holding ca.pem, cert.pem and key.pem (default ~/.docker)"]
];
var USES_ENGINE = ["build", "check", "e2e", "verify", "audit", "clean"];
function wrap(text, width, indent = "") {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}
function example(command, width) {
  const lines = [];
  for (const unit of command.split(/ (?=--)/)) {
    const last = lines.at(-1);
    if (last !== void 0 && last.length + 1 + unit.length + 2 <= width)
      lines[lines.length - 1] = `${last} ${unit}`;
    else lines.push(last === void 0 ? `  ${unit}` : `    ${unit}`);
  }
  return lines.map((line, i) => i < lines.length - 1 ? `${line} \\` : line);
}
function table(rows, width) {
  const column = Math.max(...rows.map(([term]) => term.length)) + 4;
  return rows.flatMap(([term, text]) => {
    const [first = "", ...rest] = wrap(text, width, " ".repeat(column));
    return [`  ${term.padEnd(column - 2)}${first.slice(column)}`, ...rest];
  });
}
function helpAfter(command, width) {
  const lines = [""];
  if (command) lines.push("Example:", ...example(EXAMPLES[command], width), "");
  lines.push("Exit status:", ...table(command ? EXIT_STATUSES[command] : PROGRAM_EXIT_STATUSES, width));
  if (!command || USES_ENGINE.includes(command))
    lines.push(
      "",
      "Engine variables:",
      ...wrap("The Docker engine the environment names, as for the docker CLI:", width, "  "),
      ...table(ENGINE_VARIABLES, width)
    );
  return `${lines.join("\n")}
`;
}
function skipCheckHelp(command) {
  const stages = command === "clean" || command === "merge" || command === "matrix" ? [] : COMMAND_STAGES[command];
  const ids = CHECKS.ids.filter((check) => check.off === "skip" && stages.includes(check.stage)).map((check) => check.id).slice(0, 3);
  const last = ids.pop();
  if (last === void 0) return void 0;
  return `Turn off a check by its id, like ${ids.length > 0 ? `${ids.join(", ")} or ` : ""}${last}; the report names each check by its id.`;
}

// src/cli-log.ts
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
function closing(title, started, ended, failure) {
  const seconds = `${((ended - started) / 1e3).toFixed(1)} s`;
  return failure ? `\u2717 ${title} (${seconds}, ${failure})` : `\u2713 ${title} (${seconds})`;
}
function plainLog(term, now) {
  return {
    info: (m) => term.write(`worker-gate: ${m}
`),
    warn: (m) => term.write(`worker-gate: warning: ${m}
`),
    group: async (title, fn, failed) => {
      const started = now();
      term.write(`worker-gate: \u25B6 ${title}
`);
      try {
        const result = await fn();
        term.write(`worker-gate: ${closing(title, started, now(), failed?.(result))}
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
    group: async (title, fn, failed) => {
      const group = { title, started: now() };
      groups.push(group);
      lastLine = "";
      draw();
      try {
        const result = await fn();
        above(`${closing(title, group.started, now(), failed?.(result))}
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

// src/matrix-run.ts
function sharingWarning(jobs, engines, cells) {
  const atOnce = Math.min(jobs, cells);
  if (atOnce <= Math.max(engines, 1)) return void 0;
  return `--jobs ${jobs} runs ${atOnce} cells at once on ${Math.max(engines, 1)} engine${engines > 1 ? "s" : ""}: cells that share an engine distort each other's timings (give one engine per job for figures worth comparing)`;
}
async function runCell(input, index) {
  const plan = input.file.cells[index];
  if (!plan) throw new Error(`internal: no cell ${index}`);
  const target = input.engines.length > 0 ? input.engines[index % input.engines.length] : void 0;
  const env = target ? targetEnv(input.env, target) : input.env;
  const context = target?.context ? { context: target.context } : {};
  const { values: _values, ...coordinates } = plan;
  let config;
  try {
    config = resolveConfig({
      frontDoor: "cli",
      command: "verify",
      overrides: { cell: plan.id, "matrix-file": input.file.path },
      env,
      cwd: input.cwd,
      assetsDir: toolRoot(),
      checks: CHECKS
    });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const report2 = { ...newReport("verify"), cell: coordinates, error: describeError(err) };
    return { report: finishReport(report2) };
  }
  const report = await runPipeline("verify", config, {
    log: input.log(plan.id),
    runId: newRunId(),
    env,
    signal: input.signal,
    redactor: runRedactor(config, env),
    ...input.connect ? {
      connect: (options) => input.connect(env, options)
    } : {}
  });
  report.engine = { ...report.engine ?? { endpoint: engineEndpoint(env) }, ...context };
  return { report };
}
async function runMatrix(input) {
  const startedAt = /* @__PURE__ */ new Date();
  const count = input.file.cells.length;
  const warning = sharingWarning(input.jobs, input.engines.length, count);
  if (warning) input.warn(warning);
  const results = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await runCell(input, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.jobs, count) }, worker));
  return mergeReports(results, { command: "matrix", startedAt });
}

// src/cli.ts
var SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 };
var CLEANUP_AFTER_SIGNAL_MS = 3e4;
function processSignals(handler) {
  const onInt = () => handler("SIGINT");
  const onTerm = () => handler("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  return () => {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  };
}
var defaultIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  helpColumns: process.stdout.isTTY && process.stdout.columns || 80,
  errIsTTY: process.stderr.isTTY,
  // A pseudo-terminal may report no width: COLUMNS, as shells set it, then a common default.
  columns: process.stderr.columns || Number(process.env.COLUMNS) || 100,
  trapSignals: processSignals,
  exit: (code) => process.exit(code)
};
async function runCli(argv, io = defaultIo) {
  let exitCode = 0;
  const width = io.helpColumns ?? 80;
  const help = { helpWidth: width, minWidthToWrap: 24 };
  const program = new Command("worker-gate").description(
    "Prove a coding-agent worker image is slim and that agents can work in it, and measure how fast."
  ).version(TOOL_VERSION, "-V, --version").exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err }).configureHelp(help).showHelpAfterError("(run with --help for the options)").addHelpText("after", helpAfter(void 0, width));
  const command = (name, takes) => {
    const cli = program.command(name).description(DESCRIPTIONS[name]).addHelpText("after", helpAfter(name, width)).exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err }).configureHelp(help);
    return addCommandOptions(cli, takes, { "skip-checks": skipCheckHelp(takes) });
  };
  for (const name of COMMANDS) {
    command(name, name).action(async (opts, cli) => {
      exitCode = await runCommand(name, opts, unplacedArguments(cli), io);
    });
  }
  command("explain", "verify").action((opts, cli) => {
    exitCode = runExplain(opts, unplacedArguments(cli), io);
  });
  const mergeCommand = program.command("merge").argument(
    "<report...>",
    "the cells' JSON reports: files or globs (quote a glob and worker-gate expands it, ** included)"
  ).description(DESCRIPTIONS.merge).addHelpText("after", helpAfter("merge", width)).exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err }).configureHelp(help);
  addCommandOptions(mergeCommand, "merge");
  mergeCommand.action((_reports, opts, cli) => {
    const { operands, problems } = placeArguments(cli, true);
    exitCode = runMergeCommand(operands, opts, problems, io);
  });
  command("matrix", "matrix").action(async (opts, cli) => {
    exitCode = await runMatrixCommand(opts, unplacedArguments(cli), io);
  });
  command("clean", "clean").action(async (opts, cli) => {
    exitCode = await runClean(opts, unplacedArguments(cli), io);
  });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (err) {
    if (isUsageError(err)) return 2;
    if (err.exitCode === 0) return 0;
    throw err;
  }
  return exitCode;
}
function runExplain(opts, unplaced, io) {
  const explanation = explain({
    frontDoor: "cli",
    overrides: fromCliOptions(opts),
    unplaced,
    env: io.env,
    cwd: io.cwd,
    assetsDir: toolRoot()
  });
  const text = renderExplanation(explanation);
  if (explanation.problems.length > 0) {
    io.err(text);
    return 2;
  }
  io.out(text);
  return 0;
}
async function runCommand(command, opts, unplaced, io) {
  let config;
  const { env, problems: engineProblems } = engineEnv(io.env);
  try {
    config = resolveConfig({
      frontDoor: "cli",
      command,
      overrides: fromCliOptions(opts),
      unplaced: [...unplaced, ...engineProblems],
      env: io.env,
      cwd: io.cwd,
      assetsDir: toolRoot(),
      checks: CHECKS
    });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const r = new Redactor();
    io.err(r.text(`worker-gate: error: ${err.message}
`));
    for (const line of err.details) io.err(r.text(`  ${line}
`));
    return 2;
  }
  const runId = newRunId();
  io.err(`worker-gate: ${command} run ${runId}
`);
  for (const warning of config.engineWarnings ?? []) io.err(`worker-gate: warning: ${warning}
`);
  const log = createCliLog(
    { write: io.err, isTTY: io.errIsTTY === true, columns: io.columns ?? 100 },
    io.env
  );
  const control = new AbortController();
  let interrupted;
  let giveUp;
  const untrap = io.trapSignals?.((signal) => {
    const code = SIGNAL_EXIT[signal];
    if (interrupted) {
      io.err(
        `
worker-gate: ${signal} again: stopped before the clean-up ended; remove what is left with: worker-gate clean --run ${runId}
`
      );
      io.exit?.(code);
      return;
    }
    interrupted = signal;
    io.err(
      `
worker-gate: ${signal}: stopping run ${runId} and removing what it created (at most ${CLEANUP_AFTER_SIGNAL_MS / 1e3} s; a second signal stops at once)
`
    );
    control.abort(new Interrupted(signal));
    giveUp = setTimeout(() => {
      const report2 = newReport(command);
      report2.error = {
        message: `interrupted by ${signal}: the clean-up did not end within ${CLEANUP_AFTER_SIGNAL_MS / 1e3} s`,
        detail: `remove what run ${runId} left with: worker-gate clean --run ${runId}`
      };
      writeFilesOrSay(finishReport(report2), config, io);
      io.err(`worker-gate: ${report2.error.message}; ${report2.error.detail}
`);
      io.exit?.(code);
    }, CLEANUP_AFTER_SIGNAL_MS);
  });
  let report;
  try {
    report = await runPipeline(command, config, {
      log,
      runId,
      connect: (options) => connectEngine(env, options),
      env,
      signal: control.signal,
      redactor: runRedactor(config, env)
    });
  } finally {
    clearTimeout(giveUp);
    log.close();
  }
  if (interrupted && !report.error) {
    report.error = { message: new Interrupted(interrupted).message };
    finishReport(report);
  }
  writeFilesOrSay(report, config, io);
  io.err(closingLines(report, config.reportOnly));
  untrap?.();
  return interrupted ? SIGNAL_EXIT[interrupted] : exitCodeOf(report, config.reportOnly);
}
function writeFilesOrSay(report, files, io) {
  const toStdout = files.report === "-";
  if (toStdout) io.out(renderJson(report));
  try {
    writeReportFiles(report, toStdout ? { ...files, report: void 0 } : files, renderers);
  } catch (err) {
    io.err(`worker-gate: error: cannot write the report files: ${describeError(err).message}
`);
  }
}
function engineEnv(env) {
  const current = currentEngine(env, dockerConfigDir(env));
  return { env: current.target ? targetEnv(env, current.target) : env, problems: current.problems };
}
async function runMatrixCommand(opts, unplaced, io) {
  let options;
  try {
    options = resolveMatrixOptions(fromCliOptions(opts), io.cwd, io.env, unplaced);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const p of [err.message, ...err.details]) io.err(`worker-gate: error: ${p}
`);
    return 2;
  }
  if (options.list) {
    io.out(`${JSON.stringify(matrixInclude(options.file))}
`);
    return 0;
  }
  for (const warning of options.engineWarnings) io.err(`worker-gate: warning: ${warning}
`);
  const control = new AbortController();
  let interrupted;
  const untrap = io.trapSignals?.((signal) => {
    if (interrupted) io.exit?.(SIGNAL_EXIT[signal]);
    interrupted = signal;
    io.err(`
worker-gate: ${signal}: stopping every cell and removing what each created, on every engine
`);
    control.abort(new Interrupted(signal));
  });
  const prefixed = (cell) => {
    const line = (text) => io.err(`[${cell}] ${text}
`);
    return {
      info: line,
      warn: (m) => line(`warning: ${m}`),
      detail: () => {
      },
      group: async (title, fn) => {
        line(title);
        return fn();
      }
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
    warn: (m) => io.err(`worker-gate: warning: ${m}
`)
  });
  untrap?.();
  writeFilesOrSay(report, options.files, io);
  io.err(closingLines(report, options.reportOnly));
  return interrupted ? SIGNAL_EXIT[interrupted] : exitCodeOf(report, options.reportOnly);
}
function runMergeCommand(reports, opts, unplaced, io) {
  let report;
  let options;
  try {
    options = resolveMergeOptions(fromCliOptions(opts), "cli", reports, unplaced);
    report = runMerge({
      reports: options.reports,
      cwd: io.cwd,
      reportsInput: "REPORT",
      ...options.baselineReport ? { baselineReport: options.baselineReport } : {},
      baselineReportInput: options.baselineReportInput
    });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const p of [err.message, ...err.details]) io.err(`worker-gate: error: ${p}
`);
    return 2;
  }
  const file = (name) => typeof name === "string" ? name === "-" ? name : path.resolve(io.cwd, name) : void 0;
  writeFilesOrSay(
    report,
    {
      report: file(options.report),
      summaryFile: file(options.summary),
      junit: file(options.junit),
      html: file(options.html)
    },
    io
  );
  io.err(closingLines(report, options.reportOnly));
  return exitCodeOf(report, options.reportOnly);
}
async function runClean(opts, unplaced, io) {
  let options;
  const { env, problems: engineProblems } = engineEnv(io.env);
  try {
    options = resolveCleanOptions(fromCliOptions(opts), [...unplaced, ...engineProblems]);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const p of [err.message, ...err.details]) io.err(`worker-gate: error: ${p}
`);
    return 2;
  }
  const { scope, engineTimeoutSeconds } = options;
  try {
    const engine = await connectEngine(env, { timeoutSeconds: engineTimeoutSeconds });
    const runProcess = processRunner({ timeoutSeconds: engineTimeoutSeconds, redactor: new Redactor() });
    const swept = await sweep(engine, scope, { runProcess });
    for (const r of swept.removed) io.out(`removed ${r.kind} ${r.name} (run ${r.run})
`);
    for (const s of swept.skipped) io.out(`left run ${s.run} alone: ${s.why}
`);
    for (const e of swept.errors) io.err(`worker-gate: error: could not remove ${e}
`);
    io.err(`worker-gate: clean: removed ${countRemoved(swept.removed)}
`);
    return swept.errors.length > 0 ? 2 : 0;
  } catch (err) {
    const { message, detail } = describeError(err);
    io.err(`worker-gate: error: ${message}
${detail ? `  ${detail}
` : ""}`);
    return 2;
  }
}
function closingLines(report, reportOnly = false) {
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
  lines.push(...topCauseLines(report.e2e).map((l) => `worker-gate: ${l}`));
  const kept = report.e2e?.kept;
  if (kept) {
    lines.push(`worker-gate: kept the failed worker ${kept.container}: ${kept.execCommand}`);
    lines.push(`worker-gate: remove it and its volumes: ${kept.cleanCommand}`);
  }
  lines.push(`worker-gate: verdict ${report.verdict} (${report.durationSeconds.toFixed(1)} s)`);
  if (reportOnly && report.verdict === "fail")
    lines.push("worker-gate: report-only: the failed gates are reported, and the exit status is 0");
  return `${lines.join("\n")}
`;
}

// src/bin.ts
function finish(code) {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 200).unref();
}
var QUIET = /* @__PURE__ */ new Set(["EPIPE", "ERR_STREAM_DESTROYED"]);
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (error) => {
    if (!QUIET.has(error.code ?? "")) throw error;
  });
runCli(process.argv.slice(2)).then(finish, (err) => {
  process.stderr.write(
    `worker-gate: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}
`
  );
  finish(2);
});
