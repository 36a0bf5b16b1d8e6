import type { z } from 'zod';
import type { Command } from '../model/command.js';
import { RUN_ID_EXAMPLE, RUN_ID_PATTERN } from '../model/run-id.js';
import { filterItem } from './filters.js';
import {
  cacheItem,
  checkIdItem,
  commandItem,
  engineItem,
  fileOrGlobItem,
  flag,
  imageReference,
  integer,
  keyValues,
  list,
  number,
  oneOf,
  packageItem,
  path,
  percent,
  requireItem,
  secondsRange,
  secretItem,
  size,
  sizeOrPercent,
  sshItem,
  text,
  tryFixItem,
  VARIABLE,
  type ValueKind,
  variableItem,
} from './kinds.js';
import { normalizeName, PROJECT_NAME } from './pep503.js';

/**
 * Every option of worker-gate, once. The CLI's flags, the action's inputs, the
 * config file's keys and the fields of Config are all derived from this table,
 * so no spelling can drift from another: `--name` / `name` input / `name:` key,
 * except a repeatable's CLI flag, which is the singular `cliName` (one
 * `--build-arg` per value reads better than `--build-args`).
 */

export const COMMANDS: readonly Command[] = ['build', 'check', 'e2e', 'verify', 'audit'];

/** The commands the table gives options to: the five a Report records, the CLI's `clean`, `merge` and `matrix`. */
export type OptionCommand = Command | 'clean' | 'merge' | 'matrix';

/** Where an option sits in help and in the README: what it is about. */
export type Section =
  | 'build'
  | 'contract'
  | 'e2e'
  | 'timing'
  | 'baseline'
  | 'audit'
  | 'clean'
  | 'matrix'
  | 'output'
  | 'engine';
/** Help's order and headings. */
export const SECTIONS: readonly { readonly name: Section; readonly title: string }[] = [
  { name: 'build', title: 'Build' },
  { name: 'contract', title: 'Contract' },
  { name: 'e2e', title: 'End to end' },
  { name: 'timing', title: 'Timing gates' },
  { name: 'baseline', title: 'Baseline' },
  { name: 'audit', title: 'Audit' },
  { name: 'clean', title: 'Clean' },
  { name: 'matrix', title: 'Matrix' },
  { name: 'output', title: 'Output' },
  { name: 'engine', title: 'Engine' },
];

export interface OptionSpec extends ValueKind {
  /** Kebab-case: the action input and the config key; `--name` on the CLI unless `cliName`. */
  readonly name: string;
  readonly section: Section;
  /** Repeatables: the singular CLI flag (`build-arg` for `build-args`). */
  readonly cliName?: string;
  readonly description: string;
  /**
   * The Config field holding its value: camelCase, with the unit where the value
   * carries one (`memoryBytes`). Absent where the option steers the run's inputs
   * instead (config, summary, explain): Config has its own fields for those.
   */
  readonly field?: string;
  /** The commands that take it. */
  readonly commands: readonly OptionCommand[];
  /** Required by these commands (from any layer). */
  readonly requiredFor?: readonly Command[];
  /** A literal default, parsed like any input. */
  readonly default?: string | readonly string[];
  /** A default computed at run time, described for help and action.yml. */
  readonly defaultText?: string;
  /** config.ts computes the default (defaultText says what), so Config always has a value. */
  readonly computedDefault?: true;
  /** Where the action differs from the CLI. */
  readonly action?: ActionSide;
  /** No CLI flag: only the action does this (the CLI posts no comments). */
  readonly actionOnly?: boolean;
  /** No action input: only the CLI does this (`clean`; the action's post step cleans its own run). */
  readonly cliOnly?: boolean;
  /** No key in the config file, and why (the file refuses the key with this reason). */
  readonly noConfigKey?: string;
  /** A path that may also be a git URL (`template`): URLs are not resolved. */
  readonly pathOrUrl?: boolean;
  /** Never echoed in messages. */
  readonly secret?: boolean;
  /**
   * Another option it means nothing without (rules.ts refuses it rather than
   * ignore it), the value that one must hold when any value will not do, and why.
   */
  readonly needs?: { readonly option: string; readonly value?: string; readonly why: string };
  /**
   * A list that adds to its default instead of replacing it, unless this boolean
   * option is false (`default-forbids`): the default, then the winning layer's items.
   */
  readonly defaultsKeptBy?: string;
  /** A timing gate read from the developers' clone runs: it cannot apply with handoff mount. */
  readonly readsCloneRuns?: true;
  /** A file to write that the CLI's `-` names standard output instead (`--report -`). */
  readonly dashIsStdout?: true;
}

export interface ActionSide {
  readonly description?: string;
  readonly defaultText?: string;
  /** Its value kind, where it is not the CLI's (`summary`: a file there, a flag here). */
  readonly value?: ValueKind;
  /**
   * The `default:` written in action.yml. Only for inputs the config file cannot
   * set: GitHub passes a default as if the user had typed it, so any other input
   * with one would always override the config file.
   */
  readonly default?: string;
}

/** Keeps each entry's literal type, so option values are typed by name. */
function option<const O extends OptionSpec>(spec: O): O {
  return spec;
}

