// Every promise the README and the docs pages make is kept: each flag, command,
// action input, output, config key, link and repository path they name exists
// (test/unit/docs/promises.ts reads them). What exists is read from the real
// sources: the CLI's own help, the option table, action.yml and the files here.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../../src/cli.js';
import { configKeys, isNegatable, SPECS } from '../../../src/config/options.js';
import { type Broken, checkPage, type Known, type PromiseKind } from './promises.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** docs/architecture.md is the code's map, kept by whoever moves the code; these are the user's pages. */
const PAGES = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md') && name !== 'architecture.md')
    .map((name) => `docs/${name}`),
];

async function help(argv: string[]): Promise<string> {
  let out = '';
  await runCli([...argv, '--help'], {
    out: (text) => {
      out += text;
    },
    err: () => {},
    env: {},
    cwd: ROOT,
  });
  return out;
}

/** `  build [options]  …` under "Commands:". */
function commandsOf(text: string): string[] {
  const section = text.slice(text.indexOf('\nCommands:\n'));
  return [...section.matchAll(/^ {2}([a-z][a-z0-9-]*)\b/gm)].map((m) => m[1] ?? '');
}

/** `  --run <ID>  …`, `  -h, --help  …`: the options help lists (descriptions wrap deeper). */
function flagsOf(text: string): string[] {
  return [...text.matchAll(/^ {2}(?:-[A-Za-z], )?(--[a-z][a-z0-9-]*)/gm)].map((m) => m[1] ?? '');
}

/** The flags the option table gives a command: `--(cliName ?? name)`, and `--no-NAME` for a boolean. */
function tableFlags(command: string): string[] {
  const takes = command === 'explain' ? 'verify' : command;
  return SPECS.filter(
    (spec) => !spec.actionOnly && (spec.commands as readonly string[]).includes(takes),
  ).flatMap((spec) => [
    `--${spec.cliName ?? spec.name}`,
    ...(isNegatable(spec) ? [`--no-${spec.name}`] : []),
  ]);
}

