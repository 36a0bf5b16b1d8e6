/**
 * The table of every input: for each option, its default and its good and bad
 * values, through each front door — CLI flags, action inputs, .worker-gate.yml.
 */
import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import type { Config } from '../../../src/config/config.js';
import { isRepeatable, type OptionName, SPECS, specNamed } from '../../../src/config/options.js';
import type { Command } from '../../../src/model/command.js';
import type { RequireSpec } from '../../../src/model/versions.js';
import { inputErrorOf, viaAction, viaCli, viaFile } from './helpers.js';

type Input = string | readonly string[];

interface Case {
  readonly name: OptionName;
  readonly field: keyof Config;
  readonly default: unknown;
  /** Where the action's default differs. */
  readonly actionDefault?: unknown;
  /** Typed as on the command line or in an action input (lists: one item each). */
  readonly good: ReadonlyArray<readonly [Input, unknown]>;
  /** Refused by every door (boolean flags: by the action and the file; the CLI has no value to refuse). */
  readonly bad: readonly Input[];
  /** Native YAML values (numbers, booleans, mappings). */
  readonly yamlGood?: ReadonlyArray<readonly [unknown, unknown]>;
  readonly yamlBad?: readonly unknown[];
  /** Other options it needs (rules.ts), set through the same door. */
  readonly alongside?: Readonly<Record<string, string>>;
  /** The command that takes it, where verify does not. */
  readonly command?: Command;
}

const asRequire = (specs: readonly RequireSpec[]) => specs.map((spec) => `${spec.name}${spec.range}`);
const DIGEST = `sha256:${'a'.repeat(64)}`;
const PATH_YAML_BAD = [42, true, ['a']];
const bool = (name: OptionName, field: keyof Config): Case => ({
  name,
  field,
  default: false,
  good: [
    ['true', true],
    ['false', false],
    ['True', true],
    ['FALSE', false],
  ],
  bad: ['yes', '1', 'on'],
  yamlGood: [
    [true, true],
    [false, false],
  ],
  yamlBad: [1, 'yes', ['true']],
});

