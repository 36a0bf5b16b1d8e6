import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { InputError } from './errors.js';
import { type ConfigFile, findConfigFile, isMissing, type ReadFile, readFailure, readUtf8 } from './file.js';
import {
  type DefaultedName,
  type OptionName,
  type OptionValues,
  type RawValues,
  SPECS,
  type Stage,
  specNamed,
} from './options.js';
import type { SizeOrPercent } from './units.js';
import { type FrontDoor, inputLabel, invalid, type Problem, parseLayer, type Source } from './validate.js';
import type { RequireSpec } from './versions.js';

export type CacheLayout = 'separate' | 'shared' | 'both';

/** Where an option's value came from. */
export type Origin = 'default' | 'file' | 'cli' | 'action' | 'env';

/**
 * Everything a run needs to know, validated and typed. Paths are absolute.
 * Sizes are bytes, percents are numbers of percent (10 for 10%).
 */
export interface Config {
  /** The config file read, if any. */
  readonly configFile?: string;

  // build
  /** Defaults to the shipped images/worker-base-common/Dockerfile. */
  readonly dockerfile: string;
  /** Defaults to the Dockerfile's folder. */
  readonly context: string;
  /** Unset: the build stage names the image after the run. */
  readonly tag?: string;
  readonly buildArgs: Readonly<Record<string, string>>;
  /** An existing image to use instead of building. */
  readonly image?: string;

  // outputs
  /** The JSON report; the action always has one (in RUNNER_TEMP by default), the CLI only when asked. */
  readonly report?: string;
  /** CLI `--summary FILE`: the Markdown summary's file. */
  readonly summaryFile?: string;
  /** Action `summary`: write the job summary (default true). Always false on the CLI. */
  readonly jobSummary: boolean;
  readonly junit?: string;
  readonly html?: string;

  // contract
  readonly require: readonly RequireSpec[];
  readonly forbidCommands: readonly string[];
  /** PEP 503 normalised. */
  readonly forbidPackages: readonly string[];
  /** PEP 503 normalised name → the reason given. */
  readonly allowPackages: Readonly<Record<string, string>>;
  readonly skipChecks: readonly string[];
  /** Bytes. */
  readonly maxImageSize?: number;
  readonly baselineImage?: string;
  readonly maxSizeIncrease?: SizeOrPercent;
  readonly requirePinnedImages: boolean;
  /** max-wasted-bytes: bytes, or a percent of the image size. */
  readonly maxWastedBytes?: SizeOrPercent;
  /** min-efficiency, in percent. */
  readonly minEfficiencyPercent?: number;

  // e2e
  /** An absolute folder, or a git URL as given (see isTemplateUrl); defaults to the shipped templates/service. */
  readonly template: string;
  readonly templateRef: string;
  readonly copierVersion: string;
  readonly data: Readonly<Record<string, string>>;
  readonly trustTemplate: boolean;
  readonly setupTarget: string;
  readonly lintTarget: string;
  readonly testTarget: string;
  readonly memoryBytes: number;
  readonly cpus: number;
  /** A readable PEM bundle (checked for the commands that use it); defaults to the host's SSL_CERT_FILE. */
  readonly caBundle?: string;
  readonly phaseTimeoutSeconds: number;
  readonly allowPythonMismatch: boolean;
  readonly warmRuns: number;
  readonly cacheLayout: CacheLayout;
  readonly maxWarmSetupSeconds?: number;
  readonly minSetupSpeedup?: number;
  readonly maxLayoutRatio?: number;
  readonly skipE2e: boolean;

  // pull requests
  readonly baselineRef?: string;
  readonly baselineReport?: string;
  /** A ratio: the warm median may be at most this times the baseline's. */
  readonly maxWarmSetupRegression?: number;
  readonly timingNoisePercent: number;
  /** Action only; always false on the CLI. */
  readonly comment: boolean;
  /** The action's `github-token`, or GITHUB_TOKEN on the CLI. */
  readonly githubToken?: string;

  /** Every set option's validated value, by option name (what explain shows). */
  readonly values: Readonly<Partial<OptionValues>>;
  /** Where each set option came from. */
  readonly sources: Readonly<Partial<Record<OptionName, Origin>>>;
}

