// project-calls-removed-tool: the lines of a generated project that call a
// tool the contract forbids by its bare name, so that on the slim image they
// only work if the tool is on PATH after all. A real template's pre-commit hook
// does `if command -v ruff …; then ruff format …; else echo "skipping"; fi`:
// on an image without ruff the hook quietly checks nothing. Calls through the
// project's venv (`.venv/bin/ruff`, `$(VENV)/bin/ruff`, `uv run ruff`,
// `uvx ruff`) are not bare. Read from the project's Makefile, git hooks and
// shell scripts (src/e2e/evidence/project-files.ts), then given an outcome from what
// the phases printed and what the image has.
import type { Config } from '../../config/index.js';
import type { ProjectCall } from '../../model/report.js';
import { truncate } from '../../model/text.js';
import { makefileShellTexts } from './makefile-recipes.js';
import { type ShellCommand, type ShellScan, shellCommands } from './shell-commands.js';

/** The tools a project must not call by bare name: the commands the contract forbids on PATH. */
export function removedTools(config: Pick<Config, 'forbidCommands'>): readonly string[] {
  return config.forbidCommands;
}

export interface ProjectFile {
  /** Relative to the project's folder: `Makefile`, `.githooks/pre-commit`, `scripts/lint.sh`. */
  path: string;
  text: string;
}

export interface RemovedToolCall {
  file: string;
  /** 1-based. */
  line: number;
  command: string;
  /** The line as written, trimmed (and cut at 200 characters). */
  text: string;
  /** The same file tests for the command (`command -v`, `which`, `type`, `hash`): skipped where it is absent. */
  guarded: boolean;
}

const MAKEFILES = new Set(['Makefile', 'makefile', 'GNUmakefile']);
const SHELL_INTERPRETERS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash', 'mksh', 'busybox']);
/** Hooks git runs (githooks(5)): without a shebang, git runs them with sh. */
const GIT_HOOKS = new Set([
  'applypatch-msg',
  'pre-applypatch',
  'post-applypatch',
  'pre-commit',
  'pre-merge-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'pre-rebase',
  'post-checkout',
  'post-merge',
  'pre-push',
  'pre-receive',
  'update',
  'proc-receive',
  'post-receive',
  'post-update',
  'reference-transaction',
  'push-to-checkout',
  'pre-auto-gc',
  'post-rewrite',
  'sendemail-validate',
  'post-index-change',
]);
export const MAX_TEXT = 200;

/** Every bare-name call of one of `commands`, once per line, in file order, then line order. */
export function removedToolCalls(
  files: readonly ProjectFile[],
  commands: readonly string[],
): RemovedToolCall[] {
  const wanted = new Set(commands);
  return files.flatMap((file) => {
    const scanned = scanFile(file);
    if (!scanned) return [];
    const lines = file.text.split('\n');
    // `ruff check . && ruff format --check .` is one line to fix: one call per line and tool.
    const seen = new Set<string>();
    const firstOnItsLine = (c: ShellCommand) => {
      const key = `${c.line} ${c.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    };
    return scanned.commands
      .filter((c) => wanted.has(c.name) && firstOnItsLine(c))
      .sort((a, b) => a.line - b.line)
      .map((c) => ({
        file: file.path,
        line: c.line,
        command: c.name,
        text: truncate((lines[c.line - 1] ?? '').trim(), MAX_TEXT),
        guarded: scanned.tested.has(c.name),
      }));
  });
}

/** A Makefile's recipes, or a shell script's text; nothing for a file in another language. */
function scanFile(file: ProjectFile): ShellScan | undefined {
  const name = file.path.split('/').pop() ?? '';
  if (MAKEFILES.has(name)) {
    const merged: ShellScan = { commands: [], tested: new Set() };
    for (const { text, line } of makefileShellTexts(file.text)) {
      const scan = shellCommands(text, line);
      merged.commands.push(...scan.commands);
      for (const tested of scan.tested) merged.tested.add(tested);
    }
    return merged;
  }
  return isShellScript(name, file.text) ? shellCommands(file.text) : undefined;
}

/**
 * A shebang names its interpreter (`#!/bin/sh`, `#!/usr/bin/env bash`); with
 * none, a git hook or a `.sh` file is shell. A Python hook or a README beside
 * the hooks is not read.
 */
export function isShellScript(name: string, text: string): boolean {
  const shebang = /^#!\s*(\S+)(?:\s+(.*))?/.exec(text.split('\n', 1)[0] ?? '');
  if (!shebang) return name.endsWith('.sh') || GIT_HOOKS.has(name);
  const program = (shebang[1] ?? '').split('/').pop() ?? '';
  const interpreter =
    program === 'env'
      ? (shebang[2] ?? '').split(/\s+/).find((w) => w && !w.startsWith('-') && !w.includes('='))
      : program;
  return SHELL_INTERPRETERS.has(interpreter ?? '');
}

export interface ImageFacts {
  /** Commands a phase printed `command not found` for (not-found.ts). */
  notFound: ReadonlySet<string>;
  /** Commands the worker has on PATH after all, with where (command-paths.ts). */
  provided: ReadonlyMap<string, string>;
}

/**
 * What each call did on this image. Facts outrank inferences: `provided` says
 * the call works here whatever any phase did; `not found` is a phase's own
 * word that a call failed; `guarded` is only read from the file's text (the
 * call is skipped without a message where the tool is absent); `not run` is
 * what is left: no phase reached the line, or nothing it printed says so.
 */
export function callOutcomes(calls: readonly RemovedToolCall[], image: ImageFacts): ProjectCall[] {
  return calls.map(({ guarded, ...call }) => {
    const providedBy = image.provided.get(call.command);
    if (providedBy !== undefined) return { ...call, outcome: 'provided', providedBy };
    if (image.notFound.has(call.command)) return { ...call, outcome: 'not found' };
    return { ...call, outcome: guarded ? 'guarded' : 'not run' };
  });
}
