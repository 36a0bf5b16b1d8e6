import type { z } from 'zod';
import { InputError } from '../model/errors.js';
import type { ValueKind } from './kinds.js';
import {
  type OptionName,
  type OptionSpec,
  type OptionValues,
  optionNamed,
  type RawValues,
} from './options.js';

/** The two front doors: they spell options differently and read paths from different places. */
export type FrontDoor = 'cli' | 'action';

/** Where a layer of raw values came from, which decides how errors name an option. */
export type Source = { readonly door: FrontDoor } | { readonly door: 'file'; readonly label: string };

export interface Problem {
  /** One line, naming the input as the user spelled it. */
  readonly message: string;
  readonly input: string;
  /** The options it is about: a rule's problem is left out when one of them was invalid already. */
  readonly options?: readonly OptionName[];
}

/** Every problem at once: the first is the message, the rest its details. */
export function throwProblems(problems: readonly Problem[]): void {
  const [first, ...rest] = problems;
  if (first) throw new InputError(first.message, { input: first.input, details: rest.map((p) => p.message) });
}

/** `--build-arg`, `build-args input` or `.worker-gate.yml: build-args`. */
export function inputLabel(spec: OptionSpec, source: Source): string {
  switch (source.door) {
    case 'cli':
      return `--${spec.cliName ?? spec.name}`;
    case 'action':
      return `${spec.name} input`;
    case 'file':
      return `${source.label}: ${spec.name}`;
  }
}

/** The value kind an option has behind this door (`summary` is a file on the CLI, a flag in the action). */
export function kindBehind(spec: OptionSpec, source: Source): ValueKind {
  return (source.door === 'action' && spec.action?.value) || spec;
}

/** A value as messages show it: quoted, shortened, and never a secret. */
export function shown(spec: OptionSpec, value: unknown): string {
  if (spec.secret) return '"***"';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 77)}…` : json;
}

/** `invalid --memory "1kB": <reason>`, or `.worker-gate.yml: invalid memory "1kB": <reason>`. */
export function refused(
  spec: OptionSpec & { readonly name: OptionName },
  source: Source,
  value: unknown,
  reason: string,
  item?: number,
): Problem {
  const input = inputLabel(spec, source);
  const what = `${shown(spec, value)}: ${reason}`;
  const message =
    source.door === 'file'
      ? `${source.label}: invalid ${spec.name}${item === undefined ? '' : ` item ${item + 1}`} ${what}`
      : `invalid ${input} ${what}`;
  return { message, input, options: [spec.name] };
}

export function invalid(
  spec: OptionSpec & { readonly name: OptionName },
  source: Source,
  value: unknown,
  expected: string,
  item?: number,
): Problem {
  return refused(spec, source, value, `expected ${expected}`, item);
}

/** One zod issue as one line: a list's bad item is shown alone; a parser's own words win. */
function problemFor(
  spec: OptionSpec & { readonly name: OptionName },
  source: Source,
  raw: unknown,
  issue: z.core.$ZodIssue,
): Problem {
  const kind = kindBehind(spec, source);
  const first = issue.path[0];
  const item = Array.isArray(raw) && typeof first === 'number' ? first : undefined;
  const value = item === undefined ? raw : (raw as unknown[])[item];
  const fallback = item === undefined ? kind.expected : (kind.itemExpected ?? kind.expected);
  const expected = issue.code === 'custom' ? issue.message : fallback;
  return invalid(spec, source, value, expected, source.door === 'file' ? item : undefined);
}

/**
 * Validate one layer of raw values with each option's schema. Unset values
 * (undefined, and YAML's null for a key left empty) are skipped, so a layer
 * only carries what it sets.
 */
export function parseLayer(
  raw: RawValues,
  source: Source,
): { values: Partial<OptionValues>; problems: Problem[] } {
  const values: Partial<Record<OptionName, unknown>> = {};
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const spec = optionNamed(name);
    if (!spec) throw new Error(`internal: no option named "${name}"`);
    if (value === undefined || value === null) continue;
    const result = kindBehind(spec, source).schema.safeParse(value);
    if (result.success) values[spec.name] = result.data;
    else {
      const lines = result.error.issues.map((issue) => problemFor(spec, source, value, issue));
      problems.push(
        ...lines.filter((line, i) => lines.findIndex((other) => other.message === line.message) === i),
      );
    }
  }
  // Each value was checked against its own option's schema just above.
  return { values: values as Partial<OptionValues>, problems };
}