export interface ResolveInput {
  readonly frontDoor: FrontDoor;
  /** The command being run: it decides which options are required and which files are read. */
  readonly command: Stage;
  /** Raw values from `fromCliOptions` or `fromActionInputs`. */
  readonly overrides: RawValues;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The CLI's relative paths start here (and the action's when GITHUB_WORKSPACE is unset). */
  readonly cwd: string;
  /** The folder holding the shipped images/ and templates/ (the package root). */
  readonly assetsDir: string;
  /** For tests; defaults to reading UTF-8 from disk. */
  readonly readFile?: ReadFile;
}

/** Options that always have a value, and the rest maybe. */
type Resolved = { [K in DefaultedName]: OptionValues[K] } & Partial<OptionValues>;

// The table's literal defaults, parsed like any input; a bad one is a bug, so fail at load.
const DEFAULTS = Object.fromEntries(
  SPECS.flatMap((spec) => (spec.default === undefined ? [] : [[spec.name, spec.schema.parse(spec.default)]])),
) as { [K in DefaultedName]: OptionValues[K] };

const PEM_MARKER = '-----BEGIN CERTIFICATE-----';
const PEM_EXPECTED = `a PEM CA bundle holding at least one "${PEM_MARKER}" block`;

/** Copier takes git URLs in these forms; anything else is a local folder. */
export function isTemplateUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^[\w.-]+@[\w.-]+:/.test(value) || /^(gh|gl):/.test(value);
}

/** Make a layer's paths absolute from `base`, the folder they are relative to. */
function resolvePaths(values: Partial<OptionValues>, base: string): Partial<OptionValues> {
  const resolved: Partial<Record<OptionName, unknown>> = { ...values };
  for (const spec of SPECS) {
    const value = values[spec.name];
    if (spec.kind !== 'path' || typeof value !== 'string') continue;
    if (spec.pathOrUrl && isTemplateUrl(value)) continue;
    resolved[spec.name] = resolve(base, value);
  }
  return resolved as Partial<OptionValues>;
}

function throwProblems(problems: readonly Problem[]): void {
  const [first, ...rest] = problems;
  if (first) throw new InputError(first.message, { input: first.input, details: rest.map((p) => p.message) });
}

/**
 * Every input → one Config. Precedence: the table's defaults < the config file <
 * the front door's options (CLI flags, action inputs). Paths in the config file
 * are relative to its folder, CLI paths to `cwd`, action paths to
 * GITHUB_WORKSPACE. Throws InputError naming the input, in the spelling of where
 * it came from, for anything wrong (every bad value at once: the first is the
 * message, the rest its details).
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
  throwProblems([...door.problems, ...fileLayer.problems]);

  const layers: Array<[Partial<OptionValues>, Origin, Source | undefined]> = [
    [DEFAULTS, 'default', undefined],
    [file ? resolvePaths(fileLayer.values, dirname(file.path)) : {}, 'file', fileSource],
    [resolvePaths(door.values, base), frontDoor, doorSource],
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
  const values = merged as Resolved;

  requireFor(command, values, doorSource, file);
  const caBundle = resolveCaBundle({ command, values, sources, origins, env, readFile });
  return toConfig({ values, origins, caBundle, input, file });
}

/** Options a command cannot run without (`image` for check and e2e). */
function requireFor(
  command: Stage,
  values: Resolved,
  doorSource: Source,
  file: ConfigFile | undefined,
): void {
  for (const spec of SPECS) {
    if (!spec.requiredFor?.includes(command) || values[spec.name] !== undefined) continue;
    const where = file ? `, or set ${spec.name} in ${file.label}` : '';
    throw new InputError(`${command} needs ${inputLabel(spec, doorSource)}${where}`, {
      input: inputLabel(spec, doorSource),
    });
  }
}

/**
 * The CA bundle the workers get, for the commands that start workers: the one
 * given, which must be a readable PEM file, else the host's SSL_CERT_FILE when
 * that file exists (then it must be PEM too: a broken bundle would only
 * resurface as a TLS failure deep inside a worker).
 */