const ALL = COMMANDS;
// Every command that talks to the engine.
const ENGINE: readonly OptionCommand[] = [...COMMANDS, 'clean'];
const BUILD: readonly Command[] = ['build', 'verify'];
// check reads the Dockerfile too (pinned images, annotations), with the build args its ARGs expand.
const DOCKERFILE: readonly Command[] = ['build', 'check', 'verify'];
const CHECK: readonly Command[] = ['check', 'verify'];
const E2E: readonly Command[] = ['e2e', 'verify'];
const USES_IMAGE: readonly Command[] = ['check', 'e2e', 'verify'];
const VERIFY: readonly Command[] = ['verify'];
const AUDIT: readonly Command[] = ['audit'];
const CLEAN: readonly OptionCommand[] = ['clean'];
const MERGE: readonly OptionCommand[] = ['merge'];
// The files every command writes: merge and matrix write their merged report the same way.
const WRITES: readonly OptionCommand[] = [...ALL, 'merge', 'matrix'];
const CLEAN_ONLY = 'only `worker-gate clean` takes it, on its command line';

const GIT_REF = /^[^\s-][^\s]*$/;
// image+template@ref+data-set: the pieces as cells.ts makes them.
const CELL_ID = /^[A-Za-z0-9._-]+\+[A-Za-z0-9._-]+(@[A-Za-z0-9._-]+)?(\+[A-Za-z0-9._-]+)?$/; // given to git as an argument: no spaces, no leading "-"
const MAKE_TARGET = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/;
const gitRef = () =>
  text({ expected: 'a git ref like HEAD, main or v1.2.0', valueName: 'REF', pattern: GIT_REF });
const makeTarget = () =>
  text({ expected: 'a make target name like setup', valueName: 'TARGET', pattern: MAKE_TARGET });