const CASES: readonly Case[] = [
  {
    name: 'report',
    field: 'report',
    default: undefined,
    actionDefault: '/runner/temp/worker-gate-report.json',
    good: [['/out/r.json', '/out/r.json']],
    bad: [],
    yamlBad: PATH_YAML_BAD,
  },
  {
    name: 'junit',
    field: 'junit',
    default: undefined,
    good: [['/out/j.xml', '/out/j.xml']],
    bad: [],
    yamlBad: PATH_YAML_BAD,
  },
  {
    name: 'html',
    field: 'html',
    default: undefined,
    good: [['/out/r.html', '/out/r.html']],
    bad: [],
    yamlBad: PATH_YAML_BAD,
  },
  {
    name: 'dockerfile',
    field: 'dockerfile',
    default: '/pkg/images/worker-base-common/Dockerfile',
    good: [['/src/Dockerfile', '/src/Dockerfile']],
    bad: [],
    yamlBad: PATH_YAML_BAD,
  },
  {
    name: 'context',
    field: 'context',
    default: '/pkg/images/worker-base-common',
    good: [['/src/ctx', '/src/ctx']],
    bad: [],
    yamlBad: PATH_YAML_BAD,
  },
  {
    name: 'tag',
    field: 'tag',
    default: undefined,
    good: [
      ['worker:dev', 'worker:dev'],
      ['localhost:5000/team/worker_base__x:1.2-rc_3', 'localhost:5000/team/worker_base__x:1.2-rc_3'],
    ],
    bad: ['-rm', 'a b', 'UPPER/Case:!!', 'Worker:dev', 'worker:-x', `worker@${DIGEST}`, 'worker:', 'a//b'],
    yamlBad: [3],
  },
  {
    name: 'build-args',
    field: 'buildArgs',
    default: {},
    good: [
      [['PYTHON_VERSION=3.10', 'B=x=y'], { PYTHON_VERSION: '3.10', B: 'x=y' }],
      [['A=1', 'A=2'], { A: '2' }],
      [['EMPTY='], { EMPTY: '' }],
    ],
    bad: [['NOEQUALS'], ['=v'], ['1A=b'], ['A B=c']],
    yamlBad: ['A=1', { A: '1' }],
  },
  {
    name: 'build-backend',
    field: 'buildBackend',
    default: 'auto',
    good: [
      ['buildkit', 'buildkit'],
      ['classic', 'classic'],
      ['auto', 'auto'],
    ],
    bad: ['builder', 'BuildKit', 'docker'],
    yamlBad: [1, ['classic']],
  },
  {
    name: 'target',
    field: 'target',
    default: undefined,
    good: [['runtime', 'runtime']],
    bad: ['-x', 'a b'],
    yamlBad: [1],
  },
  { ...bool('build-cache', 'buildCache'), default: true },
  bool('pull', 'pull'),
  {
    name: 'labels',
    field: 'labels',
    default: {},
    good: [
      [
        ['org.opencontainers.image.source=https://x', 'team=ml'],
        { 'org.opencontainers.image.source': 'https://x', team: 'ml' },
      ],
    ],
    bad: [['novalue'], ['=x']],
    yamlBad: [{ A: '1' }, 'A=1'],
  },
  {
    name: 'secrets',
    field: 'secrets',
    default: [],
    good: [
      [
        ['id=pip,src=/run/pip.conf', 'id=token,env=INDEX_TOKEN'],
        [
          { id: 'pip', src: '/run/pip.conf' },
          { id: 'token', env: 'INDEX_TOKEN' },
        ],
      ],
    ],
    // build-push-action's raw NAME=VALUE, both sources, neither, an unknown field.
    bad: [['GIT_AUTH_TOKEN=abc123'], ['id=a,src=f,env=V'], ['id=a'], ['id=a,src=f,mode=0400']],
    yamlBad: [{ id: 'a' }, 'id=a,src=f'],
  },
  {
    name: 'cache-from',
    field: 'cacheFrom',
    default: [],
    good: [
      [
        ['type=registry,ref=registry.example.com/w:cache', 'type=gha'],
        ['type=registry,ref=registry.example.com/w:cache', 'type=gha'],
      ],
    ],
    bad: [['registry.example.com/w:cache'], ['type=']],
    yamlBad: ['type=gha', [1]],
  },
  {
    name: 'cache-to',
    field: 'cacheTo',
    default: [],
    good: [[['type=inline'], ['type=inline']]],
    bad: [['inline'], ['mode=max']],
    yamlBad: ['type=inline'],
  },
  {
    name: 'build-contexts',
    field: 'buildContexts',
    default: {},
    good: [
      [
        ['uv=docker-image://ghcr.io/astral-sh/uv:0.13.9'],
        { uv: 'docker-image://ghcr.io/astral-sh/uv:0.13.9' },
      ],
    ],
    bad: [['uv'], ['uv=']],
    yamlBad: ['uv=x', { uv: 'x' }],
  },
  {
    name: 'ssh',
    field: 'ssh',
    default: [],
    good: [
      [
        ['default', 'github=/home/me/.ssh/id_ed25519'],
        ['default', 'github=/home/me/.ssh/id_ed25519'],
      ],
    ],
    bad: [['a b'], ['=x']],
    yamlBad: ['default'],
  },
  {
    name: 'platform',
    field: 'platform',
    default: undefined,
    good: [['linux/arm64', 'linux/arm64']],
    bad: ['linux/amd64,linux/arm64', 'amd64'],
    yamlBad: [1],
  },
  {
    name: 'image',
    field: 'image',
    default: undefined,
    good: [
      ['worker:dev', 'worker:dev'],
      [`registry.example.com/w@${DIGEST}`, `registry.example.com/w@${DIGEST}`],
      [`w:1@${DIGEST}`, `w:1@${DIGEST}`],
      [DIGEST, DIGEST],
      ['3f2a9c', '3f2a9c'],
    ],
    bad: ['-rm', 'a b', 'w@sha256:abc', 'Registry.example.com:x/w', 'w:tag:more', 'w/Sub'],
    yamlBad: [1],
  },
  {
    name: 'require',
    field: 'require',
    default: ['uv', 'uvx', 'git', 'make', 'python3'],
    good: [
      [
        ['uv>=0.9,<1', 'python3'],
        ['uv>=0.9,<1', 'python3'],
      ],
      [['git>=2'], ['git>=2']],
    ],
    bad: [['uv=>1'], ['uv>=0.9,'], ['$(rm)'], ['uv 1'], ['uv~=1']],
    yamlBad: ['uv', { uv: '>=1' }],
  },
  {
    name: 'forbid-commands',
    field: 'forbidCommands',
    default: ['ruff', 'pytest', 'py.test', 'mypy', 'xenon', 'copier'],
    // A list adds to the default (each item once); default-forbids false drops it (config.test.ts).
    good: [
      [
        ['black', 'ruff', 'black'],
        ['ruff', 'pytest', 'py.test', 'mypy', 'xenon', 'copier', 'black'],
      ],
    ],
    bad: [['rm -rf'], ['a;b'], ['/usr/bin/ruff']],
    yamlBad: ['ruff, pytest'],
  },
  {
    name: 'forbid-packages',
    field: 'forbidPackages',
    default: ['ruff', 'xenon', 'pytest', 'pytest-cov', 'mypy', 'pyyaml', 'jinja2', 'copier'],
    good: [
      [
        ['boto3', 'PyYAML', 'Jinja2', 'pytest_cov'],
        ['ruff', 'xenon', 'pytest', 'pytest-cov', 'mypy', 'pyyaml', 'jinja2', 'copier', 'boto3'],
      ],
    ],
    bad: [['not a name'], ['-x'], ['a_']],
    yamlBad: ['pytest'],
  },
  {
    name: 'allow-packages',
    field: 'allowPackages',
    default: {},
    good: [
      [
        ['PyYAML=needed by ansible', 'Jinja2=templates=yes'],
        { pyyaml: 'needed by ansible', jinja2: 'templates=yes' },
      ],
    ],
    bad: [['pyyaml'], ['pyyaml='], ['bad name=x']],
    yamlBad: [{ pyyaml: 'x' }],
  },
  {
    name: 'try-fixes',
    field: 'tryFixes',
    default: [],
    good: [
      [
        ['local-rebuilds', 'link-mode'],
        ['local-rebuilds', 'link-mode'],
      ],
      [['all'], ['all']],
    ],
    bad: [['local-rebuild'], ['fast']],
    yamlBad: ['layout, link-mode'],
  },
  {
    name: 'skip-checks',
    field: 'skipChecks',
    default: [],
    good: [
      [
        ['non-root-user', 'forbid-package:pytest'],
        ['non-root-user', 'forbid-package:pytest'],
      ],
      [
        ['forbid-package:PyYAML', 'require', 'cache-shared'],
        ['forbid-package:pyyaml', 'require', 'cache-shared'],
      ],
    ],
    bad: [['Not An Id'], ['forbid-package:'], ['x;y'], ['nonsense-id'], ['forbid-package:nonsense']],
    yamlBad: ['non-root-user'],
  },
  {
    name: 'max-image-size',
    field: 'maxImageSize',
    default: undefined,
    good: [
      ['500MB', 500_000_000],
      ['1.5GiB', 1_610_612_736],
      ['312000000', 312_000_000],
    ],
    bad: ['12XB', '-5MB', 'big', '2g'],
    yamlGood: [[312_000_000, 312_000_000]],
    yamlBad: [-1, 1.5, true],
  },
  {
    name: 'baseline-image',
    field: 'baselineImage',
    default: undefined,
    good: [['worker:main', 'worker:main']],
    bad: ['-x'],
    yamlBad: [2],
  },
  {
    name: 'max-size-increase',
    field: 'maxSizeIncrease',
    default: undefined,
    good: [
      ['50MB', { kind: 'bytes', bytes: 50_000_000 }],
      ['10%', { kind: 'percent', percent: 10 }],
    ],
    bad: ['-10%', '10 percent', '%', '-1MB', '150', '2.5'],
    yamlBad: [-5, false, 150, 1000],
  },
  {
    name: 'max-wasted-bytes',
    field: 'maxWastedBytes',
    default: undefined,
    good: [
      ['10MB', { kind: 'bytes', bytes: 10_000_000 }],
      ['5%', { kind: 'percent', percent: 5 }],
    ],
    bad: ['-5%', 'lots', '-1MB', '150'],
    yamlBad: [-5, true, 150],
  },
  {
    name: 'min-efficiency',
    field: 'minEfficiencyPercent',
    default: undefined,
    good: [
      ['95%', 95],
      ['99.5%', 99.5],
    ],
    bad: ['95', 'high%'],
    yamlBad: [95],
  },
  bool('require-pinned-images', 'requirePinnedImages'),
  bool('report-only', 'reportOnly'),
  { ...bool('default-forbids', 'defaultForbids'), default: true },
  {
    name: 'template',
    field: 'template',
    default: '/pkg/templates/service',
    good: [
      ['/templates/mine', '/templates/mine'],
      ['https://example.com/org/template.git', 'https://example.com/org/template.git'],
      ['git@example.com:org/template.git', 'git@example.com:org/template.git'],
      ['gh:org/template', 'gh:org/template'],
    ],
    bad: [],
    yamlBad: PATH_YAML_BAD,
  },
  {
    name: 'template-ref',
    field: 'templateRef',
    default: 'HEAD',
    good: [
      ['v1.2.0', 'v1.2.0'],
      ['origin/main', 'origin/main'],
    ],
    bad: ['-x', 'a b'],
    yamlBad: [1.1],
  },
  {
    name: 'copier-version',
    field: 'copierVersion',
    default: '9.19.1',
    good: [
      ['9.19.1', '9.19.1'],
      ['10.0.0', '10.0.0'],
    ],
    bad: ['9', '9.19', '9.19.1rc1', 'latest', 'v9.19.1'],
    yamlBad: [9, 9.19],
  },
  {
    name: 'data',
    field: 'data',
    default: {},
    good: [[['project_name=demo', 'expr=a=b', 'empty='], { project_name: 'demo', expr: 'a=b', empty: '' }]],
    bad: [['novalue'], ['bad-key=x'], ['=x']],
    yamlBad: [{ project_name: 'demo' }, 'project_name=demo'],
  },
  bool('trust-template', 'trustTemplate'),
  {
    name: 'setup-target',
    field: 'setupTarget',
    default: 'setup',
    good: [['install', 'install']],
    bad: ['-f /etc/passwd', 'a b', 'x;y'],
    yamlBad: [1],
  },
  {
    name: 'lint-target',
    field: 'lintTarget',
    default: 'lint',
    good: [['check-style', 'check-style']],
    bad: ['-n'],
    yamlBad: [true],
  },
  {
    name: 'test-target',
    field: 'testTarget',
    default: 'test',
    good: [['tests', 'tests']],
    bad: ['$(x)'],
    yamlBad: [['test']],
  },
  {
    name: 'memory',
    field: 'memoryBytes',
    default: 2 * 1024 ** 3,
    good: [
      ['4GiB', 4 * 1024 ** 3],
      ['512MB', 512_000_000],
    ],
    bad: ['2g', 'lots', '-1GiB'],
    yamlGood: [[1_000_000_000, 1_000_000_000]],
    yamlBad: [-1],
  },
  {
    name: 'cpus',
    field: 'cpus',
    default: 1,
    good: [
      ['0.5', 0.5],
      ['2', 2],
    ],
    bad: ['0', '-1', 'two', '1e3'],
    yamlGood: [[1.5, 1.5]],
    yamlBad: [0, -2, true],
  },
  {
    name: 'phase-timeout',
    field: 'phaseTimeoutSeconds',
    default: 900,
    good: [['60', 60]],
    bad: ['0', '-1', '1.5', '10s'],
    yamlGood: [[30, 30]],
    yamlBad: [0, 1.5],
  },
  {
    name: 'engine-timeout',
    field: 'engineTimeoutSeconds',
    default: 120,
    good: [['30', 30]],
    bad: ['0', '-5', '2.5', '1m'],
    yamlGood: [[45, 45]],
    yamlBad: [0, 2.5],
  },
  bool('allow-python-mismatch', 'allowPythonMismatch'),
  bool('keep', 'keep'),
  {
    name: 'warm-runs',
    field: 'warmRuns',
    default: 3,
    good: [
      ['1', 1],
      ['5', 5],
    ],
    bad: ['0', '-1', '2.5'],
    yamlGood: [[2, 2]],
    yamlBad: [0],
  },
  {
    name: 'cold-runs',
    field: 'coldRuns',
    default: 1,
    good: [
      ['2', 2],
      ['20', 20],
    ],
    bad: ['0', '21', '1.5'],
    yamlGood: [[3, 3]],
    yamlBad: [0, 21],
  },
  {
    name: 'cache-layout',
    field: 'cacheLayout',
    default: 'separate',
    good: [
      ['shared', 'shared'],
      ['both', 'both'],
      ['separate', 'separate'],
    ],
    bad: ['split', 'Separate'],
    yamlBad: [1, ['both']],
  },
  {
    name: 'concurrent-workers',
    field: 'concurrentWorkers',
    default: 0,
    good: [
      ['0', 0],
      ['3', 3],
      ['16', 16],
    ],
    bad: ['17', '-1', '2.5'],
    yamlGood: [[4, 4]],
    yamlBad: [17, -1],
  },
  {
    name: 'scaffold-cache',
    field: 'scaffoldCache',
    default: 'own',
    // A root scaffolder cannot share the workers' cache (rules.test.ts).
    alongside: { 'scaffolder-user': 'image' },
    good: [
      ['own', 'own'],
      ['shared', 'shared'],
    ],
    bad: ['mine', 'Own'],
    yamlBad: [1, ['own']],
  },
  {
    name: 'scaffolder-image',
    field: 'scaffolderImage',
    default: undefined,
    good: [
      ['scaffolder:dev', 'scaffolder:dev'],
      ['registry.example.com/team/scaffolder:1.2', 'registry.example.com/team/scaffolder:1.2'],
    ],
    bad: ['Scaffolder:dev', 'a b'],
    yamlBad: [1, ['x']],
  },
  {
    name: 'scaffolder-user',
    field: 'scaffolderUser',
    default: 'root',
    good: [
      ['root', 'root'],
      ['image', 'image'],
    ],
    bad: ['worker', '0'],
    yamlBad: [0, ['root']],
  },
  {
    name: 'handoff',
    field: 'handoff',
    default: 'clone',
    good: [
      ['clone', 'clone'],
      ['mount', 'mount'],
    ],
    bad: ['copy', 'Clone'],
    yamlBad: [1, ['clone']],
  },
  {
    name: 'handoff-path',
    field: 'handoffPath',
    default: '/workspace',
    alongside: { handoff: 'mount' },
    good: [
      ['/workspace', '/workspace'],
      ['/home/worker/project', '/home/worker/project'],
    ],
    bad: ['workspace', '/', '/worker-gate-origin', '/a b', '/a/../b'],
    yamlBad: [1, ['/workspace']],
  },
  {
    name: 'handoff-fixup',
    field: 'handoffFixup',
    default: undefined,
    alongside: { handoff: 'mount' },
    good: [['sed -i s#/data#/workspace# .venv/bin/*', 'sed -i s#/data#/workspace# .venv/bin/*']],
    bad: [],
    yamlBad: [1, ['x']],
  },
  {
    name: 'env',
    field: 'env',
    default: {},
    good: [[['PIP_NO_INPUT=1', 'A=b=c', 'EMPTY='], { PIP_NO_INPUT: '1', A: 'b=c', EMPTY: '' }]],
    bad: [['PYTHONPATH'], ['bad-key=x'], ['=x']],
    yamlBad: [{ A: '1' }, 'A=1'],
  },
  {
    name: 'unset-env',
    field: 'unsetEnv',
    default: [],
    good: [
      [
        ['PYTHONPATH', 'UV_CACHE_DIR'],
        ['PYTHONPATH', 'UV_CACHE_DIR'],
      ],
    ],
    bad: [['PYTHON-PATH'], ['A=1']],
    yamlBad: ['PYTHONPATH', [1]],
  },
  {
    name: 'max-warm-setup-seconds',
    field: 'maxWarmSetupSeconds',
    default: undefined,
    good: [
      ['5', 5],
      ['2.5', 2.5],
    ],
    bad: ['-1', 'fast', '0', '86401'],
    yamlGood: [[4, 4]],
    yamlBad: [-0.5],
  },
  {
    name: 'min-setup-speedup',
    field: 'minSetupSpeedup',
    default: undefined,
    good: [['1.5', 1.5]],
    bad: ['-0.1', 'x'],
    yamlBad: [-1],
  },
  {
    name: 'max-layout-ratio',
    field: 'maxLayoutRatio',
    default: undefined,
    good: [['2', 2]],
    bad: ['-2', '0', '1001'],
    yamlBad: [-2],
    alongside: { 'cache-layout': 'both' },
  },
  bool('skip-e2e', 'skipE2e'),
  {
    name: 'baseline-ref',
    field: 'baselineRef',
    default: undefined,
    good: [['origin/main', 'origin/main']],
    bad: ['-x', 'a b'],
    yamlBad: [1],
  },
  {
    name: 'baseline-report',
    field: 'baselineReport',
    default: undefined,
    good: [['/base/report.json', '/base/report.json']],
    bad: [],
    yamlBad: PATH_YAML_BAD,
  },
  {
    name: 'max-warm-setup-regression',
    field: 'maxWarmSetupRegression',
    default: undefined,
    good: [['1.25', 1.25]],
    bad: ['0', '-1', 'x'],
    yamlGood: [[1.5, 1.5]],
    yamlBad: [0],
    alongside: { 'baseline-ref': 'origin/main' },
  },
  {
    name: 'expect-cold-setup-seconds',
    field: 'expectColdSetupSeconds',
    default: '15-35',
    good: [
      ['10-20', '10-20'],
      ['2.5-4', '2.5-4'],
    ],
    bad: ['35-15', '15', 'a-b', '-5-3'],
    yamlBad: [15],
  },
  {
    name: 'expect-warm-setup-seconds',
    field: 'expectWarmSetupSeconds',
    default: '3-5',
    good: [['1-2', '1-2']],
    bad: ['5-3', 'fast'],
  },
  {
    name: 'timing-noise',
    field: 'timingNoisePercent',
    default: 10,
    good: [
      ['5%', 5],
      ['12.5%', 12.5],
    ],
    bad: ['10', '-5%', 'ten%'],
    yamlBad: [10],
  },
  {
    name: 'filters',
    field: 'filters',
    command: 'audit',
    default: [],
    good: [
      [
        ['label=role=worker', 'ancestor=worker:1'],
        ['label=role=worker', 'ancestor=worker:1'],
      ],
      [['name=w1'], ['name=w1']],
    ],
    bad: [['labels=x'], ['label='], ['nokey'], ['=x']],
    yamlBad: ['label=x', { label: 'x' }],
  },
  {
    name: 'scaffolder-filters',
    field: 'scaffolderFilters',
    command: 'audit',
    default: [],
    good: [
      [
        ['label=role=scaffolder', 'name=p-scaffolder-1'],
        ['label=role=scaffolder', 'name=p-scaffolder-1'],
      ],
    ],
    bad: [['labels=x'], ['label='], ['nokey']],
    yamlBad: ['label=x', { label: 'x' }],
  },
  {
    name: 'expect-image',
    field: 'expectImage',
    command: 'audit',
    default: undefined,
    good: [['worker:1.4.2', 'worker:1.4.2']],
    bad: ['-rm', 'a b'],
    yamlBad: [1],
  },
];

