// build-push-action's ssh and platform under BuildKit, on this engine's
// built-in BuildKit: an ssh agent started here reaches a RUN --mount=type=ssh
// (and without ssh the same RUN fails at its line), and a platform builds and
// is recorded, or, foreign with no emulator, is refused saying what to do.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toolRoot } from '../../src/config/shipped.js';
import { newRunId } from '../../src/docker/labels.js';
import type { Report } from '../../src/model/report.js';
import { STANDIN_PYTHON } from './images.js';
import { cli, readReport } from './run-cli.js';

const SSH_DOCKERFILE = path.join(toolRoot(), 'test', 'fixtures', 'build', 'buildkit-ssh', 'Dockerfile');
const AGENT_KEYS = path.join(path.dirname(SSH_DOCKERFILE), 'agent-keys.py');
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'wg-buildkit-options-'));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function build(
  name: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<{ code: number; err: string; report: Report }> {
  const file = path.join(tmp, `${name}.json`);
  const run = await cli(['build', '--build-backend', 'buildkit', ...args, '--report', file], opts);
  return { code: run.code, err: run.err, report: readReport(file) };
}

describe('ssh: an agent started here, with a key made here', () => {
  const comment = `wg-test-key-${newRunId()}`;
  let socket: string;
  let agentPid: number;
  const withAgent = () => ({ ...process.env, SSH_AUTH_SOCK: socket });
  const sshArgs = [
    '--dockerfile',
    SSH_DOCKERFILE,
    '--build-arg',
    `BASE_IMAGE=${STANDIN_PYTHON}`,
    // The RUN must run every time: a step from the cache would say nothing of the agent.
    '--no-build-cache',
    '--tag',
    'worker-gate-test/buildkit-ssh:latest',
  ];

  beforeAll(() => {
    const dir = mkdtempSync(path.join(tmp, 'ssh-'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path.join(dir, 'key')]);
    socket = path.join(dir, 'agent.sock');
    const started = execFileSync('ssh-agent', ['-s', '-a', socket], { encoding: 'utf8' });
    agentPid = Number(/SSH_AGENT_PID=(\d+)/.exec(started)?.[1]);
    execFileSync('ssh-add', ['-q', path.join(dir, 'key')], { env: withAgent(), stdio: 'ignore' });
  });

  afterAll(() => {
    if (agentPid) process.kill(agentPid);
  });

  test("the fixture's script lists the agent's keys on this host, and says so when there is none", () => {
    expect(execFileSync('python3', [AGENT_KEYS], { env: withAgent(), encoding: 'utf8' })).toContain(
      `agent key: ${comment}`,
    );
    const env = { ...process.env };
    delete env.SSH_AUTH_SOCK;
    expect(() => execFileSync('python3', [AGENT_KEYS], { env, stdio: 'pipe' })).toThrow(
      /SSH_AUTH_SOCK is not set/,
    );
    const gone = { ...env, SSH_AUTH_SOCK: path.join(tmp, 'no-agent.sock') };
    expect(() => execFileSync('python3', [AGENT_KEYS], { env: gone, stdio: 'pipe' })).toThrow(
      /no ssh agent at .*no-agent\.sock/,
    );
  });

  test('--ssh default reaches the RUN --mount=type=ssh: the step lists the key', async () => {
    const run = await build('ssh-flag', ['--ssh', 'default', ...sshArgs], { env: withAgent() });
    expect(run.code, run.err).toBe(0);
    expect(run.err).toContain(`agent key: ${comment}`);
  });

  test('the ssh config key, as .worker-gate.yml spells it, does the same', async () => {
    const cwd = mkdtempSync(path.join(tmp, 'ssh-config-'));
    writeFileSync(path.join(cwd, '.worker-gate.yml'), 'ssh:\n  - default\n');
    const run = await build('ssh-config', sshArgs, { env: withAgent(), cwd });
    expect(run.code, run.err).toBe(0);
    expect(run.err).toContain(`agent key: ${comment}`);
  });

  test('without ssh the same RUN fails at its line (the control)', async () => {
    const run = await build('ssh-none', sshArgs, { env: withAgent() });
    expect(run.code, run.err).toBe(1);
    expect(run.err).toContain('Dockerfile:6 RUN --mount=type=ssh python3 /agent-keys.py');
    // BuildKit names a socket it never made: the step finds no agent there.
    expect(run.err).toMatch(/no ssh agent at \S+: No such file or directory \(build with --ssh default\)/);
    expect(run.report.failures[0]).toMatchObject({ gate: 'build', line: 6 });
  });
});

describe('platform', () => {
  const dockerfile = () => {
    const dir = mkdtempSync(path.join(tmp, 'platform-'));
    writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${STANDIN_PYTHON}\nRUN echo built > /built\n`);
    return path.join(dir, 'Dockerfile');
  };

  test("linux/amd64 (this machine's) builds and loads, and the report records the image's platform", async () => {
    const run = await build('platform-amd64', [
      '--dockerfile',
      dockerfile(),
      '--platform',
      'linux/amd64',
      '--tag',
      'worker-gate-test/buildkit-platform:latest',
    ]);
    expect(run.code, run.err).toBe(0);
    expect(run.report.build).toMatchObject({ backend: 'buildkit', platform: 'linux/amd64' });
    // BuildKit names the step `[linux/amd64 2/2] RUN …`: it still maps to its line.
    expect(run.report.build?.steps.find((s) => s.name.includes('RUN echo built'))?.dockerfileLine).toBe(2);
  });

  test('a foreign platform the builder has no emulator for is refused before the build: exit 2, naming it and what to do', async () => {
    const listed = execFileSync('docker', ['buildx', 'inspect'], { encoding: 'utf8' });
    const foreign = ['linux/s390x', 'linux/ppc64le', 'linux/riscv64', 'linux/arm64'].find(
      (p) => !listed.includes(p),
    );
    expect(foreign, `this builder emulates every candidate: ${listed}`).toBeDefined();
    const run = await cli([
      'build',
      '--build-backend',
      'buildkit',
      '--dockerfile',
      dockerfile(),
      '--platform',
      `${foreign}`,
    ]);
    expect(run.code, run.err).toBe(2);
    expect(run.err).toContain(
      `--platform ${foreign}: the builder (driver docker) builds only for linux/amd64`,
    );
    expect(run.err).toContain(`install an emulator for it`);
    expect(run.err).not.toContain('docker buildx build');
  });
});