function ignoredTopLevel(): Set<string> {
  const ignore = readFileSync(path.join(ROOT, '.gitignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim().replace(/\/$/, ''))
    .filter((line) => /^[\w.-]+$/.test(line));
  return new Set(['.git', ...ignore]);
}

async function known(): Promise<Known> {
  const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
  };
  const commands = commandsOf(await help([]));
  const flags = new Map<string, Set<string>>();
  for (const command of commands)
    flags.set(command, new Set([...flagsOf(await help([command])), ...tableFlags(command)]));
  const choices = new Map<string, readonly string[]>();
  const optionOfFlag = new Map<string, string>();
  for (const spec of SPECS) {
    if (spec.choices) choices.set(spec.name, spec.choices);
    if (spec.kind === 'boolean') choices.set(spec.name, ['true', 'false']);
    optionOfFlag.set(`--${spec.cliName ?? spec.name}`, spec.name);
  }
  const ignored = ignoredTopLevel();
  const topLevelDirs = new Set(
    readdirSync(ROOT).filter((name) => !ignored.has(name) && statSync(path.join(ROOT, name)).isDirectory()),
  );
  return {
    commands: new Set(commands),
    flags,
    globalFlags: new Set(flagsOf(await help([]))),
    inputs: new Set(Object.keys(action.inputs)),
    outputs: new Set(Object.keys(action.outputs)),
    configKeys: new Set(configKeys()),
    choices,
    optionOfFlag,
    topLevelDirs,
    exists: (file) => existsSync(path.join(ROOT, file)),
    read: (file) =>
      existsSync(path.join(ROOT, file)) ? readFileSync(path.join(ROOT, file), 'utf8') : undefined,
  };
}

const facts = await known();
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const show = (broken: Broken[]) => broken.map((b) => `${b.where}: ${b.kind} ${b.promise}: ${b.why}`);

describe('what the real sources say exists', () => {
  test('the CLI has its commands, each with its flags and the global ones', () => {
    expect([...facts.commands]).toEqual(
      expect.arrayContaining(['build', 'check', 'e2e', 'verify', 'audit', 'explain', 'clean']),
    );
    expect(facts.flags.get('clean')).toEqual(new Set(['--run', '--all', '--engine-timeout', '--help']));
    expect(facts.flags.get('verify')?.has('--no-keep')).toBe(true);
    expect(facts.flags.get('explain')?.has('--cache-layout')).toBe(true);
    expect(facts.flags.get('check')?.has('--filter')).toBe(false);
    expect(facts.globalFlags).toEqual(new Set(['--version', '--help']));
  });
});

describe.each(PAGES)('%s', (file) => {
  const { broken, counts } = checkPage(file, read(file), facts);

  test('keeps every promise it makes', () => {
    expect(show(broken)).toEqual([]);
  });

  if (file === 'README.md') {
    test('is read: flags, commands, inputs, outputs, links and paths were all found in it', () => {
      const kinds: PromiseKind[] = ['flag', 'command', 'input', 'output', 'link', 'path'];
      expect(kinds.filter((kind) => counts[kind] === 0)).toEqual([]);
    });

    test('stays under about 300 lines', () => {
      expect(read(file).split('\n').length).toBeLessThanOrEqual(300);
    });
  }
});

describe('a broken promise is named, with its page and line', () => {
  const readme = read('README.md');
  const check = (text: string, file = 'README.md') => show(checkPage(file, text, facts).broken);
  const appended = (text: string) => `${readme}\n${text}\n`;
  const lastLine = readme.split('\n').length + 1;

  test.each([
    // Promised in design.md, not built yet.
    [
      '`worker-gate verify --engine ssh://ops@host-2`',
      'flag --engine: worker-gate verify has no flag --engine',
    ],
    ['`worker-gate mirror a.json b.json`', 'command worker-gate mirror: the CLI has no command mirror'],
    [
      'Drop the defaults with `--no-default-lists`.',
      'flag --no-default-lists: worker-gate has no flag --no-default-lists',
    ],
    [
      'Choose it with `--build-driver classic`.',
      'flag --build-driver: worker-gate has no flag --build-driver',
    ],
    [
      'Set `warn-only: true` for a week.',
      'input warn-only: true: warn-only is neither an action input nor a config key',
    ],
    // A real flag on a command that does not take it.
    [
      '`worker-gate check --image x --filter label=a=b`',
      'flag --filter: worker-gate check has no flag --filter',
    ],
    // A value an enum does not take.
    ['`cache-layout: all`', 'input cache-layout: all: cache-layout takes separate, shared, both, not all'],
    ['`worker-gate e2e --handoff copy`', 'input --handoff copy: handoff takes clone, mount, not copy'],
    ['Its `image-digest` output.', 'output `image-digest` output: action.yml has no output image-digest'],
    [
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, as a page writes it
      '`${{ steps.gate.outputs.digest }}`',
      'output steps.gate.outputs.digest: action.yml has no output digest',
    ],
    ['See [the guide](docs/guide.md).', 'link docs/guide.md: docs/guide.md does not exist'],
    [
      'See [bad input](docs/cli.md#bad-inputs).',
      'link docs/cli.md#bad-inputs: docs/cli.md has no heading #bad-inputs',
    ],
    ['[Up](#no-such-heading)', 'link #no-such-heading: README.md has no heading #no-such-heading'],
    [
      'Run `scripts/ensure-gpu.sh` first.',
      'path scripts/ensure-gpu.sh: scripts/ensure-gpu.sh does not exist',
    ],
  ])('%s', (text, why) => {
    expect(check(appended(text))).toEqual([`README.md:${lastLine}: ${why}`]);
  });

  test('an output named in a list item led by **Outputs**', () => {
    const item = '- **Outputs**, always set: `verdict`,\n  `image-digest` and `report-path`.';
    expect(check(appended(item))).toEqual([
      `README.md:${lastLine + 1}: output image-digest: action.yml has no output image-digest`,
    ]);
  });

  test("a flag in a shell block's worker-gate line, continued over lines", () => {
    const block = '```sh\nnpx worker-gate e2e --image my/worker:dev \\\n  --fleet-file cells.yml\n```';
    expect(check(appended(block))).toEqual([
      `README.md:${lastLine + 1}: flag --fleet-file: worker-gate e2e has no flag --fleet-file`,
    ]);
  });

  test("an action input in a workflow's with: block, and a key in a .worker-gate.yml block", () => {
    const workflow = '```yaml\n- uses: worker-gate/worker-gate@v1\n  with:\n    warn-only: true\n```';
    const config = '```yaml\n# .worker-gate.yml\nbuild-driver: classic\n```';
    expect(check(appended(`${workflow}\n\n${config}`))).toEqual([
      `README.md:${lastLine + 3}: input warn-only: action.yml has no input warn-only`,
      `README.md:${lastLine + 8}: config-key build-driver: build-driver is not a config key`,
    ]);
  });

  test("a synopsis line's flags, and a listing's paths", () => {
    const synopsis =
      '```\nworker-gate fleet [--list]\ncommon:  --config FILE   --fleet-file FILE\nsrc/gates/   every gate\n```';
    expect(check(appended(synopsis))).toEqual([
      `README.md:${lastLine + 1}: command worker-gate fleet: the CLI has no command fleet`,
      `README.md:${lastLine + 2}: flag --fleet-file: worker-gate has no flag --fleet-file`,
      `README.md:${lastLine + 3}: path src/gates: src/gates does not exist`,
    ]);
  });

  test("another tool's flags and the user's own paths are not worker-gate's promises", () => {
    const foreign = [
      '```sh\ngit push --force origin v1\nnpm install --save-dev worker-gate\n```',
      '`docker exec -it -u worker -w /workspace/... CONTAINER sh`, `images/worker/**` in a glob,',
      'with `load: true`, and `fetch-depth: 0`.',
      '```yaml\n- uses: actions/checkout@v4\n  with:\n    fetch-depth: 0\n```',
    ].join('\n\n');
    expect(check(appended(foreign))).toEqual([]);
  });

  test('a link from a docs page resolves from its folder', () => {
    expect(check('[the README](../README.md#nowhere) [cli](cli.md#exit-status)', 'docs/examples.md')).toEqual(
      ['docs/examples.md:1: link ../README.md#nowhere: README.md has no heading #nowhere'],
    );
  });
});
