import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { type CheckCatalogue, normalizeCheckId } from '../model/checks.js';
import type { Command } from '../model/command.js';
import type { CellCoordinates } from '../model/report.js';
import { type CaBundle, resolveCaBundle } from './ca-bundle.js';
import { dockerConfigDir, type EngineTarget, resolveEngines } from './docker-contexts.js';
import { findConfigFile, type ReadFile, readUtf8 } from './file.js';
import { type HostPaths, realPaths } from './host-paths.js';
import { cellNamed, DEFAULT_MATRIX_FILE, readMatrixFile } from './matrix-file.js';
import {
  type AnyOption,
  type DefaultedName,
  type OptionName,
  type OptionSpec,
  type OptionValues,
  type RawValues,
  type ResolvedValues,
  SPECS,
  specNamed,
} from './options.js';
import { ruleProblems } from './rules.js';
import { isTemplateUrl } from './template-url.js';
import {
  type FrontDoor,
  inputLabel,
  type Problem,
  parseLayer,
  type Source,
  throwProblems,
} from './validate.js';

/** The cache-layout option: one layout, or `both` to measure each. */
export type CacheLayoutOption = OptionValues['cache-layout'];

/** Where an option's value came from. */
export type Origin = 'default' | 'file' | 'cli' | 'action' | 'env';

type FieldOption = Extract<AnyOption, { field: string }>;
/** Options whose field always holds a value: a literal default, one computed at run time, or a repeatable (empty when unset). */
type AlwaysSet = Extract<
  FieldOption,
  { default: unknown } | { computedDefault: true } | { kind: 'list' | 'keyvalue-list' }
>;
type FieldValue<O extends AnyOption> = Readonly<z.output<O['schema']>>;

/** One field per option of the table, named by its `field`, typed by its schema. */
export type OptionFields = { readonly [O in AlwaysSet as O['field']]: FieldValue<O> } & {
  readonly [O in Exclude<FieldOption, AlwaysSet> as O['field']]?: FieldValue<O>;
};

/**
 * Everything a run needs to know, validated and typed: a field per option
 * (OptionFields), plus what the front doors make of the options that steer them.
 * Paths are absolute (template may be a git URL, see isTemplateUrl). Sizes are
 * bytes, percents are numbers of percent (10 for 10%); package names are PEP 503
 * normalised.
 */
export interface Config extends OptionFields {
  /** The config file read, if any. */
  readonly configFile?: string;
  /** `cell`: the matrix cell this run is, as its report records it. */
  readonly cell?: CellCoordinates;
  /** CLI `--summary FILE`: the Markdown summary's file. */
  readonly summaryFile?: string;
  /** Action `summary`: write the job summary (default true). Always false on the CLI. */
  readonly jobSummary: boolean;
  /** The bytes of caBundle, read (and checked to be PEM) once, for the commands that start workers. */
  readonly caPem?: Buffer;
  /** audit: the engines (`engines`, `all-contexts`) resolved, one per endpoint; none, the environment's engine. */
  readonly engineTargets?: readonly EngineTarget[];
  /** Engines named twice (two contexts of one endpoint). */
  readonly engineWarnings?: readonly string[];

  /** Every set option's validated value, by option name (what explain shows). */
  readonly values: Readonly<Partial<OptionValues>>;
  /** Where each set option came from. */
  readonly sources: Readonly<Partial<Record<OptionName, Origin>>>;
  /** Where each item came from, for the lists that add to their defaults (the forbid lists). */
  readonly itemSources: Readonly<Partial<Record<OptionName, readonly Origin[]>>>;
  /** Each option as messages name it: where the user set it (`--cpus`, `.worker-gate.yml: cpus`), else the front door's spelling. */
  readonly spelled: Readonly<Record<OptionName, string>>;
}

/** An option's value as the run holds it: its Config field (undefined for an option with none). */
export function fieldValue(config: Config, spec: OptionSpec): unknown {
  return spec.field === undefined ? undefined : (config as unknown as Record<string, unknown>)[spec.field];
}