export const OPTIONS = [
  // common
  option({
    name: 'config',
    section: 'output',
    ...path('FILE'),
    commands: ALL,
    noConfigKey: 'it names the config file itself',
    description: 'Read options from this YAML file (keys are the option names; command-line options win).',
    defaultText: '.worker-gate.yml in the working directory (the workspace in the action), if there is one',
  }),
  option({
    name: 'report',
    field: 'report',
    section: 'output',
    ...path('FILE'),
    commands: WRITES,
    dashIsStdout: true,
    description:
      'Write the JSON report (schema version 1) to this file; - writes it to standard output, which then carries nothing else.',
    action: {
      description:
        'Write the JSON report (schema version 1) to this file; its path is the report-path output.',
      defaultText: "worker-gate-report.json in the runner's temp folder",
    },
  }),
  option({
    name: 'summary',
    section: 'output',
    ...path('FILE'),
    commands: WRITES,
    noConfigKey: 'it is a file path on the CLI and true/false in the action',
    description: 'Write the Markdown summary to this file.',
    action: { value: flag(), default: 'true', description: 'Write the job summary (true or false).' },
  }),
  option({
    name: 'junit',
    field: 'junit',
    section: 'output',
    ...path('FILE'),
    commands: WRITES,
    description: 'Write a JUnit XML report (one test case per check and phase) to this file.',
  }),
  option({
    name: 'html',
    field: 'html',
    section: 'output',
    ...path('FILE'),
    commands: WRITES,
    description: 'Write a self-contained HTML report to this file.',
  }),
  option({
    name: 'report-only',
    field: 'reportOnly',
    section: 'output',
    ...flag(),
    commands: WRITES,
    default: 'false',
    description:
      'Run and report every gate, but exit 0 when one fails (verdict fail in the report and outputs), for a first week of adoption; errors still exit 2 (merge and matrix: exit 0 when cells failed, 2 when one errored).',
  }),

  // build
  option({
    name: 'dockerfile',
    field: 'dockerfile',
    computedDefault: true,
    section: 'build',
    ...path('FILE'),
    commands: DOCKERFILE,
    description:
      'The Dockerfile to build (check: the one the image was built from, for pinned images and annotations).',
    defaultText: 'the shipped images/worker-base-common/Dockerfile',
  }),
  option({
    name: 'context',
    field: 'context',
    computedDefault: true,
    section: 'build',
    ...path('DIR'),
    commands: BUILD,
    description: 'The build context folder.',
    defaultText: "the Dockerfile's folder",
  }),
  option({
    name: 'tag',
    field: 'tag',
    section: 'build',
    ...imageReference({ example: 'worker:dev', digest: false, id: false }),
    commands: BUILD,
    description: 'Tag the built image with this reference.',
    defaultText: 'a tag named after the run',
  }),
  option({
    name: 'build-args',
    field: 'buildArgs',
    section: 'build',
    cliName: 'build-arg',
    ...keyValues({ key: VARIABLE, expected: 'KEY=VALUE, like PYTHON_VERSION=3.12', valueName: 'KEY=VALUE' }),
    commands: DOCKERFILE,
    description: 'A build argument for the Dockerfile.',
  }),
  option({
    name: 'build-backend',
    field: 'buildBackend',
    section: 'build',
    ...oneOf(['auto', 'buildkit', 'classic']),
    commands: BUILD,
    default: 'auto',
    description:
      "buildkit: build through `docker buildx build --load`; classic: the engine's classic builder; auto: BuildKit when `docker buildx` answers, else classic.",
  }),
  option({
    name: 'target',
    field: 'target',
    section: 'build',
    ...text({
      expected: 'a build stage name like runtime',
      valueName: 'STAGE',
      pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    }),
    commands: BUILD,
    description: 'Build this stage of the Dockerfile (default: its last).',
  }),
  option({
    name: 'build-cache',
    field: 'buildCache',
    section: 'build',
    ...flag(),
    commands: BUILD,
    default: 'true',
    description: 'Let the builder reuse its cached steps; --no-build-cache builds every step again.',
  }),
  option({
    name: 'pull',
    field: 'pull',
    section: 'build',
    ...flag(),
    commands: BUILD,
    default: 'false',
    description: 'Pull newer versions of the base images before building.',
  }),
  option({
    name: 'labels',
    field: 'labels',
    section: 'build',
    cliName: 'label',
    ...keyValues({
      key: /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
      expected: 'KEY=VALUE, like org.opencontainers.image.source=https://…',
      valueName: 'KEY=VALUE',
    }),
    commands: BUILD,
    description: 'A label for the built image.',
  }),
  option({
    name: 'secrets',
    field: 'secrets',
    section: 'build',
    cliName: 'secret',
    ...list(secretItem),
    // A refused value may be the raw NAME=VALUE form: the secret itself.
    secret: true,
    commands: BUILD,
    description:
      'A build secret for RUN --mount=type=secret (BuildKit only): id=NAME,src=FILE or id=NAME,env=VARIABLE; its value is hidden in every log and report.',
  }),
  option({
    name: 'cache-from',
    field: 'cacheFrom',
    section: 'build',
    cliName: 'cache-from',
    ...list(cacheItem),
    commands: BUILD,
    description:
      'A BuildKit cache to build from, as buildx takes it: type=registry,ref=REF, type=gha (in the action), type=local,src=DIR.',
  }),
  option({
    name: 'cache-to',
    field: 'cacheTo',
    section: 'build',
    cliName: 'cache-to',
    ...list(cacheItem),
    commands: BUILD,
    description:
      "A BuildKit cache to write, as buildx takes it: type=inline anywhere; type=registry, type=gha and type=local need a builder whose driver exports caches (not the engine's own, docker).",
  }),
  option({
    name: 'build-contexts',
    field: 'buildContexts',
    section: 'build',
    cliName: 'build-context',
    ...keyValues({
      key: /^[A-Za-z0-9][A-Za-z0-9._/:-]*$/,
      expected: 'NAME=SOURCE, like uv=docker-image://ghcr.io/astral-sh/uv:0.13.9 or assets=../assets',
      valueName: 'NAME=SOURCE',
      requireValue: true,
    }),
    commands: BUILD,
    description: 'An extra named build context (BuildKit only), as buildx takes it.',
  }),
  option({
    name: 'ssh',
    field: 'ssh',
    section: 'build',
    cliName: 'ssh',
    ...list(sshItem),
    commands: BUILD,
    description: 'An SSH agent socket or key for RUN --mount=type=ssh (BuildKit only): default, or ID=PATH.',
  }),
  option({
    name: 'platform',
    field: 'platform',
    section: 'build',
    ...text({
      expected: 'one platform like linux/amd64',
      valueName: 'OS/ARCH',
      pattern: /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/,
    }),
    commands: BUILD,
    description: 'Build for this one platform (the image is loaded into the engine, so one only).',
  }),
  option({
    name: 'image',
    field: 'image',
    section: 'build',
    ...imageReference({
      example: 'worker:dev, registry.example.com/worker@sha256:… or an image id',
      digest: true,
      id: true,
    }),
    commands: USES_IMAGE,
    requiredFor: ['check', 'e2e'],
    description: 'Use this existing image instead of building one.',
  }),

  // contract
  option({
    name: 'require',
    field: 'require',
    section: 'contract',
    cliName: 'require',
    ...list(requireItem),
    commands: CHECK,
    default: ['uv', 'uvx', 'git', 'make', 'python3'],
    description:
      'A command the image must have on PATH, as NAME or NAME<range> like uv>=0.9,<1; replaces the default list.',
  }),
  option({
    name: 'forbid-commands',
    field: 'forbidCommands',
    section: 'contract',
    cliName: 'forbid-command',
    ...list(commandItem),
    commands: CHECK,
    default: ['ruff', 'pytest', 'py.test', 'mypy', 'xenon', 'copier'],
    defaultsKeptBy: 'default-forbids',
    description:
      'A command that must not be on PATH in the image; adds to the default list (default-forbids false drops it).',
  }),
  option({
    name: 'forbid-packages',
    field: 'forbidPackages',
    section: 'contract',
    cliName: 'forbid-package',
    ...list(packageItem),
    commands: CHECK,
    default: ['ruff', 'xenon', 'pytest', 'pytest-cov', 'mypy', 'pyyaml', 'jinja2', 'copier'],
    defaultsKeptBy: 'default-forbids',
    description:
      'A Python package that must not be installed in any global site-packages; adds to the default list (default-forbids false drops it).',
  }),
  option({
    name: 'default-forbids',
    field: 'defaultForbids',
    section: 'contract',
    ...flag(),
    commands: CHECK,
    default: 'true',
    description:
      'Keep the default forbid-commands and forbid-packages lists, which the lists you give add to; false checks only yours.',
  }),
  option({
    name: 'allow-packages',
    field: 'allowPackages',
    section: 'contract',
    cliName: 'allow-package',
    ...keyValues({
      key: PROJECT_NAME,
      normalizeKey: normalizeName,
      requireValue: true,
      expected: 'NAME=REASON, like pyyaml=needed by the deploy scripts',
      valueName: 'NAME=REASON',
    }),
    commands: CHECK,
    description: 'Allow a forbidden package, with the reason the report shows.',
  }),
  option({
    name: 'skip-checks',
    field: 'skipChecks',
    section: 'contract',
    cliName: 'skip-check',
    ...list(checkIdItem),
    commands: [...USES_IMAGE, 'audit'],
    description:
      'Turn off a check by its id, like non-root-user, forbid-package:pytest or cache-shared (on by default: fails when no warm run was proved warm).',
  }),
  option({
    name: 'max-image-size',
    field: 'maxImageSize',
    section: 'contract',
    // No worker image with Python is below 1 MB: a smaller limit is a missing unit.
    ...size({ bytes: 1e6, text: '1MB' }),
    commands: CHECK,
    description: 'Fail when the image is larger than this.',
  }),
  option({
    name: 'baseline-image',
    field: 'baselineImage',
    section: 'baseline',
    ...imageReference({ example: 'worker:main or an image id', digest: true, id: true }),
    commands: CHECK,
    description: "Compare the image's size and layers with this image (the base branch's, say).",
  }),
  option({
    name: 'max-size-increase',
    field: 'maxSizeIncrease',
    section: 'baseline',
    ...sizeOrPercent(),
    commands: CHECK,
    description:
      'Fail when the image grew by more than this against the baseline: a size (50MB) or a percent (10%).',
  }),
  option({
    name: 'max-wasted-bytes',
    field: 'maxWastedBytes',
    section: 'contract',
    ...sizeOrPercent(),
    commands: CHECK,
    description:
      'Fail when the layers ship more than this in files a later layer deletes or overwrites, plus package-manager caches left in a layer: a size (10MB) or a percent of the image (5%).',
  }),
  option({
    name: 'min-efficiency',
    field: 'minEfficiencyPercent',
    section: 'contract',
    ...percent(),
    commands: CHECK,
    description:
      'Fail when the bytes that reach the final filesystem are less than this percent of the bytes the layers ship (95%, say).',
  }),
  option({
    name: 'require-pinned-images',
    field: 'requirePinnedImages',
    section: 'contract',
    ...flag(),
    commands: CHECK,
    default: 'false',
    description:
      'Fail (instead of warn) when the Dockerfile builds or copies from an image with no exact tag or digest (no tag, or latest).',
  }),

  // e2e
  option({
    name: 'template',
    field: 'template',
    computedDefault: true,
    section: 'e2e',
    ...path('PATH|URL'),
    pathOrUrl: true,
    commands: E2E,
    description: 'The copier template to scaffold the project from: a folder or a git URL.',
    defaultText: 'the shipped templates/service',
  }),
  option({
    name: 'template-ref',
    field: 'templateRef',
    section: 'e2e',
    ...gitRef(),
    commands: E2E,
    default: 'HEAD',
    description: "The template's git ref (copier otherwise takes the latest tag).",
  }),
  option({
    name: 'copier-version',
    field: 'copierVersion',
    section: 'e2e',
    // `uvx copier@9` means exactly 9.0.0 and fails: insist on the full version.
    ...text({
      expected: 'a full copier version like 9.19.1',
      valueName: 'X.Y.Z',
      pattern: /^\d+\.\d+\.\d+$/,
    }),
    commands: E2E,
    default: '9.19.1',
    description: 'The copier version run through uvx in a worker, as a full X.Y.Z.',
  }),
  option({
    name: 'data',
    field: 'data',
    section: 'e2e',
    cliName: 'data',
    ...keyValues({ key: VARIABLE, expected: 'KEY=VALUE, like project_name=demo', valueName: 'KEY=VALUE' }),
    commands: E2E,
    description: "An answer to one of the template's questions.",
  }),
  option({
    name: 'trust-template',
    field: 'trustTemplate',
    section: 'e2e',
    ...flag(),
    commands: E2E,
    default: 'false',
    description: "Let copier run the template's tasks (copier --trust): a template is code.",
  }),
  option({
    name: 'setup-target',
    field: 'setupTarget',
    section: 'e2e',
    ...makeTarget(),
    commands: E2E,
    default: 'setup',
    description: "The make target that installs the project's tools.",
  }),
  option({
    name: 'lint-target',
    field: 'lintTarget',
    section: 'e2e',
    ...makeTarget(),
    commands: E2E,
    default: 'lint',
    description: 'The make target that lints the project.',
  }),
  option({
    name: 'test-target',
    field: 'testTarget',
    section: 'e2e',
    ...makeTarget(),
    commands: E2E,
    default: 'test',
    description: "The make target that runs the project's tests.",
  }),
  option({
    name: 'memory',
    field: 'memoryBytes',
    section: 'e2e',
    // Below 64 MiB no worker starts Python, let alone uv (docker's own floor is 6 MB).
    ...size({ bytes: 64 * 1024 ** 2, text: '64MiB' }),
    commands: E2E,
    default: '2GiB',
    description: 'Memory limit of each worker container.',
  }),
  option({
    name: 'cpus',
    field: 'cpus',
    section: 'e2e',
    // docker's smallest CPU share; the engine's CPU count bounds it from above (checkEngineInputs).
    ...number({ min: 0.01, max: 1024 }),
    commands: E2E,
    default: '1',
    description: 'CPU limit of each worker container.',
  }),
  option({
    name: 'ca-bundle',
    field: 'caBundle',
    section: 'e2e',
    ...path('FILE'),
    commands: E2E,
    description: 'A PEM CA bundle the workers trust (for a mirror or a TLS-inspecting proxy).',
    defaultText: "the host's SSL_CERT_FILE when that file exists",
  }),
  option({
    name: 'phase-timeout',
    field: 'phaseTimeoutSeconds',
    section: 'e2e',
    // A day; far below Node's timer limit (2^31-1 ms, 24.8 days), above which every timer fires at once.
    ...integer({ above: 0, max: 86400, unit: 'seconds', valueName: 'SECONDS' }),
    commands: E2E,
    default: '900',
    description: 'Seconds one phase may take before it is stopped and fails.',
  }),
  option({
    name: 'engine-timeout',
    field: 'engineTimeoutSeconds',
    section: 'engine',
    ...integer({ above: 0, max: 3600, unit: 'seconds', valueName: 'SECONDS' }),
    commands: ENGINE,
    default: '120',
    description:
      'Seconds any one Docker engine call (and any program run on the host: git, a credential helper) may take before the run stops with an error naming it.',
  }),
  option({
    name: 'allow-python-mismatch',
    field: 'allowPythonMismatch',
    section: 'e2e',
    ...flag(),
    commands: E2E,
    default: 'false',
    description:
      "Warn instead of failing when the image's Python does not fit the template's requires-python.",
  }),
  option({
    name: 'keep',
    field: 'keep',
    section: 'e2e',
    ...flag(),
    commands: E2E,
    default: 'false',
    description:
      'When a phase fails, keep its worker container and volumes to look inside (docker exec); `worker-gate clean --run ID` removes them.',
  }),
  option({
    name: 'warm-runs',
    field: 'warmRuns',
    section: 'e2e',
    // Each warm run is a worker container and a volume: more than 20 measures nothing new.
    ...integer({ min: 1, max: 20 }),
    commands: E2E,
    default: '3',
    description: 'Warm worker runs per cache layout; timing gates use their median.',
  }),
  option({
    name: 'cold-runs',
    field: 'coldRuns',
    section: 'e2e',
    // Each further cold run is a worker, a workspace and a whole cache volume downloaded afresh.
    ...integer({ min: 1, max: 20 }),
    commands: E2E,
    default: '1',
    description:
      "Cold worker runs per cache layout, each on a fresh cache volume proved empty, taking turns with the warm runs (cold, warm, cold, …); the speed-up's interval uses them all.",
  }),
  option({
    name: 'try-fixes',
    field: 'tryFixes',
    section: 'e2e',
    cliName: 'try-fix',
    ...list(tryFixItem),
    commands: E2E,
    description:
      'Try a speed-up the profile advises on a throwaway clone of the project, check it still passes lint and test, and measure it against the project as it is: warm setups interleaved in pairs (warm-runs pairs, at least 2); off by default. Kinds: local-rebuilds (uv cache-keys on the git commit in every local pyproject.toml), editable-rebuilds (a plain `uv pip install -e DIR` line installed through the lock), link-mode (the UV_LINK_MODE the advice names, set on the fixed side), compile-bytecode (UV_COMPILE_BYTECODE=0 on the fixed side), layout (never tried: cache-layout both measures it), or all.',
  }),
  option({
    name: 'cache-layout',
    field: 'cacheLayout',
    section: 'e2e',
    ...oneOf(['separate', 'shared', 'both']),
    commands: E2E,
    default: 'separate',
    description:
      'separate: the uv cache and the workspace on two mounts, as production runs; shared: one volume, so uv can hard-link; both: measure each.',
  }),
  option({
    name: 'concurrent-workers',
    field: 'concurrentWorkers',
    ...integer({ min: 0, max: 16 }),
    commands: E2E,
    section: 'e2e',
    default: '0',
    description:
      "After each layout's runs, this many fresh workers set up at the same moment on the same cache (0: off); then one more proves the cache intact offline.",
  }),
  option({
    name: 'scaffold-cache',
    field: 'scaffoldCache',
    ...oneOf(['own', 'shared']),
    commands: E2E,
    section: 'e2e',
    default: 'own',
    description:
      "own: the scaffolder works on a uv cache volume of its own, as in production, so developer A's setup is the cold one; shared: on the workers' cache, where its setup is the cold one (needs scaffolder-user image).",
  }),
  option({
    name: 'scaffolder-image',
    field: 'scaffolderImage',
    section: 'e2e',
    ...imageReference({ example: 'scaffolder:dev or an image id', digest: true, id: true }),
    commands: E2E,
    description:
      "The scaffolder's image: it runs copier (the image's own copier when on PATH, else uvx), the first make setup and the first push.",
    defaultText: 'the image under test',
  }),
  option({
    name: 'scaffolder-user',
    field: 'scaffolderUser',
    section: 'e2e',
    ...oneOf(['root', 'image']),
    commands: E2E,
    default: 'root',
    description:
      "Who the scaffolder runs as: root, as production's scaffolder does, or the image's own user.",
  }),
  option({
    name: 'handoff',
    field: 'handoff',
    section: 'e2e',
    ...oneOf(['clone', 'mount']),
    commands: E2E,
    default: 'clone',
    description:
      "How developer workers get the project: clone it from the origin (the plan's flow), or mount a copy of the scaffolder's workspace, venvs included, at handoff-path (production's flow).",
  }),
  option({
    name: 'handoff-path',
    field: 'handoffPath',
    section: 'e2e',
    ...text({
      expected: 'an absolute path in the worker like /workspace',
      valueName: 'PATH',
      // Absolute, no `.` or `..` step, not one of worker-gate's own mounts.
      pattern: /^(?!\/worker-gate)(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9._-]+)+$/,
    }),
    commands: E2E,
    default: '/workspace',
    needs: {
      option: 'handoff',
      value: 'mount',
      why: "it is where a developer worker gets its copy of the scaffolder's workspace",
    },
    description:
      "With handoff mount: where each developer worker gets its copy of the scaffolder's workspace.",
  }),
  option({
    name: 'handoff-fixup',
    field: 'handoffFixup',
    section: 'e2e',
    ...text({ expected: 'a shell command', valueName: 'CMD' }),
    commands: E2E,
    needs: { option: 'handoff', value: 'mount', why: 'it repairs the venvs of a handed-over workspace' },
    description:
      "With handoff mount: a command run as sh -c CMD in the handed-over project before the agent's work, as the platform's entry point rewrites the venvs' paths (the phase fixup).",
  }),
  option({
    name: 'env',
    field: 'env',
    cliName: 'env',
    ...keyValues({ key: VARIABLE, expected: 'KEY=VALUE, like PIP_NO_INPUT=1', valueName: 'KEY=VALUE' }),
    commands: E2E,
    section: 'e2e',
    description:
      "A variable every phase runs with, as the worker manager sets it (worker-gate's own included).",
  }),
  option({
    name: 'unset-env',
    field: 'unsetEnv',
    cliName: 'unset-env',
    ...list(variableItem),
    commands: E2E,
    section: 'e2e',
    description:
      "A variable every phase runs without, the image's and worker-gate's own included (UV_CACHE_DIR: as production runs).",
  }),
  option({
    name: 'max-warm-setup-seconds',
    field: 'maxWarmSetupSeconds',
    section: 'timing',
    ...number({ above: 0, max: 86400, unit: 'seconds', valueName: 'SECONDS' }),
    commands: E2E,
    readsCloneRuns: true,
    description: 'Fail when the median warm setup takes longer than this.',
  }),
  option({
    name: 'min-setup-speedup',
    field: 'minSetupSpeedup',
    section: 'timing',
    ...number({ min: 0, max: 1000 }),
    commands: E2E,
    readsCloneRuns: true,
    description: 'Fail when cold setup seconds / median warm setup seconds is below this.',
  }),
  option({
    name: 'max-layout-ratio',
    field: 'maxLayoutRatio',
    section: 'timing',
    ...number({ above: 0, max: 1000 }),
    commands: E2E,
    needs: {
      option: 'cache-layout',
      value: 'both',
      why: 'it compares the separate layout with the shared one, so both must run',
    },
    description:
      "With cache-layout both: fail when the separate layout's median warm setup is more than this times the shared one's.",
  }),
  option({
    name: 'skip-e2e',
    field: 'skipE2e',
    section: 'e2e',
    ...flag(),
    commands: VERIFY,
    default: 'false',
    description: 'Build and check only; skip the end-to-end run.',
  }),

  // pull requests
  option({
    name: 'baseline-ref',
    field: 'baselineRef',
    section: 'baseline',
    ...gitRef(),
    commands: VERIFY,
    description: 'Also build the image at this git ref (the base branch, say) and compare with it.',
  }),
  option({
    name: 'baseline-report',
    field: 'baselineReport',
    section: 'baseline',
    ...path('FILE'),
    commands: [...USES_IMAGE, 'audit', 'merge'],
    description:
      "Compare with an earlier run's JSON report instead of rebuilding the baseline (audit: a report of e2e --cache-layout both, for the cost of two mounts; merge: a merged report or a single run's, each cell compared with its own cell in it).",
  }),
  option({
    name: 'max-warm-setup-regression',
    field: 'maxWarmSetupRegression',
    section: 'timing',
    ...number({ above: 0, max: 1000 }),
    commands: E2E,
    needs: { option: 'baseline-ref', why: 'it measures the image built at that ref beside this one' },
    readsCloneRuns: true,
    description:
      "Fail when the median warm setup takes more than this times the baseline's (1.25, say): judged on the ratio's interval widened by timing-noise.",
  }),
  option({
    name: 'expect-cold-setup-seconds',
    field: 'expectColdSetupSeconds',
    section: 'timing',
    ...secondsRange(),
    commands: E2E,
    default: '15-35',
    description:
      'The cold setup you expect, in seconds (the plan\'s 15-35 by default): shown as "expected" beside the measured one and what stands between them, never checked.',
  }),
  option({
    name: 'expect-warm-setup-seconds',
    field: 'expectWarmSetupSeconds',
    section: 'timing',
    ...secondsRange(),
    commands: E2E,
    default: '3-5',
    description:
      'The warm setup you expect, in seconds (the plan\'s 3-5 by default): shown as "expected" beside the measured median and what stands between them, never checked.',
  }),
  option({
    name: 'timing-noise',
    field: 'timingNoisePercent',
    section: 'timing',
    ...percent(100),
    commands: E2E,
    default: '10%',
    description:
      "Widens each timing figure's 95 % interval by this percent either way: a timing gate fails only when the widened interval lies wholly past its limit, and warns when it contains the limit (the limit itself is never widened).",
  }),
  option({
    name: 'comment',
    field: 'comment',
    section: 'output',
    ...flag(),
    commands: [...VERIFY, 'merge'],
    actionOnly: true,
    default: 'false',
    description: 'Post the results as a pull-request comment, updated on each run.',
  }),
  option({
    name: 'github-token',
    field: 'githubToken',
    section: 'output',
    ...text({ expected: 'a token', valueName: 'TOKEN' }),
    commands: [...VERIFY, 'merge'],
    actionOnly: true,
    noConfigKey: 'a token does not belong in a file in the repository',
    secret: true,
    // A GitHub expression, expanded by the runner: not a JS template.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: see above
    action: { default: '${{ github.token }}' },
    description: 'The token for the pull-request comment and the GitHub API (the CLI reads GITHUB_TOKEN).',
  }),
  option({
    name: 'explain',
    section: 'output',
    ...flag(),
    commands: VERIFY,
    actionOnly: true,
    noConfigKey: 'it chooses what the action does; on the CLI it is the explain command',
    default: 'false',
    description:
      'Say what a run would do (each value and where it came from, the stages and gates) and check the options, instead of running the gate.',
  }),

  // audit
  option({
    name: 'filters',
    field: 'filters',
    section: 'audit',
    cliName: 'filter',
    ...list(filterItem),
    commands: AUDIT,
    description:
      'Audit only the containers this Docker filter selects, like label=role=worker (as docker ps --filter); without one, every running container.',
  }),
  option({
    name: 'scaffolder-filters',
    field: 'scaffolderFilters',
    section: 'audit',
    cliName: 'scaffolder-filter',
    ...list(filterItem),
    commands: AUDIT,
    description:
      "Audit the containers this Docker filter selects as scaffolders, like label=role=scaffolder: no worker checks, a warning when a scaffolder's uv cache is not the workers' (volume, mount point, owner uid). A container both filters select is a scaffolder.",
  }),
  option({
    name: 'expect-image',
    field: 'expectImage',
    section: 'audit',
    ...imageReference({ example: 'worker:1.4.2 or an image id', digest: true, id: true }),
    commands: AUDIT,
    description: 'Fail each audited worker that does not run this image (compared by image id).',
  }),
  option({
    name: 'audit',
    field: 'audit',
    section: 'audit',
    ...flag(),
    commands: AUDIT,
    actionOnly: true,
    noConfigKey: 'it chooses what the action does; on the CLI it is the audit command',
    default: 'false',
    action: { default: 'false' },
    description:
      'Audit the live workers on the engine (filters, scaffolder-filters, expect-image) instead of building and testing an image; the build, contract and end-to-end inputs are then ignored.',
  }),

  // merge
  option({
    name: 'merge',
    field: 'merge',
    section: 'matrix',
    ...flag(),
    commands: MERGE,
    actionOnly: true,
    noConfigKey: 'it chooses what the action does; on the CLI it is the merge command',
    default: 'false',
    action: { default: 'false' },
    description:
      "Merge the reports of a matrix's cells (reports) into one report, job summary and pull-request comment, instead of building and testing an image; the build, contract and end-to-end inputs are then ignored.",
  }),
  option({
    name: 'reports',
    field: 'reports',
    section: 'matrix',
    ...list(fileOrGlobItem),
    commands: MERGE,
    actionOnly: true,
    noConfigKey: 'the reports of one workflow run are named by that workflow',
    description:
      "With merge: the JSON reports of the cells, files or globs (cells/**/report.json); on the CLI they are merge's arguments.",
  }),

  option({
    name: 'matrix-file',
    section: 'matrix',
    ...path('FILE'),
    commands: [...USES_IMAGE, 'matrix'],
    noConfigKey: 'it names the matrix file itself',
    description:
      'The matrix file: images × templates (refs, data sets) and options per axis; cell reads its cell from it.',
    defaultText: '.worker-gate-matrix.yml in the working directory (the workspace in the action)',
  }),
  option({
    name: 'cell',
    section: 'matrix',
    ...text({
      expected: 'a cell id like base+service@v2.1.0+minimal (worker-gate matrix --list names them)',
      valueName: 'ID',
      pattern: CELL_ID,
    }),
    commands: USES_IMAGE,
    noConfigKey: 'each cell of a matrix is its own run',
    description:
      "Run this cell of the matrix file: its image, template, ref, data and options come from the file (this run's own flags or inputs win), and the report records the cell, for merge.",
  }),
  option({
    name: 'list',
    section: 'matrix',
    ...flag(),
    commands: ['matrix'],
    cliOnly: true,
    noConfigKey: 'only `worker-gate matrix` takes it, on its command line',
    description:
      "Print the matrix file's cells as JSON, for a workflow's strategy.matrix (through fromJSON).",
  }),

  option({
    name: 'engines',
    section: 'engine',
    cliName: 'engine',
    ...list(engineItem),
    commands: ['matrix', 'audit'],
    noConfigKey: "the engines are named on the command line or in the action's inputs",
    description:
      "The engines to run on (unix:///path, tcp://host:port, ssh://user@host or a Docker context's name): matrix runs each cell's runs on one (cell i on engine i mod n); audit audits each, one report section per host and a fleet table.",
    defaultText: "DOCKER_HOST's engine, else the docker CLI's current context's",
  }),
  option({
    name: 'all-contexts',
    section: 'engine',
    ...flag(),
    commands: ['matrix', 'audit'],
    cliOnly: true,
    noConfigKey: 'only the command line takes it, for matrix and audit',
    description:
      "Every Docker context's engine ($DOCKER_CONFIG, else ~/.docker), default included, each engine once: matrix runs its cells on them, audit audits each.",
  }),
  option({
    name: 'jobs',
    section: 'matrix',
    ...integer({ min: 1, max: 64 }),
    commands: ['matrix'],
    cliOnly: true,
    noConfigKey: 'only `worker-gate matrix` takes it, on its command line',
    default: '1',
    description: 'Run this many cells at once (a warning when more cells than engines run at once).',
  }),

  // clean
  option({
    name: 'run',
    section: 'clean',
    ...text({
      expected: `a run id like ${RUN_ID_EXAMPLE} (the first line of a run's output)`,
      valueName: 'ID',
      pattern: new RegExp(`^${RUN_ID_PATTERN}$`),
    }),
    commands: CLEAN,
    cliOnly: true,
    noConfigKey: CLEAN_ONLY,
    description: 'The run whose objects to remove (its id is in the first line of its output).',
  }),
  option({
    name: 'all',
    section: 'clean',
    ...flag(),
    commands: CLEAN,
    cliOnly: true,
    noConfigKey: CLEAN_ONLY,
    description: 'Every run whose process is gone (objects carrying the worker-gate.run label only).',
  }),
] as const;

