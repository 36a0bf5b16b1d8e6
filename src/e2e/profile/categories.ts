// A profiled phase's recipe lines → where its seconds went. Every second lands
// in exactly one place: a line that creates a venv is venv time; a uv line's
// seconds split into what uv says it spent resolving, preparing, installing and
// compiling bytecode,
// and the rest of that line is unexplained; any other line is a named command;
// the phase's time outside every recipe line (reading the makefile, its
// $(shell ...) calls, starting make) is make's own overhead.

import { roundSeconds } from '../../model/figures/stats.js';
import type {
  LocalBuild,
  PhaseProfile,
  ProfileCategory,
  ProfileCategoryId,
  ProfileLine,
} from '../../model/report.js';
import type { TimedLine } from './reader.js';

/** The program a recipe line runs, after `cd DIR &&`, make's prefixes and paths. */
export function commandName(command: string): string {
  let text = command.trim().replace(/^[@+-]+/, '');
  text = text.replace(/^(?:cd \S+ && )+/, '');
  // A shell conditional is named for the command it tests (`if git rev-parse …` → git rev-parse).
  text = text.replace(/^(?:(?:if|while|until|!)\s+)+/, '');
  const words = text.split(/\s+/).filter((w) => !/^\w+=/.test(w));
  const program = (words[0] ?? '').split('/').pop() ?? '';
  const next = words.slice(1).filter((w) => !w.startsWith('-') || w === '-m');
  if (/^python[\d.]*$/.test(program) && next[0] === '-m') return `python -m ${next[1] ?? ''}`.trim();
  if (['uv', 'uvx', 'git', 'ruff', 'npm', 'pip', 'docker'].includes(program) && next[0])
    return next[0] === 'pip' && next[1] ? `${program} pip ${next[1]}` : `${program} ${next[0]}`;
  return program || command.trim().slice(0, 40);
}

/** What a command is, in words a platform team uses. */
export function commandLabel(name: string): string {
  if (/^(?:ruff format|black|isort|autopep8|yapf|prettier)\b/.test(name)) return 'formatter';
  if (/codegen|generat|\bgen\b|protoc|openapi/.test(name)) return 'code generation';
  if (/^git\b/.test(name)) return 'git';
  if (/^(?:ruff( check)?|xenon|flake8|mypy|pylint)\b/.test(name)) return 'linter';
  if (/pytest|python -m unittest/.test(name)) return 'tests';
  return name;
}

const VENV = /(?:^|[\s;&(])(?:\S*\/)?(?:uv venv|virtualenv|python[\d.]* -m venv)\b/;
const UV = /(?:^|[\s;&(/])uvx? /;

function classify(line: TimedLine): ProfileLine {
  const first = line.command.split('\n')[0] ?? '';
  const kind = VENV.test(first) ? 'venv' : line.ranUv || UV.test(line.command) ? 'uv' : 'command';
  // A shell loop names the command it repeats (`for s in ...; do echo $s; (cd $s && uv sync); done`).
  const body = /\bdo\b([\s\S]*)$/.exec(line.command)?.[1] ?? '';
  const inner = body
    .replace(/"[^"]*"|'[^']*'/g, '""')
    .split(/[;\n()\\]|&&|\|\|/)
    .map((part) => part.trim())
    .find((part) => part && !/^(?:echo|printf|cd|done|exit|true|:)\b/.test(part) && !/^\w+=/.test(part));
  const uvCall = /(?:^|[\s;&(/])(uvx? [^;&|)]*)/.exec(line.command)?.[1];
  const name =
    kind === 'uv' && uvCall ? commandName(uvCall) : commandName(inner && kind !== 'uv' ? inner : first);
  const out: ProfileLine = {
    target: line.target,
    command: line.command,
    seconds: line.seconds,
    exitCode: line.exitCode,
    kind,
    name,
  };
  if (line.ranUv) {
    out.uv = { ...line.uv, resolveSeconds: roundSeconds(line.uv.resolveSeconds) };
    if (line.uv.compileSeconds !== undefined) out.uv.compileSeconds = roundSeconds(line.uv.compileSeconds);
  }
  return out;
}

function localBuilds(lines: TimedLine[]): LocalBuild[] {
  const builds: LocalBuild[] = [];
  lines.forEach((line, index) => {
    for (const prepare of line.prepares) {
      for (const name of prepare.built) {
        const alone = prepare.count === 1 && prepare.built.length === 1;
        builds.push(
          alone
            ? { name, seconds: roundSeconds(prepare.seconds), line: index }
            : {
                name,
                seconds: null,
                sharedSeconds: roundSeconds(prepare.seconds),
                sharedBy: prepare.count,
                line: index,
              },
        );
      }
    }
  });
  return builds;
}

/** `failed`: the phase failed; its failing line is the last that exited non-zero (`-` lines go on). */
export function buildProfile(timed: TimedLine[], phaseSeconds: number, failed: boolean): PhaseProfile {
  const lines = timed.map(classify);
  const sums = new Map<string, ProfileCategory>();
  const add = (id: ProfileCategoryId, label: string, seconds: number) => {
    const key = `${id}:${label}`;
    const cat = sums.get(key) ?? { id, label, seconds: 0 };
    cat.seconds += seconds;
    sums.set(key, cat);
  };
  let inLines = 0;
  for (const line of lines) {
    inLines += line.seconds;
    if (line.kind === 'venv') add('venv', 'venv creation', line.seconds);
    else if (line.kind === 'command') add('command', commandLabel(line.name), line.seconds);
    else {
      const uv = line.uv;
      const said = uv
        ? uv.resolveSeconds + uv.prepareSeconds + uv.installSeconds + (uv.compileSeconds ?? 0)
        : 0;
      // uv's own figures can exceed the 10 ms clock's reading of a short line: never more than the line.
      const scale = said > line.seconds && said > 0 ? line.seconds / said : 1;
      if (uv) {
        add('resolving', 'resolving', uv.resolveSeconds * scale);
        add('preparing', 'preparing (downloads, local builds)', uv.prepareSeconds * scale);
        add('installing', 'installing (link or copy)', uv.installSeconds * scale);
        // UV_COMPILE_BYTECODE / --compile-bytecode: uv's `Bytecode compiled N files in T`.
        if (uv.compileSeconds) add('compiling', 'compiling bytecode', uv.compileSeconds * scale);
      }
    }
  }
  add('make', "make's own overhead", Math.max(0, phaseSeconds - inLines));
  const categories = [...sums.values()]
    .map((c) => ({ ...c, seconds: roundSeconds(c.seconds) }))
    .filter((c) => c.seconds > 0 || c.id === 'make');
  const explained = categories.reduce((s, c) => s + c.seconds, 0);
  const profile: PhaseProfile = {
    seconds: phaseSeconds,
    lines,
    categories,
    unexplainedSeconds: roundSeconds(phaseSeconds - explained),
    localBuilds: localBuilds(timed),
  };
  const index = failed ? lines.findLastIndex((l) => l.exitCode !== 0) : -1;
  const line = lines[index];
  if (line)
    profile.failedLine = { index, target: line.target, command: line.command, exitCode: line.exitCode };
  return profile;
}