export interface ResolveInput {
  readonly frontDoor: FrontDoor;
  /** The command being run: it decides which options are required and which files are read. */
  readonly command: Command;
  /** Raw values from `fromCliOptions` or `fromActionInputs`. */
  readonly overrides: RawValues;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The CLI's relative paths start here (and the action's when GITHUB_WORKSPACE is unset). */
  readonly cwd: string;
  /** The folder holding the shipped images/ and templates/ (the package root). */
  readonly assetsDir: string;
  /** What the front door could not place (unknown flags, stray arguments): reported first, with every other problem. */
  readonly unplaced?: readonly Problem[];
  /** The check ids skip-checks may name: the judge's registry, which config does not load itself. */
  readonly checks: CheckCatalogue;
  /** For tests; defaults to reading UTF-8 from disk. */
  readonly readFile?: ReadFile;
  /** For tests; defaults to asking the host's file system. */
  readonly paths?: HostPaths;
}

// The table's literal defaults, parsed like any input; a bad one is a bug, so fail at load.
const DEFAULTS = Object.fromEntries(
  SPECS.flatMap((spec) => (spec.default === undefined ? [] : [[spec.name, spec.schema.parse(spec.default)]])),
) as { [K in DefaultedName]: OptionValues[K] };

export { isTemplateUrl } from './template-url.js';

/**
 * Make a layer's paths absolute from `base`, the folder they are relative to;
 * on the command line, `-` stays standard output where the option takes it.
 */
function resolvePaths(values: Partial<OptionValues>, base: string, cli = false): Partial<OptionValues> {
  const resolved: Partial<Record<OptionName, unknown>> = { ...values };
  for (const spec of SPECS) {
    const value = values[spec.name];
    if (spec.kind !== 'path' || typeof value !== 'string') continue;
    if (spec.pathOrUrl && isTemplateUrl(value)) continue;
    if (cli && spec.dashIsStdout && value === '-') continue;
    resolved[spec.name] = resolve(base, value);
  }
  return resolved as Partial<OptionValues>;
}

/**
 * Every input → one Config. Precedence: the table's defaults < the config file <
 * the front door's options (CLI flags, action inputs). Paths in the config file
 * are relative to its folder, CLI paths to `cwd`, action paths to
 * GITHUB_WORKSPACE. Everything that needs no engine is checked here: each
 * value, the rules across options and the files they name (rules.ts). Throws
 * InputError naming the input, in the spelling of where it came from, for
 * anything wrong (every problem at once: the first is the message, the rest its
 * details).
 */