/** Tested on their own (config.test.ts): they differ by door or exist in one door only. */
const DOOR_SPECIFIC: readonly OptionName[] = [
  'config',
  'summary',
  'comment',
  'github-token',
  'explain',
  'ca-bundle',
  'audit',
  // merge's own, read by merge-options.ts (cli/merge.test.ts, action/merge.test.ts).
  'merge',
  'reports',
  // the matrix's, read by matrix-file.ts and config.ts (matrix-file.test.ts).
  'matrix-file',
  'cell',
  'list',
  'engines',
  'all-contexts',
  'jobs',
  // clean's own flags, no Config field (clean-options.test.ts).
  'run',
  'all',
];

const read = (config: Config, field: keyof Config) =>
  field === 'require' ? asRequire(config.require) : config[field];

function cliArgs(name: OptionName, input: Input): string[] {
  const spec = specNamed(name);
  const flag = `--${spec.cliName ?? spec.name}`;
  if (spec.kind === 'boolean') return [input.toString().toLowerCase() === 'true' ? flag : `--no-${name}`];
  return (typeof input === 'string' ? [input] : input).map((item) => `${flag}=${item}`);
}

const actionValue = (input: Input): string => (typeof input === 'string' ? input : input.join('\n'));
const yamlOf = (name: OptionName, value: unknown, alongside: object = {}): string =>
  stringify({ ...alongside, [name]: value });
