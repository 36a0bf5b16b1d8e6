// zod is a dependency for this: every value from every front door (CLI strings,
// action input strings, YAML scalars and lists) goes through one schema per
// option, so one set of rules decides what is valid, whatever the door.
import { z } from 'zod';
import { ValueError } from '../model/errors.js';
import { TRY_FIX_CHOICES, type TryFix } from '../model/fix-kinds.js';
import {
  PERCENT_EXPECTED,
  parseInteger,
  parseNumber,
  parsePercent,
  parseSecondsRange,
  parseSize,
  parseSizeOrPercent,
  SECONDS_RANGE_EXPECTED,
  SIZE_EXPECTED,
  SIZE_OR_PERCENT_EXPECTED,
  SIZE_UNITS_EXAMPLE,
  type SizeOrPercent,
} from '../model/units.js';
import { parseRequireSpec, REQUIRE_EXPECTED } from '../model/versions.js';
import { type BuildSecret, parseBuildSecret, SECRET_EXPECTED, secretText } from './build-secret.js';
import { closest } from './closest.js';
import { IMAGE_REF_EXPECTED, imageProblem, imageRefProblem } from './image-ref.js';
import { normalizeName, PROJECT_NAME } from './pep503.js';

export type Kind =
  | 'string'
  | 'path'
  | 'boolean'
  | 'size'
  | 'size-or-percent'
  | 'percent'
  | 'number'
  | 'integer'
  | 'enum'
  | 'list'
  | 'keyvalue-list';

/**
 * What an option's value is: how to validate it (`schema`, which accepts the
 * strings of the CLI and the action and the native values of YAML), what to say
 * when it is wrong (`expected` completes "expected …") and its help placeholder.
 */
export interface ValueKind<K extends Kind = Kind, T = unknown> {
  readonly kind: K;
  readonly schema: z.ZodType<T>;
  readonly expected: string;
  readonly valueName: string;
  /** Lists: what one item should look like, for errors about one item. */
  readonly itemExpected?: string;
  /** Lists of parsed items: one item as a person writes it (`uv>=0.9`), for explain. */
  readonly itemText?: (item: unknown) => string;
  readonly choices?: readonly string[];
  /** For the config file's JSON Schema: a string's pattern, a number's bounds, a list's item pattern. */
  readonly pattern?: RegExp;
  readonly bounds?: Bounds;
}

/** One item of a list option. */
export interface Item<T> {
  readonly schema: z.ZodType<T>;
  readonly expected: string;
  readonly valueName: string;
  /** The item as a person writes it, when it parses into more than a string. */
  readonly text?: (item: T) => string;
}

/** Run a pure parser inside zod: its ValueError becomes the issue's message. */
function via<I, T>(parse: (value: I) => T) {
  return (value: I, ctx: z.core.$RefinementCtx<I>): T => {
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.expected });
      return z.NEVER;
    }
  };
}

// Strings are trimmed: a stray space in a YAML value or a CLI argument is never meant.
const nonEmpty = z.string().trim().min(1);

export function text(options: {
  expected: string;
  valueName: string;
  pattern?: RegExp;
}): ValueKind<'string', string> {
  const schema = options.pattern ? nonEmpty.regex(options.pattern) : nonEmpty;
  const kind = { kind: 'string', schema, expected: options.expected, valueName: options.valueName } as const;
  return options.pattern ? { ...kind, pattern: options.pattern } : kind;
}

/** A range of seconds, `15-35`, kept as written; parseSecondsRange reads it where it is recorded. */
export function secondsRange(): ValueKind<'string', string> {
  const check = (value: string): string => {
    parseSecondsRange(value);
    return value;
  };
  return {
    kind: 'string',
    schema: nonEmpty.transform(via(check)),
    expected: SECONDS_RANGE_EXPECTED,
    valueName: 'LOW-HIGH',
  };
}

/**
 * An image reference in Docker's grammar (see image-ref.ts): `digest` allows
 * `@sha256:…`, `id` also an image id (`sha256:…` or a hex prefix).
 */