export function resolveConfig(input: ResolveInput): Config {
  const { frontDoor, command, env } = input;
  const readFile = input.readFile ?? readUtf8;
  const base =
    frontDoor === 'action' && env.GITHUB_WORKSPACE ? resolve(input.cwd, env.GITHUB_WORKSPACE) : input.cwd;
  const doorSource: Source = { door: frontDoor };
  const door = parseLayer(input.overrides, doorSource);
  const file = findConfigFile({
    named: door.values.config,
    namedBy: inputLabel(specNamed('config'), doorSource),
    base,
    readFile,
  });
  const fileSource: Source | undefined = file && { door: 'file', label: file.label };
  const fileLayer = file && fileSource ? parseLayer(file.values, fileSource) : { values: {}, problems: [] };
  const cell = cellLayer(door.values, doorSource, base, readFile);

  const layers: Array<[Partial<OptionValues>, Origin, Source | undefined]> = [
    [DEFAULTS, 'default', undefined],
    [file ? resolvePaths(fileLayer.values, dirname(file.path)) : {}, 'file', fileSource],
    [cell ? resolvePaths(cell.layer.values, dirname(cell.path)) : {}, 'file', cell?.source],
    [resolvePaths(door.values, base, frontDoor === 'cli'), frontDoor, doorSource],
  ];
  const merged: Partial<Record<OptionName, unknown>> = {};
  const origins: Partial<Record<OptionName, Origin>> = {};
  const sources: Partial<Record<OptionName, Source>> = {};
  for (const [values, origin, source] of layers) {
    for (const [name, value] of Object.entries(values) as Array<[OptionName, unknown]>) {
      merged[name] = value;
      origins[name] = origin;
      if (source) sources[name] = source;
    }
  }
  const itemSources = addToDefaults(merged, origins);
  // `forbid-package:PyYAML` skips the check named `forbid-package:pyyaml`.
  if (Array.isArray(merged['skip-checks']))
    merged['skip-checks'] = merged['skip-checks'].map((id: string) =>
      normalizeCheckId(id, input.checks.families),
    );
  const values = merged as ResolvedValues;
  const spelledAt = (name: OptionName): Source => sources[name] ?? doorSource;
  const label = (name: OptionName): string => inputLabel(specNamed(name), spelledAt(name));

  const parseProblems = [
    ...(input.unplaced ?? []),
    ...door.problems,
    ...(file?.problems ?? []),
    ...fileLayer.problems,
    ...(cell?.layer.problems ?? []),
  ];
  const invalidOptions = new Set(parseProblems.flatMap((problem) => problem.options ?? []));
  const rules = ruleProblems(
    {
      command,
      values,
      source: (name) => sources[name],
      spelledAt,
      label,
      paths: input.paths ?? realPaths,
      checks: input.checks,
      ...(file ? { configLabel: file.label, configPath: file.path } : {}),
    },
    invalidOptions,
  );
  const ca: CaBundle = invalidOptions.has('ca-bundle')
    ? { problems: [] }
    : resolveCaBundle({ command, values, sources, env, readFile });
  if (ca.fromHost) origins['ca-bundle'] = 'env';
  // matrix resolves its own (matrix-file.ts); audit audits each engine.
  const engines =
    command === 'audit'
      ? resolveEngines(
          values.engines ?? [],
          values['all-contexts'] === true,
          { env, configDir: dockerConfigDir(env) },
          { engines: label('engines'), allContexts: label('all-contexts') },
        )
      : undefined;
  throwProblems([...parseProblems, ...rules, ...ca.problems, ...(engines?.problems ?? [])]);
  const spelled = Object.fromEntries(SPECS.map((spec) => [spec.name, label(spec.name)])) as Record<
    OptionName,
    string
  >;
  const action = frontDoor === 'action';
  const cliToken = action ? undefined : env.GITHUB_TOKEN || undefined;
  if (cliToken) origins['github-token'] = 'env';
  const unset = runTimeDefaults(values, input, { caBundle: ca.fromHost, githubToken: cliToken });
  return {
    ...optionFields(values, unset, action),
    configFile: file?.path,
    ...(cell ? { cell: cell.coordinates } : {}),
    summaryFile: typeof values.summary === 'string' ? values.summary : undefined,
    jobSummary: action && values.summary !== false,
    caPem: ca.pem,
    ...(engines ? { engineTargets: engines.targets, engineWarnings: engines.warnings } : {}),
    values,
    sources: origins,
    itemSources,
    spelled,
  };
}

/**
 * The lists that add to their defaults (the forbid lists): the default's items
 * unless `default-forbids` is false, then the winning layer's items that are
 * not among them. Returns where each item of those lists came from.
 */
function addToDefaults(
  merged: Partial<Record<OptionName, unknown>>,
  origins: Partial<Record<OptionName, Origin>>,
): Partial<Record<OptionName, readonly Origin[]>> {
  const itemSources: Partial<Record<OptionName, readonly Origin[]>> = {};
  const defaults: Partial<Record<OptionName, unknown>> = DEFAULTS;
  for (const spec of SPECS) {
    if (spec.defaultsKeptBy === undefined) continue;
    const keep = merged[spec.defaultsKeptBy as OptionName] !== false;
    const base = keep ? ((defaults[spec.name] ?? []) as readonly string[]) : [];
    const origin = origins[spec.name] ?? 'default';
    const given = origin === 'default' ? [] : ((merged[spec.name] ?? []) as readonly string[]);
    const added = given.filter((item, i) => !base.includes(item) && given.indexOf(item) === i);
    merged[spec.name] = [...base, ...added];
    itemSources[spec.name] = [...base.map((): Origin => 'default'), ...added.map(() => origin)];
  }
  return itemSources;
}

