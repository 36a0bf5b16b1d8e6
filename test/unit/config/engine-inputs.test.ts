import { describe, expect, test } from 'vitest';
import { checkEngineInputs, engineInputProblems } from '../../../src/config/engine-inputs.js';
import { InputError } from '../../../src/model/errors.js';
import { viaCli, viaFile } from './helpers.js';

const none = new Map<string, string>();

describe('inputs only the engine can judge', () => {
  test('cpus above the engine CPU count, named as spelled', () => {
    expect(
      engineInputProblems('verify', viaCli(['--cpus', '3']), { cpuCount: 2, missingImages: none }),
    ).toEqual([{ message: '--cpus is 3, but the engine has 2 CPUs: give at most 2', input: '--cpus' }]);
    const fromFile = viaFile('cpus: 4\nimage: w:1\n', { command: 'e2e' });
    expect(engineInputProblems('e2e', fromFile, { cpuCount: 1, missingImages: none })[0]?.message).toBe(
      '.worker-gate.yml: cpus is 4, but the engine has 1 CPU: give at most 1',
    );
  });

  test.each([
    ['equal to the count', ['--cpus', '2'], 'verify'],
    ['no workers when e2e is skipped', ['--cpus', '8', '--skip-e2e'], 'verify'],
  ] as const)('cpus is fine: %s', (_, args, command) => {
    expect(engineInputProblems(command, viaCli([...args]), { cpuCount: 2, missingImages: none })).toEqual([]);
  });

  test('every image that cannot be had at once, with cpus, each in the words of its pull', async () => {
    const config = viaCli(['--image', 'w:gone', '--baseline-image', 'w:old', '--cpus', '9']);
    const asked: string[] = [];
    const run = checkEngineInputs('verify', config, {
      cpuCount: async () => 2,
      obtainImage: async (ref) => {
        asked.push(ref);
        return `image ${ref} is not in the engine and cannot be pulled from docker.io: not found`;
      },
    });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect([(error as InputError).message, ...(error as InputError).details]).toEqual([
      '--cpus is 9, but the engine has 2 CPUs: give at most 2',
      '--image: image w:gone is not in the engine and cannot be pulled from docker.io: not found',
      '--baseline-image: image w:old is not in the engine and cannot be pulled from docker.io: not found',
    ]);
    expect(asked).toEqual(['w:gone', 'w:old']);
  });

  test('baseline-image is not pulled for a command that does not compare with it', async () => {
    const asked: string[] = [];
    const config = viaFile('image: w:1\nbaseline-image: w:old\n', { command: 'e2e' });
    await checkEngineInputs('e2e', config, {
      cpuCount: async () => 64,
      obtainImage: async (ref) => void asked.push(ref),
    });
    expect(asked).toEqual(['w:1']);
  });

  test('nothing to say when the engine has it all', async () => {
    const config = viaCli(['--image', 'w:1']);
    await expect(
      checkEngineInputs('verify', config, { cpuCount: async () => 1, obtainImage: async () => undefined }),
    ).resolves.toBeUndefined();
  });
});
