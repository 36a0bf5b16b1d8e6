// Which builder a run takes, and why, from what `docker buildx version` answers.
import { describe, expect, test } from 'vitest';
import { resolveBackend } from '../../../src/build/backend.js';
import { ProcessError, type RunProcess } from '../../../src/process/run.js';

const calls: string[][] = [];
const answers =
  (stdout: string): RunProcess =>
  async (file, args) => {
    calls.push([file, ...args]);
    return { exitCode: 0, stdout, stderr: '', cut: { stdout: 0, stderr: 0 } };
  };
const missing: RunProcess = async () => {
  throw new ProcessError(
    '`docker buildx version` exited with 1',
    "docker: 'buildx' is not a docker command.",
    'exit',
    1,
  );
};
const ENV = { DOCKER_HOST: 'tcp://engine:2375' };

describe('auto', () => {
  test("takes BuildKit when docker buildx answers, asked with the run's engine variables, and says so", async () => {
    const seen: (NodeJS.ProcessEnv | undefined)[] = [];
    const run: RunProcess = async (file, args, options) => {
      seen.push(options?.env as NodeJS.ProcessEnv);
      return answers('github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3\n')(file, args, options);
    };
    expect(await resolveBackend('auto', run, ENV)).toEqual({
      backend: 'buildkit',
      reason: 'build-backend auto: docker buildx 0.13.1+ds1 answered',
    });
    expect(calls.at(-1)).toEqual(['docker', 'buildx', 'version']);
    expect(seen[0]?.DOCKER_HOST).toBe('tcp://engine:2375');
  });

  test('takes the classic builder when it does not, saying what it answered', async () => {
    expect(await resolveBackend('auto', missing, ENV)).toEqual({
      backend: 'classic',
      reason: "build-backend auto: docker buildx did not answer (docker: 'buildx' is not a docker command.)",
    });
  });
});

test('buildkit without buildx is an error that says how to get it, or how to do without', async () => {
  await expect(resolveBackend('buildkit', missing, ENV)).rejects.toThrow(
    /build-backend buildkit needs docker buildx, which did not answer: install the buildx plugin \(scripts\/ensure-buildx\.sh does\) or set build-backend classic/,
  );
});

test('classic asks nothing', async () => {
  const before = calls.length;
  expect(await resolveBackend('classic', missing, ENV)).toEqual({
    backend: 'classic',
    reason: 'build-backend classic',
  });
  expect(calls.length).toBe(before);
});