export function imageReference(options: {
  example: string;
  digest: boolean;
  id: boolean;
}): ValueKind<'string', string> {
  const expected = `${IMAGE_REF_EXPECTED}, like ${options.example}`;
  const check = (value: string): string => {
    const problem = options.id ? imageProblem(value) : imageRefProblem(value, { digest: options.digest });
    if (problem) throw new ValueError(`${expected} (${problem})`);
    return value;
  };
  return { kind: 'string', schema: nonEmpty.transform(via(check)), expected, valueName: 'REF' };
}

export function path(valueName = 'PATH'): ValueKind<'path', string> {
  return { kind: 'path', schema: nonEmpty, expected: 'a path', valueName };
}

// GitHub's own reading of boolean inputs (core.getBooleanInput): YAML 1.2 core booleans.
const BOOLEAN_WORDS = ['true', 'True', 'TRUE', 'false', 'False', 'FALSE'] as const;

export function flag(): ValueKind<'boolean', boolean> {
  const schema = z
    .union([z.boolean(), z.enum(BOOLEAN_WORDS)])
    .transform((value) => value === true || (typeof value === 'string' && value.toLowerCase() === 'true'));
  return { kind: 'boolean', schema, expected: 'true or false', valueName: 'BOOL' };
}

/** A YAML number is taken as is; a string goes through `parse`. */
function numeric<T>(parse: (text: string) => T, fromNumber: (value: number) => T) {
  return z
    .union([z.number(), z.string()])
    .transform(via((value) => (typeof value === 'number' ? fromNumber(value) : parse(value))));
}

function wholeBytes(value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new ValueError(SIZE_EXPECTED);
  return value;
}

/** `min`: the smallest sensible size, in bytes, and how messages write it (`64MiB`). */
export function size(min?: { bytes: number; text: string }): ValueKind<'size', number> {
  const expected = min ? `a size of at least ${min.text}, like ${SIZE_UNITS_EXAMPLE}` : SIZE_EXPECTED;
  const atLeast = (bytes: number): number => {
    if (min && bytes < min.bytes) throw new ValueError(expected);
    return bytes;
  };
  const schema = numeric(
    (value) => atLeast(parseSize(value)),
    (value) => atLeast(wholeBytes(value)),
  );
  return { kind: 'size', schema, expected, valueName: 'SIZE' };
}

/** A size change with no unit and no % could be bytes, megabytes or a percent: make the user say. */
function refuseBare(value: number | string): void {
  const text = String(value).trim();
  if (/^(?:\d+(?:\.\d+)?|\.\d+)$/.test(text))
    throw new ValueError(`a size with its unit or a percent, not a bare number: say ${text}MB or ${text}%`);
}

export function sizeOrPercent(): ValueKind<'size-or-percent', SizeOrPercent> {
  const fromNumber = (value: number): SizeOrPercent => {
    refuseBare(value);
    return { kind: 'bytes', bytes: wholeBytes(value) };
  };
  const fromText = (value: string): SizeOrPercent => {
    refuseBare(value);
    return parseSizeOrPercent(value);
  };
  return {
    kind: 'size-or-percent',
    schema: numeric(fromText, fromNumber),
    expected: SIZE_OR_PERCENT_EXPECTED,
    valueName: 'SIZE|PCT%',
  };
}

/** `below`: an exclusive upper bound (a noise allowance of 100% or more hides every change). */
export function percent(below?: number): ValueKind<'percent', number> {
  const expected = below === undefined ? PERCENT_EXPECTED : `${PERCENT_EXPECTED}, below ${below}%`;
  // A YAML number has no % sign: refuse it for the same reason as a bare string.
  const refuse = (): number => {
    throw new ValueError(PERCENT_EXPECTED);
  };
  const under = (value: number): number => {
    if (below !== undefined && value >= below) throw new ValueError(expected);
    return value;
  };
  return {
    kind: 'percent',
    schema: numeric((value) => under(parsePercent(value)), refuse),
    expected,
    valueName: 'PCT%',
  };
}

