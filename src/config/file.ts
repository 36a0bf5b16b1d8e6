import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { InputError } from '../model/errors.js';
import { closest } from './closest.js';
import { configKeys, optionNamed, type RawValues } from './options.js';
import type { Problem } from './validate.js';

/** Reads a text file or throws as `fs.readFileSync` does; tests pass their own. */
export type ReadFile = (path: string) => string;

export const readUtf8: ReadFile = (path) => readFileSync(path, 'utf8');

export const DEFAULT_CONFIG_FILE = '.worker-gate.yml';

export interface ConfigFile {
  /** Absolute path; relative paths inside the file are resolved from its folder. */
  readonly path: string;
  /** The file as the user named it, for messages. */
  readonly label: string;
  /** Raw YAML values by option name, not validated yet; the known keys only. */
  readonly values: RawValues;
  /** The keys it cannot take, reported with every value problem. */
  readonly problems: readonly Problem[];
}

export function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/** Why a file could not be read, in a few words. */
export function readFailure(error: unknown): string {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unreadable';
  }
}

/**
 * Read a `.worker-gate.yml`: a YAML mapping whose keys are option names (the
 * plural for repeatables, with YAML lists as values). `namedBy` is the input that
 * named the file (`--config`), for the message when it cannot be read.
 */
export function readConfigFile(
  path: string,
  options: { label?: string; namedBy?: string; readFile?: ReadFile } = {},
): ConfigFile {
  const label = options.label ?? path;
  let text: string;
  try {
    text = (options.readFile ?? readUtf8)(path);
  } catch (error) {
    const what = options.namedBy ? `${options.namedBy} "${label}"` : label;
    throw new InputError(`cannot read ${what}: ${readFailure(error)}`, {
      input: options.namedBy ?? label,
      cause: error,
    });
  }
  return { path, label, ...parseConfigText(text, label) };
}

/**
 * The config file for a run: the one named by `--config` / the `config` input
 * (it must exist), else `.worker-gate.yml` in `base` when there is one.
 */
export function findConfigFile(options: {
  named?: string;
  namedBy: string;
  base: string;
  readFile?: ReadFile;
}): ConfigFile | undefined {
  const { named, namedBy, base, readFile } = options;
  if (named !== undefined) return readConfigFile(resolve(base, named), { label: named, namedBy, readFile });
  try {
    return readConfigFile(join(base, DEFAULT_CONFIG_FILE), { label: DEFAULT_CONFIG_FILE, readFile });
  } catch (error) {
    if (error instanceof InputError && error.cause !== undefined && isMissing(error.cause)) return undefined;
    throw error;
  }
}

/**
 * The YAML text of a config file → raw values of its known keys, and a problem
 * for each key it cannot take (unknown, or one the file refuses), so they are
 * reported with the values' problems. Only YAML that cannot be read throws.
 */
export function parseConfigText(text: string, label: string): { values: RawValues; problems: Problem[] } {
  const document = parseDocument(text);
  const [error] = document.errors;
  if (error)
    throw new InputError(`${label}: invalid YAML: ${error.message.split('\n')[0]}`, { input: label });
  if (document.contents === null) return { values: {}, problems: [] };
  if (!isMap(document.contents)) {
    throw new InputError(`${label}: expected a mapping of option names to values, like "memory: 2GiB"`, {
      input: label,
    });
  }
  const values: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(document.toJS() as Record<string, unknown>)) {
    const problem = keyProblem(key, label);
    if (problem) problems.push({ message: problem, input: `${label}: ${key}` });
    else values[key] = value;
  }
  return { values: values as RawValues, problems };
}

function keyProblem(key: string, label: string): string | undefined {
  const keys: readonly string[] = configKeys();
  if (keys.includes(key)) return undefined;
  const reason = optionNamed(key)?.noConfigKey;
  if (reason) return `${label}: "${key}" cannot be set in the config file: ${reason}`;
  const suggestion = closest(key, keys);
  return `${label}: unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`;
}
