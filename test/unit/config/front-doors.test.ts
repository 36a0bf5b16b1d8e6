import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { actionInputs, fromActionInputs, renderActionInputsYaml } from '../../../src/config/action-inputs.js';
import { fromCliOptions, isUsageError, unplacedArguments } from '../../../src/config/cli-options.js';
import { configKeys, OPTIONS, specNamed } from '../../../src/config/options.js';
import { shown } from '../../../src/config/validate.js';
import { cliCommand } from './helpers.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('CLI options (commander)', () => {
  test('an unknown option is left unplaced, with its value, for the problems of the run', () => {
    const parsed = cliCommand('check').parse(['--imgae', 'x', '--image=y', '--frob=1', '-q', 'loose'], {
      from: 'user',
    });
    expect(parsed.opts().image).toBe('y');
    expect(unplacedArguments(parsed)).toEqual([
      { message: 'unknown option --imgae (did you mean --image?)', input: '--imgae' },
      { message: 'unknown option --frob', input: '--frob' },
      { message: 'unknown option -q', input: '-q' },
    ]);
  });

  test('a missing option value is a usage error; --help is not', () => {
    expect(isUsageError(thrown(() => cliCommand('build').parse(['--tag'], { from: 'user' })))).toBe(true);
    expect(isUsageError(thrown(() => cliCommand('build').parse(['--help'], { from: 'user' })))).toBe(false);
    expect(isUsageError(new Error('x'))).toBe(false);
  });

  test.each([
    [
      'build',
      ['--dockerfile', '--build-arg', '--report'],
      ['--image', '--memory', '--require', '--require-pinned-images'],
    ],
    [
      'check',
      [
        '--image',
        '--require',
        '--max-image-size',
        '--baseline-report',
        '--dockerfile',
        '--require-pinned-images',
      ],
      ['--memory', '--template'],
    ],
    [
      'e2e',
      ['--image', '--template', '--data', '--memory', '--timing-noise'],
      ['--dockerfile', '--require', '--skip-e2e'],
    ],
    [
      'verify',
      ['--dockerfile', '--image', '--require', '--template', '--skip-e2e', '--baseline-ref'],
      ['--comment'],
    ],
  ] as const)('%s takes its options and only those', (stage, has, lacks) => {
    const flags = cliCommand(stage).options.map((option) => option.long);
    for (const flag of has) expect(flags).toContain(flag);
    for (const flag of lacks) expect(flags).not.toContain(flag);
  });

  test('repeatables collect one value per use, under the plural name', () => {
    const parsed = cliCommand('verify').parse(
      ['--build-arg', 'A=1', '--build-arg', 'B=2', '--require', 'uv', '--data', 'x=1'],
      { from: 'user' },
    );
    expect(fromCliOptions(parsed.opts())).toEqual({
      'build-args': ['A=1', 'B=2'],
      require: ['uv'],
      data: ['x=1'],
    });
  });

  test('no option has a commander default, so an unset flag never hides the config file', () => {
    expect(fromCliOptions(cliCommand('verify').parse([], { from: 'user' }).opts())).toEqual({});
  });

  test('help shows the value, repeatability and default', () => {
    const help = cliCommand('e2e').helpInformation({ error: false });
    expect(help).toMatch(/--memory <SIZE>\s+Memory limit of each worker container\. \(default: 2GiB\)/);
    expect(help).toMatch(/--data <KEY=VALUE>\s+.*Repeatable\./);
    expect(help).toMatch(/--cache-layout <separate\|shared\|both>/);
    expect(help).toContain('--no-trust-template turns it off.');
    expect(help).not.toMatch(/^\s+--no-trust-template/m);
  });
});

describe('action inputs', () => {
  test('every option but the CLI-only ones is an input, under its plural name', () => {
    const options: readonly { name: string; cliOnly?: boolean }[] = OPTIONS;
    expect(actionInputs().map((input) => input.name)).toEqual(
      options.filter((option) => !option.cliOnly).map((option) => option.name),
    );
  });

  test('only inputs the config file cannot set carry a default in action.yml', () => {
    const withDefault = actionInputs().filter((input) => input.default !== undefined);
    expect(withDefault).toEqual([
      expect.objectContaining({ name: 'summary', default: 'true' }),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression
      expect.objectContaining({ name: 'github-token', default: '${{ github.token }}' }),
      expect.objectContaining({ name: 'audit', default: 'false' }),
      expect.objectContaining({ name: 'merge', default: 'false' }),
    ]);
    for (const input of withDefault) expect(configKeys()).not.toContain(input.name);
  });

  test('descriptions tell the default and the one-per-line rule', () => {
    const byName = new Map(actionInputs().map((input) => [input.name, input.description]));
    expect(byName.get('memory')).toMatch(/Default: 2GiB\.$/);
    expect(byName.get('require')).toMatch(/One per line\. Default: uv, uvx, git, make, python3\.$/);
    expect(byName.get('report')).toMatch(/Default: worker-gate-report\.json in the runner's temp folder\.$/);
  });

  test('the rendered inputs block reads back as the same inputs', () => {
    const { inputs } = parse(renderActionInputsYaml()) as {
      inputs: Record<string, { description: string; required: boolean; default?: string }>;
    };
    expect(Object.entries(inputs).map(([name, input]) => ({ name, ...input }))).toEqual(
      actionInputs().map((input) => ({ ...input, required: false })),
    );
  });

  test('unset inputs are left out; lists are split into lines', () => {
    const inputs: Record<string, string> = { memory: '1GiB', require: 'uv\n\npython3>=3.12', cpus: '  ' };
    expect(fromActionInputs((name) => inputs[name] ?? '')).toEqual({
      memory: '1GiB',
      require: ['uv', 'python3>=3.12'],
    });
  });
});

test('a secret is never shown in a message', () => {
  expect(shown(specNamed('github-token'), 'ghp_secret')).toBe('"***"');
  expect(shown(specNamed('tag'), 'w:1')).toBe('"w:1"');
  expect(shown(specNamed('tag'), 'x'.repeat(200))).toHaveLength(78);
});