export interface Bounds {
  /** Inclusive lower bound. */
  readonly min?: number;
  /** Exclusive lower bound. */
  readonly above?: number;
  /** Inclusive upper bound: where a larger number is surely a mistake. */
  readonly max?: number;
  /** Exclusive upper bound. */
  readonly below?: number;
  /** Noun after the number in messages, e.g. "seconds". */
  readonly unit?: string;
  readonly valueName?: string;
}

function boundsText(noun: string, { min, above, max, below, unit }: Bounds): string {
  const lower = above !== undefined ? `> ${above}` : min !== undefined ? `≥ ${min}` : undefined;
  const upper = below !== undefined ? `< ${below}` : max !== undefined ? `≤ ${max}` : undefined;
  const limits = [lower, upper].filter((limit) => limit !== undefined).join(' and ');
  return `${noun}${unit ? ` of ${unit}` : ''}${limits ? ` ${limits}` : ''}`;
}

function bounded(schema: z.ZodNumber, { min, above, max, below }: Bounds): z.ZodNumber {
  let out = schema;
  if (above !== undefined) out = out.gt(above);
  else if (min !== undefined) out = out.min(min);
  if (below !== undefined) out = out.lt(below);
  else if (max !== undefined) out = out.max(max);
  return out;
}

export function number(bounds: Bounds = {}): ValueKind<'number', number> {
  const expected = boundsText('a number', bounds);
  const parse = (value: string) => parseNumber(value, expected);
  const schema = numeric(parse, (value) => value).pipe(bounded(z.number(), bounds));
  return { kind: 'number', schema, expected, valueName: bounds.valueName ?? 'N', bounds };
}

export function integer(bounds: Bounds = {}): ValueKind<'integer', number> {
  const expected = boundsText('a whole number', bounds);
  const parse = (value: string) => parseInteger(value, expected);
  const schema = numeric(parse, (value) => value).pipe(bounded(z.number().int(), bounds));
  return { kind: 'integer', schema, expected, valueName: bounds.valueName ?? 'N', bounds };
}

export function oneOf<const C extends readonly [string, ...string[]]>(
  choices: C,
): ValueKind<'enum', C[number]> {
  return {
    kind: 'enum',
    schema: z.enum(choices),
    expected: `one of ${choices.join(', ')}`,
    valueName: choices.join('|'),
    choices,
  };
}

/**
 * A repeatable option: one value per CLI use, one per line in the action, a YAML
 * list in the config file. A YAML scalar is refused rather than taken as a
 * one-item list: `forbid-commands: ruff, pytest` would otherwise become one
 * command named "ruff, pytest".
 */
export function list<T>(item: Item<T>): ValueKind<'list', T[]> {
  const { text } = item;
  return {
    kind: 'list',
    schema: z.array(item.schema),
    expected: `a YAML list of ${item.expected}`,
    itemExpected: item.expected,
    valueName: item.valueName,
    ...(text ? { itemText: (value: unknown) => text(value as T) } : {}),
  };
}

interface PairRules {
  readonly key: RegExp;
  readonly expected: string;
  readonly valueName: string;
  readonly normalizeKey?: (key: string) => string;
  readonly requireValue?: boolean;
}

/**
 * `KEY=VALUE` items, split at the first `=`, into a record; a repeated key keeps
 * its last value, as docker does with `--build-arg`. In YAML this is a list of
 * `KEY=VALUE` strings too, not a mapping: a mapping would turn `3.10` into 3.1.
 */
export function keyValues(rules: PairRules): ValueKind<'keyvalue-list', Record<string, string>> {
  const pair = z.string().transform(
    via((item: string): [string, string] => {
      const at = item.indexOf('=');
      const key = item.slice(0, at).trim();
      const value = item.slice(at + 1).trim();
      if (at < 0 || !rules.key.test(key) || (rules.requireValue && value === ''))
        throw new ValueError(rules.expected);
      return [rules.normalizeKey ? rules.normalizeKey(key) : key, value];
    }),
  );
  return {
    kind: 'keyvalue-list',
    schema: z.array(pair).transform((pairs) => Object.fromEntries(pairs)),
    expected: `a YAML list of ${rules.expected}`,
    itemExpected: rules.expected,
    valueName: rules.valueName,
  };
}

