// One run on the fake engine (test/unit/docker/fake-engine.ts), through the
// guard as every run goes: the stages in order, and the clean-up on every way a
// run ends (it passed, a build failed, an error mid-e2e, a signal, an engine
// that stopped answering). The engine tier proves the same on a real engine.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { type RawValues, resolveConfig } from '../../src/config/index.js';
import { toolRoot } from '../../src/config/shipped.js';
import { connectTo } from '../../src/docker/engine.js';
import { Interrupted } from '../../src/docker/guard.js';
import { CHECKS } from '../../src/judge/registry.js';
import type { Command } from '../../src/model/command.js';
import { silentLog } from '../../src/model/log.js';
import { runPipeline } from '../../src/pipeline.js';
import {
  EngineError,
  type ExecAnswer,
  type ExecCall,
  FAKE_ENGINE_ID,
  FakeEngine,
  fakeImage,
} from './docker/fake-engine.js';
import { type PhaseName, TARGETS, workerShell } from './e2e/run/fake-shell.js';

const IMAGE = 'sha256:built';
const BASE = 'base:1';
const RUN = 'wg-pipeline1-abcdef';
const dir = mkdtempSync(path.join(tmpdir(), 'wg-pipeline-'));
const DOCKERFILE = path.join(dir, 'Dockerfile');
writeFileSync(DOCKERFILE, `FROM ${BASE}\nRUN true\n`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function config(command: Command, overrides: RawValues = {}) {
  return resolveConfig({
    frontDoor: 'cli',
    checks: CHECKS,
    command,
    overrides: {
      dockerfile: DOCKERFILE,
      context: dir,
      template: 'https://templates.invalid/service.git',
      'warm-runs': '1',
      // The fake engine has the classic builder's API; BuildKit's path runs docker buildx (test/engine/buildkit.test.ts).
      'build-backend': 'classic',
      ...TARGETS,
      ...overrides,
    },
    env: {},
    cwd: dir,
    assetsDir: toolRoot(),
    readFile: (file) => {
      throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    },
  });
}

/** A worker's shell, the contract's probe containers (no role: they print every record's end) included. */
function shell(
  answer: (call: ExecCall, phase: PhaseName) => ExecAnswer | undefined | Promise<never> = () => undefined,
) {
  return workerShell((call, phase) => {
    const given = answer(call, phase);
    if (given) return given as ExecAnswer;
    return call.container.spec.labels['worker-gate.role']
      ? undefined
      : { output: '@@wg write ok\n@@wg done\n' };
  });
}

function engineWith(answer?: Parameters<typeof shell>[0]): FakeEngine {
  return new FakeEngine({ images: [fakeImage(IMAGE)], exec: shell(answer) }).tag(BASE, IMAGE);
}

function run(fake: FakeEngine, command: Command, overrides: RawValues = {}, signal?: AbortSignal) {
  return runPipeline(command, config(command, overrides), {
    log: silentLog,
    runId: RUN,
    env: {},
    connect: (options) => connectTo(fake, options),
    ...(signal ? { signal } : {}),
  });
}

/** Where in the journal each stage first touched the engine, and where the last clean-up listed what was left. */
function stages(fake: FakeEngine) {
  const first = (prefix: string) => fake.journal.findIndex((l) => l.startsWith(prefix));
  const last = (prefix: string) => fake.journal.findLastIndex((l) => l.startsWith(prefix));
  return {
    build: first('images.build'),
    contract: first(`volumes.create ${RUN}-cache-check-`),
    e2e: first(`networks.create ${RUN}-net`),
    cleanUp: last('images.list'),
  };
}

const nothingLeft = { containers: [], volumes: [], networks: [] };

describe('a run that finishes', () => {
  test('verify: the build, the contract, the end to end, then the clean-up, and nothing is left', async () => {
    const fake = engineWith();
    const report = await run(fake, 'verify');
    expect(report.error).toBeUndefined();
    const at = stages(fake);
    expect(at.build).toBeGreaterThanOrEqual(0);
    expect(at.contract).toBeGreaterThan(at.build);
    expect(at.e2e).toBeGreaterThan(at.contract);
    expect(at.cleanUp).toBeGreaterThan(at.e2e);
    expect(report.image?.id).toBe(IMAGE);
    expect(report.e2e?.runs.map((r) => r.worker)).toEqual(['A', 'B']);
    expect(fake.left()).toEqual(nothingLeft);
  });

  test('a run of a matrix cell (cell) records the cell in its report, for merge', async () => {
    const matrixFile = path.join(dir, '.worker-gate-matrix.yml');
    const matrix = `images: [{ name: base, dockerfile: ${DOCKERFILE} }]\ntemplates: [{ name: tiny, template: https://templates.invalid/tiny.git }]\n`;
    const cellConfig = resolveConfig({
      frontDoor: 'cli',
      checks: CHECKS,
      command: 'verify',
      overrides: {
        context: dir,
        cell: 'base+tiny',
        'warm-runs': '1',
        'build-backend': 'classic',
        ...TARGETS,
      },
      env: {},
      cwd: dir,
      assetsDir: toolRoot(),
      readFile: (file) => {
        if (file === matrixFile) return matrix;
        throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
      },
    });
    const fake = engineWith();
    const report = await runPipeline('verify', cellConfig, {
      log: silentLog,
      runId: RUN,
      env: {},
      connect: (options) => connectTo(fake, options),
    });
    expect(report.cell).toEqual({ id: 'base+tiny', image: 'base', template: 'tiny' });
    // Where it ran, for the merged matrix: the endpoint (no DOCKER_HOST: the default socket) and who answered.
    expect(report.engine).toEqual({
      endpoint: 'unix:///var/run/docker.sock',
      id: FAKE_ENGINE_ID,
      name: 'fake-engine',
      rootDir: '/var/lib/docker',
    });
    expect(report.image?.id).toBe(IMAGE);
  });

  test('a build that fails is measured and judged, and nothing after it runs', async () => {
    const failing = new FakeEngine({
      images: [fakeImage(IMAGE)],
      exec: shell(),
      build: () => [
        { stream: 'Step 2/2 : RUN true\n' },
        {
          error: "The command '/bin/sh -c true' returned a non-zero code: 1",
          errorDetail: { message: 'returned a non-zero code: 1' },
        },
      ],
    }).tag(BASE, IMAGE);
    const report = await run(failing, 'verify');
    expect(report.verdict).toBe('fail');
    expect(report.failures.map((f) => f.gate)).toEqual(['build']);
    const at = stages(failing);
    expect(at.build).toBeGreaterThanOrEqual(0);
    expect([at.contract, at.e2e]).toEqual([-1, -1]);
    expect(at.cleanUp).toBeGreaterThan(at.build);
    expect(failing.left()).toEqual(nothingLeft);
  });

  test("BuildKit's options on the classic builder are refused before the build, named as the user spelled them", async () => {
    const fake = engineWith();
    const report = await run(fake, 'build', {
      secrets: ['id=tok,env=HOME'],
      'cache-from': ['type=registry,ref=127.0.0.1:5000/cache'],
    });
    expect(report.verdict).toBe('error');
    expect(report.error?.message).toBe(
      '--secret and --cache-from need BuildKit, which the classic builder is not (build-backend classic): install docker buildx, or set --build-backend buildkit',
    );
    expect(stages(fake).build).toBe(-1);
  });
});

describe('a run that cannot finish still cleans up and reports why', () => {
  test('an engine error mid-e2e: verdict error, its message, everything it made removed', async () => {
    const fake = engineWith().failOn(
      'containers.create',
      new EngineError(500, 'no space left on device'),
      (role) => role === 'e2e-separate-b1',
    );
    const report = await run(fake, 'e2e', { image: IMAGE });
    expect(report.verdict).toBe('error');
    expect(report.error?.message).toContain('no space left on device');
    expect(fake.left()).toEqual(nothingLeft);
  });

  test('a signal mid-phase: the phase stops waiting, verdict error "interrupted", everything removed', async () => {
    const control = new AbortController();
    const fake = engineWith((call, phase) => {
      if (phase !== 'setup' || call.container.name !== 'e2e-separate-a') return undefined;
      control.abort(new Interrupted('SIGINT'));
      return new Promise<never>(() => {});
    });
    const report = await run(fake, 'e2e', { image: IMAGE }, control.signal);
    expect(report.verdict).toBe('error');
    expect(report.error?.message).toBe('interrupted by SIGINT: the run was stopped');
    // Nothing new after the signal: developer B never started.
    expect(fake.calls('containers.create').at(-1)).toBe('containers.create e2e-separate-a');
    expect(fake.left()).toEqual(nothingLeft);
  });

  test('an engine that stops answering: the call past engine-timeout ends the run, and the report names what may be left', async () => {
    const fake = engineWith((call, phase) => {
      if (phase === 'lint' && call.container.name === 'e2e-separate-a') fake.stall();
      return undefined;
    });
    const report = await run(fake, 'e2e', { image: IMAGE, 'engine-timeout': '1' });
    expect(report.verdict).toBe('error');
    expect(report.error?.message).toMatch(
      /^the Docker engine at fake:\/\/engine did not answer \S+ within 1 s \(engine-timeout\)$/,
    );
    const advice = report.error?.detail ?? '';
    expect(advice).toContain(`objects of run ${RUN} may be left on the engine (`);
    expect(advice).toContain(`remove them with \`worker-gate clean --run ${RUN}\` once the engine answers`);
    // What the run had made and not removed when the engine stopped answering, each named.
    for (const object of [`network ${RUN}-net`, `volume ${RUN}-origin`, `volume ${RUN}-separate-cache`])
      expect(advice).toContain(object);
    expect(advice).toMatch(/container [0-9a-f]{12}[,)]/);
  });
});