export type AnyOption = (typeof OPTIONS)[number];
export type OptionName = AnyOption['name'];

/** An option's validated value, by name (the action's kind included where it differs). */
export type OptionValues = {
  [O in AnyOption as O['name']]:
    | z.output<O['schema']>
    | (O extends { action: { value: ValueKind<infer _K, infer A> } } ? A : never);
};

/** Options that always have a value, because the table gives them a literal default. */
export type DefaultedName = Extract<AnyOption, { default: string | readonly string[] }>['name'];

/** Every layer merged: options with a literal default always have a value, the rest maybe. */
export type ResolvedValues = { [K in DefaultedName]: OptionValues[K] } & Partial<OptionValues>;

/** Raw values before validation, keyed by option name (what each front door hands over). */
export type RawValues = Partial<Record<OptionName, unknown>>;

/** The table seen through the common shape, for code that treats every option alike. */
export const SPECS: readonly (OptionSpec & { readonly name: OptionName })[] = OPTIONS;

const BY_NAME = new Map(SPECS.map((spec) => [spec.name as string, spec]));

export function optionNamed(name: string): (OptionSpec & { readonly name: OptionName }) | undefined {
  return BY_NAME.get(name);
}

/** An option known to exist, by its typed name. */
export function specNamed(name: OptionName): OptionSpec & { readonly name: OptionName } {
  const spec = BY_NAME.get(name);
  if (!spec) throw new Error(`internal: no option named "${name}"`);
  return spec;
}