// Items of the contract's lists. Names are run or looked up inside the image,
// so they are held to the characters such names really use.
const COMMAND = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
const CHECK_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?::[A-Za-z0-9._+-]+)?$/;

export const requireItem: Item<ReturnType<typeof parseRequireSpec>> = {
  schema: z.string().transform(via(parseRequireSpec)),
  expected: REQUIRE_EXPECTED,
  valueName: 'SPEC',
  text: (spec) => `${spec.name}${spec.range}`,
};

export const secretItem: Item<BuildSecret> = {
  schema: z.string().transform(via(parseBuildSecret)),
  expected: SECRET_EXPECTED,
  valueName: 'id=NAME,src=FILE',
  text: secretText,
};

/** A BuildKit cache import or export as buildx takes it: `type=registry,ref=…`, `type=inline`, `type=gha`, … */
export const cacheItem: Item<string> = {
  schema: nonEmpty.regex(/^type=[a-z0-9]+(,[A-Za-z0-9_-]+=[^,]*)*$/),
  expected: 'type=TYPE[,KEY=VALUE…] like type=registry,ref=registry.example.com/worker:cache or type=inline',
  valueName: 'type=TYPE,…',
};

/** An SSH agent or key for buildx's --ssh: `default`, or `ID=PATH[,PATH…]`. */
export const sshItem: Item<string> = {
  schema: nonEmpty.regex(/^(default|[A-Za-z0-9_-]+)(=[^,]+(,[^,]+)*)?$/),
  expected: 'default or ID=PATH, like default=$SSH_AUTH_SOCK',
  valueName: 'ID=PATH',
};

export const commandItem: Item<string> = {
  schema: nonEmpty.regex(COMMAND),
  expected: 'a command name like ruff (letters, digits and . _ + -)',
  valueName: 'NAME',
};

export const packageItem: Item<string> = {
  schema: nonEmpty.regex(PROJECT_NAME).transform(normalizeName),
  expected: 'a Python package name like pytest-cov',
  valueName: 'NAME',
};

/** The shape of a check id; which ids exist is the caller's catalogue (rules.ts, resolveConfig). */
export const checkIdItem: Item<string> = {
  schema: nonEmpty.regex(CHECK_ID),
  expected: 'a check id like non-root-user or forbid-package:pytest',
  valueName: 'ID',
};

const tryFixExpected = (near?: string) =>
  `a speed-up kind${near ? ` (did you mean ${near}?)` : ''}: ${TRY_FIX_CHOICES.join(', ')}`;

export const tryFixItem: Item<TryFix> = {
  schema: z
    .string()
    .trim()
    .transform(
      via((kind: string): TryFix => {
        if ((TRY_FIX_CHOICES as readonly string[]).includes(kind)) return kind as TryFix;
        const near = closest(kind, TRY_FIX_CHOICES);
        throw new ValueError(tryFixExpected(near));
      }),
    ),
  expected: tryFixExpected(),
  valueName: 'KIND',
};

/** Build arguments and copier answers are named like variables. */
export const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const variableItem: Item<string> = {
  schema: nonEmpty.regex(VARIABLE),
  expected: 'a variable name like PYTHONPATH',
  valueName: 'NAME',
};

// A file or a glob of files (cells/**/report.json): the reports merge reads.
export const fileOrGlobItem: Item<string> = {
  schema: nonEmpty,
  expected: 'a report file or a glob like cells/**/report.json',
  valueName: 'REPORT',
};

// An engine endpoint as DOCKER_HOST takes it (engine.ts reads the rest).
// A context's name as `docker context create` allows it.
export const engineItem: Item<string> = {
  schema: nonEmpty.regex(/^(?:(unix|tcp|https?|ssh):\/\/\S+|[a-zA-Z0-9][a-zA-Z0-9_.+-]*)$/),
  expected:
    "an engine endpoint like unix:///var/run/docker.sock, tcp://host:2375 or ssh://user@host, or a Docker context's name",
  valueName: 'ENGINE',
};