function resolveCaBundle(context: {
  command: Stage;
  values: Resolved;
  sources: Partial<Record<OptionName, Source>>;
  origins: Partial<Record<OptionName, Origin>>;
  env: Readonly<Record<string, string | undefined>>;
  readFile: ReadFile;
}): string | undefined {
  const { command, values, sources, origins, env, readFile } = context;
  const spec = specNamed('ca-bundle');
  const given = values['ca-bundle'];
  const source = sources['ca-bundle'];
  if (!spec.stages.includes(command)) return given;
  if (given !== undefined && source) {
    const label = inputLabel(spec, source);
    let text: string;
    try {
      text = readFile(given);
    } catch (error) {
      throw new InputError(`cannot read ${label} "${given}": ${readFailure(error)}`, { input: label });
    }
    if (!text.includes(PEM_MARKER)) throwProblems([invalid(spec, source, given, PEM_EXPECTED)]);
    return given;
  }
  const host = env.SSL_CERT_FILE;
  if (!host) return undefined;
  const where = `SSL_CERT_FILE "${host}" (the default ${inputLabel(spec, { door: 'cli' })})`;
  let text: string;
  try {
    text = readFile(host);
  } catch (error) {
    // Not there (or not a file): no default bundle, as when SSL_CERT_FILE is unset.
    const code = (error as NodeJS.ErrnoException).code;
    if (isMissing(error) || code === 'EISDIR') return undefined;
    throw new InputError(`cannot read ${where}: ${readFailure(error)}`, { input: 'SSL_CERT_FILE' });
  }
  if (!text.includes(PEM_MARKER)) {
    throw new InputError(`invalid ${where}: expected ${PEM_EXPECTED}`, { input: 'SSL_CERT_FILE' });
  }
  origins['ca-bundle'] = 'env';
  return resolve(host);
}

function toConfig(parts: {
  values: Resolved;
  origins: Partial<Record<OptionName, Origin>>;
  caBundle: string | undefined;
  input: ResolveInput;
  file: ConfigFile | undefined;
}): Config {
  const { values: v, origins, caBundle, input, file } = parts;
  const { frontDoor, env, assetsDir } = input;
  const action = frontDoor === 'action';
  const dockerfile = v.dockerfile ?? join(assetsDir, 'images', 'worker-base-common', 'Dockerfile');
  const report =
    v.report ?? (action ? join(env.RUNNER_TEMP || tmpdir(), 'worker-gate-report.json') : undefined);
  const cliToken = env.GITHUB_TOKEN || undefined;
  if (!action && cliToken) origins['github-token'] = 'env';
  return {
    configFile: file?.path,
    dockerfile,
    context: v.context ?? dirname(dockerfile),
    tag: v.tag,
    buildArgs: v['build-args'] ?? {},
    image: v.image,
    report,
    summaryFile: typeof v.summary === 'string' ? v.summary : undefined,
    jobSummary: action && v.summary !== false,
    junit: v.junit,
    html: v.html,
    require: v.require,
    forbidCommands: v['forbid-commands'],
    forbidPackages: v['forbid-packages'],
    allowPackages: v['allow-packages'] ?? {},
    skipChecks: v['skip-checks'] ?? [],
    maxImageSize: v['max-image-size'],
    baselineImage: v['baseline-image'],
    maxSizeIncrease: v['max-size-increase'],
    requirePinnedImages: v['require-pinned-images'],
    maxWastedBytes: v['max-wasted-bytes'],
    minEfficiencyPercent: v['min-efficiency'],
    template: v.template ?? join(assetsDir, 'templates', 'service'),
    templateRef: v['template-ref'],
    copierVersion: v['copier-version'],
    data: v.data ?? {},
    trustTemplate: v['trust-template'],
    setupTarget: v['setup-target'],
    lintTarget: v['lint-target'],
    testTarget: v['test-target'],
    memoryBytes: v.memory,
    cpus: v.cpus,
    caBundle,
    phaseTimeoutSeconds: v['phase-timeout'],
    allowPythonMismatch: v['allow-python-mismatch'],
    warmRuns: v['warm-runs'],
    cacheLayout: v['cache-layout'],
    maxWarmSetupSeconds: v['max-warm-setup-seconds'],
    minSetupSpeedup: v['min-setup-speedup'],
    maxLayoutRatio: v['max-layout-ratio'],
    skipE2e: v['skip-e2e'],
    baselineRef: v['baseline-ref'],
    baselineReport: v['baseline-report'],
    maxWarmSetupRegression: v['max-warm-setup-regression'],
    timingNoisePercent: v['timing-noise'],
    comment: action && v.comment,
    githubToken: action ? v['github-token'] : cliToken,
    values: v,
    sources: origins,
  };
}