/**
 * `cell`: the cell's values from the matrix file (`matrix-file`, else the default in
 * `base`), a layer between the config file and the front door; paths in it are
 * relative to the matrix file's folder.
 */
function cellLayer(
  doorValues: Partial<OptionValues>,
  doorSource: Source,
  base: string,
  readFile: ReadFile,
):
  | { layer: ReturnType<typeof parseLayer>; source: Source; path: string; coordinates: CellCoordinates }
  | undefined {
  const id = doorValues.cell;
  if (id === undefined) return undefined;
  const named = doorValues['matrix-file'];
  const input = inputLabel(specNamed(named === undefined ? 'cell' : 'matrix-file'), doorSource);
  const other = inputLabel(specNamed('matrix-file'), doorSource);
  const file = readMatrixFile(named ?? DEFAULT_MATRIX_FILE, {
    base,
    input,
    other: doorSource.door === 'action' ? `the ${other}` : other,
    namedByInput: named !== undefined,
    readFile,
  });
  const plan = cellNamed(file, id, inputLabel(specNamed('cell'), doorSource));
  const source: Source = { door: 'file', label: `${file.label}: cell ${id}` };
  const { values, ...coordinates } = plan;
  return { layer: parseLayer(values, source), source, path: file.path, coordinates };
}

/** What stands in for an option left unset, where the run supplies it rather than the table. */
type RunTimeDefaults = {
  [K in Extract<AnyOption, { computedDefault: true }>['name']]: OptionValues[K];
} & Partial<OptionValues>;

/**
 * Defaults that depend on the run: the shipped assets' folder, another option,
 * the front door (the action always writes a report) or the host (SSL_CERT_FILE,
 * the CLI's GITHUB_TOKEN).
 */
function runTimeDefaults(
  values: ResolvedValues,
  input: ResolveInput,
  host: { caBundle: string | undefined; githubToken: string | undefined },
): RunTimeDefaults {
  const { frontDoor, env, assetsDir } = input;
  const dockerfile = values.dockerfile ?? join(assetsDir, 'images', 'worker-base-common', 'Dockerfile');
  return {
    dockerfile,
    context: dirname(dockerfile),
    template: join(assetsDir, 'templates', 'service'),
    report: frontDoor === 'action' ? join(env.RUNNER_TEMP || tmpdir(), 'worker-gate-report.json') : undefined,
    'ca-bundle': host.caBundle,
    'github-token': host.githubToken,
  };
}

/**
 * Each option's value under its field: the merged value, else the run's
 * default, else an empty list for a repeatable. Outside the action an
 * action-only option keeps the table's default whatever a file says (the CLI
 * posts no comment and has audit and explain as commands).
 */
function optionFields(values: ResolvedValues, unset: RunTimeDefaults, action: boolean): OptionFields {
  const fields: Record<string, unknown> = {};
  const defaults: Partial<OptionValues> = DEFAULTS;
  for (const spec of SPECS) {
    if (spec.field === undefined) continue;
    const given = spec.actionOnly && !action ? defaults[spec.name] : values[spec.name];
    fields[spec.field] = given ?? unset[spec.name] ?? emptyOf(spec);
  }
  return fields as unknown as OptionFields;
}

/** A repeatable left unset holds nothing: an empty list, or no pairs. */
function emptyOf(spec: OptionSpec): unknown {
  if (spec.kind === 'list') return [];
  if (spec.kind === 'keyvalue-list') return {};
  return undefined;
}