/** The options a command takes. */
export function optionsFor(command: OptionCommand): (OptionSpec & { readonly name: OptionName })[] {
  return SPECS.filter((spec) => spec.commands.includes(command));
}

/** An option's literal default, parsed by its own schema: what the run holds when nothing sets it. */
export function defaultValue<N extends DefaultedName>(name: N): OptionValues[N] {
  const spec = specNamed(name);
  return spec.schema.parse(spec.default) as OptionValues[N];
}

/** One raw value of an option, by its own schema; its default when unset or not valid. */
export function valueOrDefault<N extends DefaultedName>(name: N, raw: unknown): OptionValues[N] {
  const parsed = specNamed(name).schema.safeParse(raw);
  return parsed.success ? (parsed.data as OptionValues[N]) : defaultValue(name);
}

/** Keys allowed in the config file. */
export function configKeys(): OptionName[] {
  return SPECS.filter((spec) => spec.noConfigKey === undefined).map((spec) => spec.name);
}

/** A boolean flag's `--no-NAME`: where a config file could have turned it on. */
export function isNegatable(spec: OptionSpec): boolean {
  return spec.kind === 'boolean' && spec.noConfigKey === undefined;
}

/** Repeatables: one value per CLI use, one per line in the action, a YAML list in the file. */
export function isRepeatable(spec: OptionSpec): boolean {
  return spec.kind === 'list' || spec.kind === 'keyvalue-list';
}

/** The default as help and action.yml show it. */
export function defaultShown(spec: OptionSpec): string | undefined {
  if (spec.defaultText !== undefined) return spec.defaultText;
  if (spec.default === undefined) return undefined;
  return typeof spec.default === 'string' ? spec.default : spec.default.join(', ');
}
