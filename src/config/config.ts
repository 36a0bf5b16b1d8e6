import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type ConfigFile, findConfigFile, isMissing, type ReadFile, readFailure, readUtf8 } from './file.js';
import { type HostPaths, realPaths } from './host-paths.js';
import {
  type DefaultedName,
  type OptionName,
  type OptionValues,
  type RawValues,
  type ResolvedValues,
  SPECS,
  type Stage,
  specNamed,
} from './options.js';
import { ruleProblems } from './rules.js';
import { isTemplateUrl } from './template-url.js';
import type { SizeOrPercent } from './units.js';
import {
  type FrontDoor,
  inputLabel,
  invalid,
  type Problem,
  parseLayer,
  type Source,
  throwProblems,
} from './validate.js';
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
  /** Bounds every engine call, exec start and git command. */
  readonly engineTimeoutSeconds: number;
  readonly allowPythonMismatch: boolean;
  /** Keep the worker and volumes of a failed phase (labelled worker-gate.keep). */
  readonly keep: boolean;
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

  // audit
  /** Docker filters, `KEY=VALUE`, as given. */
  readonly filters: readonly string[];
  readonly expectImage?: string;
  /** Action `audit`: run the audit instead of verify. Always false on the CLI (the `audit` command). */
  readonly audit: boolean;

  /** Every set option's validated value, by option name (what explain shows). */
  readonly values: Readonly<Partial<OptionValues>>;
  /** Where each set option came from. */
  readonly sources: Readonly<Partial<Record<OptionName, Origin>>>;
  /** Each option as messages name it: where the user set it (`--cpus`, `.worker-gate.yml: cpus`), else the front door's spelling. */
  readonly spelled: Readonly<Record<OptionName, string>>;
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
  /** For tests; defaults to asking the host's file system. */
  readonly paths?: HostPaths;
}

// The table's literal defaults, parsed like any input; a bad one is a bug, so fail at load.
const DEFAULTS = Object.fromEntries(
  SPECS.flatMap((spec) => (spec.default === undefined ? [] : [[spec.name, spec.schema.parse(spec.default)]])),
) as { [K in DefaultedName]: OptionValues[K] };

const PEM_MARKER = '-----BEGIN CERTIFICATE-----';
const PEM_EXPECTED = `a PEM CA bundle holding at least one "${PEM_MARKER}" block`;

export { isTemplateUrl } from './template-url.js';

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
  const values = merged as ResolvedValues;
  const spelledAt = (name: OptionName): Source => sources[name] ?? doorSource;
  const label = (name: OptionName): string => inputLabel(specNamed(name), spelledAt(name));

  const parseProblems = [...door.problems, ...fileLayer.problems];
  const invalidOptions = new Set(parseProblems.flatMap((problem) => problem.options ?? []));
  const rules = ruleProblems(
    {
      command,
      values,
      source: (name) => sources[name],
      spelledAt,
      label,
      paths: input.paths ?? realPaths,
      ...(file ? { configLabel: file.label, configPath: file.path } : {}),
    },
    invalidOptions,
  );
  const ca = invalidOptions.has('ca-bundle')
    ? { problems: [] }
    : resolveCaBundle({ command, values, sources, origins, env, readFile });
  throwProblems([...parseProblems, ...rules, ...ca.problems]);
  const spelled = Object.fromEntries(SPECS.map((spec) => [spec.name, label(spec.name)])) as Record<
    OptionName,
    string
  >;
  return toConfig({ values, origins, spelled, caBundle: ca.caBundle, input, file });
}

/**
 * The CA bundle the workers get, for the commands that start workers: the one
 * given, which must be a readable PEM file, else the host's SSL_CERT_FILE when
 * that file exists (then it must be PEM too: a broken bundle would only
 * resurface as a TLS failure deep inside a worker).
 */
function resolveCaBundle(context: {
  command: Stage;
  values: ResolvedValues;
  sources: Partial<Record<OptionName, Source>>;
  origins: Partial<Record<OptionName, Origin>>;
  env: Readonly<Record<string, string | undefined>>;
  readFile: ReadFile;
}): { caBundle?: string; problems: Problem[] } {
  const { command, values, sources, origins, env, readFile } = context;
  const spec = specNamed('ca-bundle');
  const given = values['ca-bundle'];
  const source = sources['ca-bundle'];
  if (!spec.stages.includes(command))
    return given === undefined ? { problems: [] } : { caBundle: given, problems: [] };
  if (given !== undefined && source) {
    const label = inputLabel(spec, source);
    let text: string;
    try {
      text = readFile(given);
    } catch (error) {
      const message = `cannot read ${label} "${given}": ${readFailure(error)}`;
      return { problems: [{ message, input: label, options: ['ca-bundle'] }] };
    }
    if (!text.includes(PEM_MARKER)) return { problems: [invalid(spec, source, given, PEM_EXPECTED)] };
    return { caBundle: given, problems: [] };
  }
  const host = env.SSL_CERT_FILE;
  if (!host) return { problems: [] };
  const where = `SSL_CERT_FILE "${host}" (the default ${inputLabel(spec, { door: 'cli' })})`;
  let text: string;
  try {
    text = readFile(host);
  } catch (error) {
    // Not there (or not a file): no default bundle, as when SSL_CERT_FILE is unset.
    const code = (error as NodeJS.ErrnoException).code;
    if (isMissing(error) || code === 'EISDIR') return { problems: [] };
    return {
      problems: [{ message: `cannot read ${where}: ${readFailure(error)}`, input: 'SSL_CERT_FILE' }],
    };
  }
  if (!text.includes(PEM_MARKER)) {
    return { problems: [{ message: `invalid ${where}: expected ${PEM_EXPECTED}`, input: 'SSL_CERT_FILE' }] };
  }
  origins['ca-bundle'] = 'env';
  return { caBundle: resolve(host), problems: [] };
}

function toConfig(parts: {
  values: ResolvedValues;
  origins: Partial<Record<OptionName, Origin>>;
  spelled: Record<OptionName, string>;
  caBundle: string | undefined;
  input: ResolveInput;
  file: ConfigFile | undefined;
}): Config {
  const { values: v, origins, spelled, caBundle, input, file } = parts;
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
    engineTimeoutSeconds: v['engine-timeout'],
    allowPythonMismatch: v['allow-python-mismatch'],
    keep: v.keep,
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
    filters: v.filters ?? [],
    expectImage: v['expect-image'],
    audit: action && v.audit,
    values: v,
    sources: origins,
    spelled,
  };
}