const shownItem = (input: Input): string => JSON.stringify(typeof input === 'string' ? input : input[0]);

test('every option is in the table or tested on its own', () => {
  const covered = [...CASES.map((c) => c.name), ...DOOR_SPECIFIC].sort();
  expect(covered).toEqual(SPECS.map((spec) => spec.name).sort());
});

describe.each(CASES)('$name', (c) => {
  const spec = specNamed(c.name);
  const flag = `--${spec.cliName ?? spec.name}`;
  const withArgs = Object.entries(c.alongside ?? {}).map(([name, value]) => `--${name}=${value}`);
  const run = c.command ? { command: c.command } : {};

  test('default', () => {
    expect(read(viaCli([], run), c.field)).toEqual(c.default);
    expect(read(viaAction({}, run), c.field)).toEqual('actionDefault' in c ? c.actionDefault : c.default);
    expect(read(viaFile('', run), c.field)).toEqual(c.default);
  });

  test.each(c.good)('CLI %j', (input, value) => {
    expect(read(viaCli([...cliArgs(c.name, input), ...withArgs], run), c.field)).toEqual(value);
  });

  test.each(c.good)('action input %j', (input, value) => {
    expect(read(viaAction({ ...c.alongside, [c.name]: actionValue(input) }, run), c.field)).toEqual(value);
  });

  test.each(c.good)('config file %j', (input, value) => {
    expect(read(viaFile(yamlOf(c.name, input, c.alongside), run), c.field)).toEqual(value);
  });

  test.each([...(c.yamlGood ?? [])])('config file native %j', (input, value) => {
    expect(read(viaFile(yamlOf(c.name, input, c.alongside), run), c.field)).toEqual(value);
  });

  test.each(rows(spec.kind === 'boolean' ? [] : c.bad))('CLI refuses %j', (input) => {
    const error = inputErrorOf(() => viaCli([...cliArgs(c.name, input), ...withArgs], run));
    expect(error.message).toMatch(
      new RegExp(`^invalid ${flag} ${escapeRegExp(spec.secret ? '"***"' : shownItem(input))}: expected \\S`),
    );
    expect(error.message).not.toContain('\n');
    expect(error.input).toBe(flag);
  });

  test.each(rows(c.bad))('action input refuses %j', (input) => {
    const error = inputErrorOf(() => viaAction({ ...c.alongside, [c.name]: actionValue(input) }, run));
    expect(error.message).toMatch(
      new RegExp(
        `^invalid ${c.name} input ${escapeRegExp(spec.secret ? '"***"' : shownItem(input))}: expected \\S`,
      ),
    );
    expect(error.message).not.toContain('\n');
    expect(error.input).toBe(`${c.name} input`);
  });

  test.each(rows(c.bad))('config file refuses %j', (input) => {
    const error = inputErrorOf(() => viaFile(yamlOf(c.name, input, c.alongside), run));
    const item = isRepeatable(spec) ? ' item 1' : '';
    expect(error.message).toMatch(
      new RegExp(
        `^\\.worker-gate\\.yml: invalid ${c.name}${item} ${escapeRegExp(spec.secret ? '"***"' : shownItem(input))}: expected \\S`,
      ),
    );
    expect(error.message).not.toContain('\n');
    expect(error.input).toBe(`.worker-gate.yml: ${c.name}`);
  });

  test.each(rows(c.yamlBad ?? []))('config file refuses native %j', (value) => {
    const error = inputErrorOf(() => viaFile(yamlOf(c.name, value, c.alongside), run));
    expect(error.message).toMatch(
      new RegExp(`^\\.worker-gate\\.yml: invalid ${c.name}( item \\d+)? .+: expected \\S`),
    );
    expect(error.message).not.toContain('\n');
  });
});

