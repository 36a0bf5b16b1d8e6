// The CLI's help beyond the option table: what each command does, an example,
// the exit statuses it can end with (its own, not every command's), the engine
// variables, and the width it all wraps at.
import type { OptionCommand } from './config/options.js';
import { CHECKS } from './judge/registry.js';
import { COMMAND_STAGES } from './model/checks.js';
import type { Command } from './model/command.js';

/** The CLI's commands: the five that run, explain, merge, matrix and clean. */
export type CliCommandName = Command | 'explain' | 'merge' | 'matrix' | 'clean';

export const DESCRIPTIONS: Record<CliCommandName, string> = {
  build: 'build the worker image (default: the shipped images/worker-base-common/Dockerfile)',
  check:
    'check an image against the contract: uv present, removed tools absent, non-root, writable cache, size',
  e2e: 'run the agent workflow end to end in worker containers: scaffold, setup, lint, test, push; then a second worker',
  verify: 'build (or --image) → check → e2e → report: the whole gate',
  audit:
    'hold the live workers on the engine against the worker spec (user, capabilities, limits, uv cache volume); inspects only. Several engines (--engine, repeated; --all-contexts): one audit per host, a fleet table, and the rules across hosts (image-drift, cache-volume-hosts)',
  explain:
    'say what verify would do with these options (each value and where it came from, the stages, the gates) and list every problem; never contacts the engine, writes no report',
  merge:
    "merge the reports of a matrix's cells (images × templates) into one report: a grid, each cell's verdict and figures, and one verdict (error, else fail, else pass)",
  matrix:
    "run the matrix file's cells (images × templates, refs, data sets) here, each a verify on one engine (--engine, repeated; --jobs at once), and merge them; --list prints the cells as JSON for a workflow's strategy.matrix instead",
  clean:
    'remove what runs left on the engine: containers, volumes, networks, run-only images, baseline worktrees',
};

const EXAMPLES: Record<CliCommandName, string> = {
  build: '$ worker-gate build --build-arg PYTHON_IMAGE=python:3.12-slim --tag my/worker:dev',
  check: '$ worker-gate check --image my/worker:dev --max-image-size 400MB --report report.json',
  e2e: '$ worker-gate e2e --image my/worker:dev --template ./my-template --data python_version=3.12',
  verify: '$ worker-gate verify --cache-layout both --summary summary.md --html report.html',
  audit:
    '$ DOCKER_HOST=ssh://ops@workers-1 worker-gate audit --filter label=role=worker --expect-image worker:1.4.2',
  explain: '$ worker-gate explain --config ci/.worker-gate.yml --skip-e2e',
  merge:
    "$ worker-gate merge 'cells/**/report.json' --summary summary.md --html matrix.html --report merged.json",
  matrix:
    '$ worker-gate matrix --engine unix:///var/run/docker.sock --engine ssh://ops@host-2 --jobs 2 --html matrix.html',
  clean: '$ worker-gate clean --run wg-m1abc2-3f9e01',
};

const BAD_INPUT =
  'bad input or an infrastructure error (no engine, unreadable config, an engine that stopped answering)';
const INTERRUPTED =
  'interrupted by SIGINT (Ctrl-C); 143 by SIGTERM: cleaned up, report written with verdict error';

/** Each command's exit statuses, code by code: what it means for this command. */
const EXIT_STATUSES: Record<CliCommandName, readonly (readonly [string, string])[]> = {
  build: [
    ['0', 'the image was built'],
    ['1', 'the build failed (a failing RUN, a base image missing)'],
    ['2', BAD_INPUT],
    ['130', INTERRUPTED],
  ],
  check: [
    ['0', 'every contract check passed'],
    ['1', 'the image failed a contract check or a size gate'],
    ['2', BAD_INPUT],
    ['130', INTERRUPTED],
  ],
  e2e: [
    ['0', 'every phase and timing gate passed'],
    ['1', 'the image failed an end-to-end phase or a timing gate'],
    ['2', BAD_INPUT],
    ['130', INTERRUPTED],
  ],
  verify: [
    ['0', 'every gate passed'],
    [
      '1',
      'the image failed a gate (a failing RUN, a contract check, an end-to-end phase, a timing or size gate)',
    ],
    ['2', BAD_INPUT],
    ['130', INTERRUPTED],
  ],
  audit: [
    ['0', 'every worker passed its checks'],
    ['1', 'a worker failed a check (over several engines: on any host, or a rule across hosts failed)'],
    ['2', `${BAD_INPUT}; over several engines, a host that could not be audited`],
    ['130', INTERRUPTED],
  ],
  explain: [
    ['0', 'the options are valid'],
    ['2', 'a problem was found (each listed); the engine is never contacted'],
  ],
  merge: [
    ['0', 'every cell passed'],
    ['1', 'a cell failed a gate (and none errored)'],
    [
      '2',
      'a cell errored, or bad input (a report of another tool or schema version, a glob that matched nothing), each named',
    ],
  ],
  matrix: [
    ['0', 'every cell passed (or --list printed the cells)'],
    ['1', 'a cell failed a gate (and none errored)'],
    [
      '2',
      'a cell errored (an engine that did not answer included), or bad input: the matrix file is missing or invalid (each problem named)',
    ],
    ['130', INTERRUPTED],
  ],
  clean: [
    ['0', 'everything the runs left was removed (or nothing was left)'],
    ['2', 'bad input, no engine, or something could not be removed (each named)'],
  ],
};

