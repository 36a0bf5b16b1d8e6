import { Command as CliCommand } from 'commander';
import { fromActionInputs } from '../../../src/config/action-inputs.js';
import { addCommandOptions, fromCliOptions, unplacedArguments } from '../../../src/config/cli-options.js';
import { type Config, resolveConfig } from '../../../src/config/config.js';
import type { ReadFile } from '../../../src/config/file.js';
import type { HostPaths } from '../../../src/config/host-paths.js';
import { CHECKS } from '../../../src/judge/registry.js';
import type { Command } from '../../../src/model/command.js';
import { InputError } from '../../../src/model/errors.js';

export const ASSETS = '/pkg';
export const CWD = '/home/me/project';
export const WORKSPACE = '/github/workspace';
export const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

/** An in-memory file system: reading anything else fails as fs does. */
export function fakeFs(files: Readonly<Record<string, string>>): ReadFile & { reads: string[] } {
  const reads: string[] = [];
  const read = (path: string): string => {
    reads.push(path);
    const text = files[path];
    if (text === undefined)
      throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
    return text;
  };
  return Object.assign(read, { reads });
}

/**
 * What the host's file system holds in these tests: the given files, their
 * folders and `folders`; `/` always exists; folders in `readOnly` take no files.
 */
export function fakePaths(
  files: Readonly<Record<string, string>>,
  folders: readonly string[] = [],
  readOnly: readonly string[] = [],
): HostPaths {
  const all = [...Object.keys(files), ...folders];
  return {
    kind: (path) => {
      if (path in files) return 'file';
      if (path === '/' || folders.includes(path) || all.some((p) => p.startsWith(`${path}/`)))
        return 'folder';
      return 'missing';
    },
    cannotWriteIn: (folder) => (readOnly.includes(folder) ? 'permission denied' : undefined),
  };
}

/** Files and folders every run here finds (the option table's good values name them). */
export const HOST_FILES: Readonly<Record<string, string>> = {
  '/src/Dockerfile': 'FROM worker\n',
  '/base/report.json': '{}\n',
};
export const HOST_FOLDERS: readonly string[] = ['/src/ctx', '/templates/mine', '/out'];

export interface Run {
  files?: Readonly<Record<string, string>>;
  /** Folders besides those holding `files` and HOST_FOLDERS. */
  folders?: readonly string[];
  readOnly?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
  command?: Command;
}

function hostOf(run: Run): { readFile: ReadFile; paths: HostPaths } {
  const files = { ...HOST_FILES, ...run.files };
  return {
    readFile: fakeFs(files),
    paths: fakePaths(files, [...HOST_FOLDERS, ...(run.folders ?? [])], run.readOnly),
  };
}

/** A commander command as src/cli.ts would build it, quiet and throwing. */
export function cliCommand(name: Command): CliCommand {
  const command = new CliCommand(name)
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} });
  return addCommandOptions(command, name);
}

/** Arguments in → Config, through commander like the CLI. */
export function viaCli(args: readonly string[], run: Run = {}): Config {
  const command = run.command ?? 'verify';
  const parsed = cliCommand(command).parse([...args], { from: 'user' });
  return resolveConfig({
    frontDoor: 'cli',
    command,
    overrides: fromCliOptions(parsed.opts()),
    unplaced: unplacedArguments(parsed),
    env: run.env ?? {},
    cwd: CWD,
    assetsDir: ASSETS,
    checks: CHECKS,
    ...hostOf(run),
  });
}

/** Action inputs in (unset ones are ''), → Config, like the action. */
export function viaAction(inputs: Readonly<Record<string, string>>, run: Run = {}): Config {
  return resolveConfig({
    frontDoor: 'action',
    command: run.command ?? 'verify',
    overrides: fromActionInputs((name) => inputs[name] ?? ''),
    env: { GITHUB_WORKSPACE: WORKSPACE, RUNNER_TEMP: '/runner/temp', ...run.env },
    cwd: '/somewhere/else',
    assetsDir: ASSETS,
    checks: CHECKS,
    ...hostOf(run),
  });
}

/** A .worker-gate.yml in the CLI's working directory → Config. */
export function viaFile(yaml: string, run: Run = {}): Config {
  return viaCli([], { ...run, files: { [`${CWD}/.worker-gate.yml`]: yaml, ...run.files } });
}

/** The InputError `run` throws (failing the test when it throws none or another error). */
export function inputErrorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError, but nothing was thrown');
}