/** One argument per row: test.each would spread a row that is itself a list. */
function rows<T>(values: readonly T[]): Array<[T]> {
  return values.map((value) => [value]);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('messages say what was expected', () => {
  test.each([
    [['--cache-layout=split'], 'invalid --cache-layout "split": expected one of separate, shared, both'],
    [['--copier-version=9'], 'invalid --copier-version "9": expected a full copier version like 9.19.1'],
    [['--phase-timeout=0'], 'invalid --phase-timeout "0": expected a whole number of seconds > 0'],
    [['--warm-runs=0'], 'invalid --warm-runs "0": expected a whole number ≥ 1'],
    [['--warm-runs=-1'], 'invalid --warm-runs "-1": expected a whole number ≥ 1'],
    [['--cpus=0'], 'invalid --cpus "0": expected a number ≥ 0.01 and ≤ 1024'],
    [['--concurrent-workers=17'], 'invalid --concurrent-workers "17": expected a whole number ≥ 0 and ≤ 16'],
    [['--concurrent-workers=-1'], 'invalid --concurrent-workers "-1": expected a whole number ≥ 0 and ≤ 16'],
    [['--env=PYTHONPATH'], 'invalid --env "PYTHONPATH": expected KEY=VALUE, like PIP_NO_INPUT=1'],
    [['--scaffold-cache=mine'], 'invalid --scaffold-cache "mine": expected one of own, shared'],
    [['--unset-env=A=1'], 'invalid --unset-env "A=1": expected a variable name like PYTHONPATH'],
    [
      ['--max-warm-setup-seconds=-1'],
      'invalid --max-warm-setup-seconds "-1": expected a number of seconds > 0 and ≤ 86400',
    ],
    [['--min-setup-speedup=-1'], 'invalid --min-setup-speedup "-1": expected a number ≥ 0'],
    [['--max-layout-ratio=-1'], 'invalid --max-layout-ratio "-1": expected a number > 0 and ≤ 1000'],
    [['--max-warm-setup-regression=0'], 'invalid --max-warm-setup-regression "0": expected a number > 0'],
    [['--data=novalue'], 'invalid --data "novalue": expected KEY=VALUE, like project_name=demo'],
    [['--build-arg=X'], 'invalid --build-arg "X": expected KEY=VALUE, like PYTHON_VERSION=3.12'],
    [
      ['--allow-package=pyyaml'],
      'invalid --allow-package "pyyaml": expected NAME=REASON, like pyyaml=needed by the deploy scripts',
    ],
    [
      ['--max-image-size=12XB'],
      'invalid --max-image-size "12XB": expected a size like 500MB, 1.5GiB or 312000000 (units B, kB, MB, GB, KiB, MiB, GiB)',
    ],
    [['--timing-noise=10'], 'invalid --timing-noise "10": expected a percent like 10%'],
    [
      ['--expect-cold-setup-seconds=35-15'],
      'invalid --expect-cold-setup-seconds "35-15": expected a range of seconds LOW-HIGH with LOW ≤ HIGH, like 15-35',
    ],
    [['--require=uv=>1'], 'cannot read the clause "=>1"'],
  ])('%j', (args, message) => {
    expect(inputErrorOf(() => viaCli(args)).message).toContain(message);
  });

  test('a list names the bad item, wherever it is', () => {
    const error = inputErrorOf(() => viaCli(['--data=a=1', '--data=oops', '--data=b=2']));
    expect(error.message).toBe('invalid --data "oops": expected KEY=VALUE, like project_name=demo');
    const fromFile = inputErrorOf(() => viaFile('data:\n  - a=1\n  - oops\n'));
    expect(fromFile.message).toBe(
      '.worker-gate.yml: invalid data item 2 "oops": expected KEY=VALUE, like project_name=demo',
    );
  });

  test('a scalar where the file needs a list says so', () => {
    const error = inputErrorOf(() => viaFile('forbid-commands: ruff, pytest\n'));
    expect(error.message).toMatch(
      /^\.worker-gate\.yml: invalid forbid-commands "ruff, pytest": expected a YAML list of /,
    );
  });

  test('problems in the file and on the command line are reported together', () => {
    const files = { '/home/me/project/.worker-gate.yml': 'warm-runs: 0\n' };
    const error = inputErrorOf(() => viaCli(['--memory=lots'], { files }));
    expect([error.message, ...error.details]).toEqual([
      expect.stringMatching(/^invalid --memory "lots"/),
      expect.stringMatching(
        /^\.worker-gate\.yml: invalid warm-runs 0: expected a whole number ≥ 1 and ≤ 20$/,
      ),
    ]);
  });

  test('every problem is reported: the first as the message, the rest as details', () => {
    const error = inputErrorOf(() => viaCli(['--warm-runs=0', '--memory=lots', '--cache-layout=x']));
    const lines = [error.message, ...error.details];
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).toMatch(/invalid --warm-runs "0"/);
    expect(lines.join('\n')).toMatch(/invalid --memory "lots"/);
    expect(lines.join('\n')).toMatch(/invalid --cache-layout "x"/);
  });
});