/** The exit statuses of the program itself (`worker-gate --help`): those of any command. */
const PROGRAM_EXIT_STATUSES: readonly (readonly [string, string])[] = [
  ['0', 'every gate passed'],
  ['1', 'the image failed a gate'],
  ['2', BAD_INPUT],
  ['130', INTERRUPTED],
];

const ENGINE_VARIABLES: readonly (readonly [string, string])[] = [
  ['DOCKER_HOST', 'unix:///var/run/docker.sock (default), tcp://HOST:2376 or ssh://USER@HOST'],
  [
    'DOCKER_CONTEXT',
    "without DOCKER_HOST: the Docker context to use (default: config.json's currentContext)",
  ],
  ['DOCKER_TLS_VERIFY', "1: verify the engine's TLS certificate (with tcp://)"],
  ['DOCKER_CERT_PATH', 'the folder holding ca.pem, cert.pem and key.pem (default ~/.docker)'],
];

/** The commands that talk to an engine: their help names the variables that choose it. */
const USES_ENGINE: readonly CliCommandName[] = ['build', 'check', 'e2e', 'verify', 'audit', 'clean'];

/** Words of `text` in lines of at most `width` (a longer word stands alone), each after `indent`. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** A shell command, wrapped as a shell reads it: cut before a flag (never between it and its value), each cut line ending with a backslash. */
function example(command: string, width: number): string[] {
  const lines: string[] = [];
  for (const unit of command.split(/ (?=--)/)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + unit.length + 2 <= width)
      lines[lines.length - 1] = `${last} ${unit}`;
    else lines.push(last === undefined ? `  ${unit}` : `    ${unit}`);
  }
  return lines.map((line, i) => (i < lines.length - 1 ? `${line} \\` : line));
}

/** `  term   description`, the description wrapped under itself. */
function table(rows: readonly (readonly [string, string])[], width: number): string[] {
  const column = Math.max(...rows.map(([term]) => term.length)) + 4;
  return rows.flatMap(([term, text]) => {
    const [first = '', ...rest] = wrap(text, width, ' '.repeat(column));
    return [`  ${term.padEnd(column - 2)}${first.slice(column)}`, ...rest];
  });
}

/** The end of a command's help (or the program's, without a command): example, exit statuses, engine variables. */
export function helpAfter(command: CliCommandName | undefined, width: number): string {
  const lines: string[] = [''];
  if (command) lines.push('Example:', ...example(EXAMPLES[command], width), '');
  lines.push('Exit status:', ...table(command ? EXIT_STATUSES[command] : PROGRAM_EXIT_STATUSES, width));
  if (!command || USES_ENGINE.includes(command))
    lines.push(
      '',
      'Engine variables:',
      ...wrap('The Docker engine the environment names, as for the docker CLI:', width, '  '),
      ...table(ENGINE_VARIABLES, width),
    );
  return `${lines.join('\n')}\n`;
}

/** `--skip-check`'s help with the command's own ids as examples (audit's for audit). */
export function skipCheckHelp(command: OptionCommand): string | undefined {
  const stages =
    command === 'clean' || command === 'merge' || command === 'matrix' ? [] : COMMAND_STAGES[command];
  const ids = CHECKS.ids
    .filter((check) => check.off === 'skip' && stages.includes(check.stage))
    .map((check) => check.id)
    .slice(0, 3);
  const last = ids.pop();
  if (last === undefined) return undefined;
  return `Turn off a check by its id, like ${ids.length > 0 ? `${ids.join(', ')} or ` : ''}${last}; the report names each check by its id.`;
}
