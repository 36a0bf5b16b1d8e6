// Issue 11: nothing left, nothing hung. Real processes of the bundled CLI,
// interrupted by real signals at real moments; a real engine behind a TCP
// relay that stops forwarding; objects of a live and a dead run side by side.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toolRoot } from '../../src/config/shipped.js';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { HOST_LABEL, PID_LABEL, RUN_LABEL } from '../../src/docker/labels.js';
import { runPostStep } from '../action/run-action.js';
import { startCli } from './cli-process.js';
import { e2eOptions, runE2eChecked } from './e2e-helpers.js';
import { buildFixture, engineState, expectEngineState, fullEngineState } from './helpers.js';
import { SLIM_IMAGE } from './images.js';
import { readReport } from './run-cli.js';

const TINY = path.join(toolRoot(), 'test', 'fixtures', 'e2e', 'templates', 'tiny');
// The tiny template's stall=cold-setup stops the first setup there is: the scaffolder's.
const SETUP_A = /the scaffolder \(root, on its own cache\) · setup: make setup\n/;
const SCAFFOLD = /the scaffolder \(root, on its own cache\) · scaffold: /;
const SETUP_B = /developer B \(warm run 1 of 1, separate layout, clone\) · setup: make setup\n/;

let engine: Engine;
let work: string;

beforeAll(async () => {
  engine = await connectEngine();
  work = mkdtempSync(path.join(tmpdir(), 'wg-leak-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function e2eArgs(stall: string, report: string, extra: string[] = []): string[] {
  return [
    'e2e',
    '--image',
    SLIM_IMAGE,
    '--template',
    TINY,
    '--data',
    `stall=${stall}`,
    '--warm-runs',
    '1',
    '--report',
    report,
    ...extra,
  ];
}

describe('signals', () => {
  test('SIGINT and SIGTERM during scaffold, setup and a warm run: exit 130/143, report error, nothing left; SIGKILL then the post step: nothing left', async () => {
    const before = await fullEngineState(engine);
    const cases = [
      { signal: 'SIGINT', at: SCAFFOLD, stall: 'cold-setup', code: 130 },
      { signal: 'SIGTERM', at: SCAFFOLD, stall: 'cold-setup', code: 143 },
      { signal: 'SIGINT', at: SETUP_A, stall: 'cold-setup', code: 130 },
      { signal: 'SIGTERM', at: SETUP_A, stall: 'cold-setup', code: 143 },
      { signal: 'SIGINT', at: SETUP_B, stall: 'warm-setup', code: 130 },
      { signal: 'SIGTERM', at: SETUP_B, stall: 'warm-setup', code: 143 },
    ] as const;
    // Side by side: each run is its own process with its own run id and objects.
    const killed = cases.map((c, i) => {
      const report = path.join(work, `signal-${i}.json`);
      const cli = startCli(e2eArgs(c.stall, report));
      const done = cli.waitFor(c.at).then(async () => {
        cli.child.kill(c.signal);
        return cli.exited;
      });
      return { c, cli, report, done };
    });
    // SIGKILL skips every clean-up of the CLI's own: the post step must sweep what it left.
    const crashed = startCli(e2eArgs('cold-setup', path.join(work, 'sigkill.json')));
    const crashedRun = await crashed.runId();
    await crashed.waitFor(SETUP_A);
    crashed.child.kill('SIGKILL');
    expect(await crashed.exited).toBe(137);
    const left = await engine.containers.list({
      all: true,
      filters: { label: [`${RUN_LABEL}=${crashedRun}`] },
    });
    expect(left.length).toBeGreaterThan(0); // control: a killed CLI does leave its worker
    const post = await runPostStep({ 'run-id': crashedRun });
    expect(post.code).toBe(0);
    expect(post.stdout).toContain(`left by run ${crashedRun}`);

    for (const k of killed) {
      const code = await k.done;
      expect(code, k.cli.err()).toBe(k.c.code);
      const report = readReport(k.report);
      expect(report.verdict).toBe('error');
      expect(report.error?.message).toMatch(new RegExp(`^interrupted by ${k.c.signal}`));
      expect(k.cli.err().split('\n')[0]).toMatch(/^worker-gate: e2e run wg-/);
    }
    expect(await fullEngineState(engine)).toEqual(before);
  });
});

describe('clean', () => {
  test("clean --all removes a dead run's containers, volumes and worktrees, and leaves a live run alone", async () => {
    const dead = 'wg-deadrun0-000001';
    const live = 'wg-liverun0-000002';
    const unowned = 'wg-oldrun00-000003';
    // A process that has ended: its pid names no live process.
    const gone = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']));
    const labels = (run: string, pid: number) => ({
      [RUN_LABEL]: run,
      [HOST_LABEL]: hostname(),
      [PID_LABEL]: String(pid),
    });
    const volume = buildFixture(engine, 'volume');
    const image = (await volume).ref;
    const before = await engineState(engine);
    const deadContainer = await engine.containers.create({ image, labels: labels(dead, gone) });
    await engine.volumes.create(`${dead}-cache`, labels(dead, gone));
    const liveContainer = await engine.containers.create({ image, labels: labels(live, process.pid) });
    await engine.volumes.create(`${live}-cache`, labels(live, process.pid));
    // An older worker-gate labelled the run only: it is left alone, and named.
    await engine.volumes.create(`${unowned}-cache`, { [RUN_LABEL]: unowned });
    const deadTree = path.join(tmpdir(), `worker-gate-baseline-${dead}-${gone}-abc123`);
    mkdirSync(deadTree);
    const { cli } = await import('./run-cli.js');
    try {
      const cleaned = await cli(['clean', '--all']);
      expect(cleaned.code, cleaned.err).toBe(0);
      expect(cleaned.out).toContain(`removed container`);
      expect(cleaned.out).toContain(`removed volume ${dead}-cache (run ${dead})`);
      expect(cleaned.out).toContain(`removed worktree ${deadTree} (run ${dead})`);
      expect(cleaned.out).toContain(`left run ${live} alone: still running (process ${process.pid})`);
      expect(cleaned.out).toContain(`left run ${unowned} alone: its objects name no owning process`);
      await expect(deadContainer.inspect()).rejects.toMatchObject({ statusCode: 404 });
      expect(existsSync(deadTree)).toBe(false);
      expect((await liveContainer.inspect()).Id).toBe(liveContainer.id);
      // The live run's own clean-up, by its id; the dead container's anonymous volume went with it.
      const own = await cli(['clean', '--run', live]);
      expect(own.code, own.err).toBe(0);
      expect(own.out).toContain(`removed volume ${live}-cache (run ${live})`);
      expect((await cli(['clean', '--run', unowned])).code).toBe(0);
      await expectEngineState(engine, before);
    } finally {
      rmSync(deadTree, { recursive: true, force: true });
    }
  });

  test('an image with a VOLUME leaves no volume behind after check', async () => {
    const { ref } = await buildFixture(engine, 'volume');
    const before = await engineState(engine);
    const { cli } = await import('./run-cli.js');
    const run = await cli(['check', '--image', ref]);
    expect([0, 1]).toContain(run.code);
    await expectEngineState(engine, before);
  });
});

describe('deadlines', () => {
  test('a fork bomb past phase-timeout: the phase timed out, exit 1, its worker stopped outright', async () => {
    let gone: boolean | undefined;
    const { report, exitCode } = await runE2eChecked(
      engine,
      SLIM_IMAGE,
      e2eOptions({ template: TINY, data: ['stall=fork-bomb'], 'warm-runs': '1', 'phase-timeout': '15' }),
      {
        afterPhase: async (worker, phase) => {
          if (phase.name !== 'setup') return;
          gone = await worker.container.inspect().then(
            () => false,
            (err: { statusCode?: number }) => err.statusCode === 404,
          );
        },
      },
    );
    expect(exitCode).toBe(1);
    // The first setup is the scaffolder's: the fork bomb stops it there.
    const setup = report.e2e?.scaffolder?.phases.find((p) => p.name === 'setup');
    expect(setup?.timedOut).toBe(true);
    expect(report.failures.map((f) => f.gate)).toEqual(['e2e:scaffolder:setup']);
    expect(gone).toBe(true);
  });

  test('an engine that stops answering mid-run: exit 2 naming it, the clean command in the report; the post step against it ends; clean removes the rest', async () => {
    const before = await fullEngineState(engine);
    const relay = await startRelay('/var/run/docker.sock');
    try {
      const report = path.join(work, 'hang.json');
      const env = { ...process.env, DOCKER_HOST: `tcp://127.0.0.1:${relay.port}` };
      const cli = startCli(e2eArgs('cold-setup', report, ['--engine-timeout', '5']), env);
      const runId = await cli.runId();
      await cli.waitFor(SETUP_A);
      relay.stall();
      const code = await cli.exited;
      expect(code, cli.err()).toBe(2);
      expect(cli.err()).toContain(
        `the Docker engine at DOCKER_HOST=tcp://127.0.0.1:${relay.port} did not answer`,
      );
      const written = readReport(report);
      expect(written.verdict).toBe('error');
      expect(written.error?.detail).toContain(`worker-gate clean --run ${runId}`);
      expect(written.error?.detail).toMatch(/container [0-9a-f]{12}/);
      // The post step against the stalled engine ends by itself (its limit is the watchdog's job here).
      const post = await runPostStep(
        { 'run-id': runId },
        { DOCKER_HOST: `tcp://127.0.0.1:${relay.port}`, 'INPUT_ENGINE-TIMEOUT': '5' },
      );
      expect(post.code).toBe(0);
      // Control: the worker really was left (the engine never heard the removal).
      const { cli: run } = await import('./run-cli.js');
      const cleaned = await run(['clean', '--run', runId]);
      expect(cleaned.code, cleaned.err).toBe(0);
      expect(cleaned.out).toMatch(/removed container /);
      expect(await fullEngineState(engine)).toEqual(before);
    } finally {
      relay.close();
    }
  });
});

describe('images by id', () => {
  test('two verify runs at once under the same default tag each test, and report, their own image', async () => {
    const slim = await engine.images.inspect(SLIM_IMAGE);
    const dockerfile = (variant: string) => {
      const dir = path.join(work, `variant-${variant}`, 'worker');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        path.join(dir, 'Dockerfile'),
        `FROM ${slim?.id}\nUSER root\nRUN echo ${variant} > /etc/wg-variant\nUSER worker\n`,
      );
      return path.join(dir, 'Dockerfile');
    };
    const run = (variant: string) => {
      const report = path.join(work, `verify-${variant}.json`);
      const cli = startCli([
        'verify',
        '--build-backend',
        'classic',
        '--dockerfile',
        dockerfile(variant),
        '--template',
        TINY,
        '--data',
        `variant=${variant}`,
        '--warm-runs',
        '1',
        '--report',
        report,
      ]);
      return { cli, report };
    };
    const a = run('a');
    // b builds (and moves the shared tag) while a works with the image it built.
    await a.cli.waitFor(/▶ contract /);
    const b = run('b');
    const [codeA, codeB] = await Promise.all([a.cli.exited, b.cli.exited]);
    expect(codeA, a.cli.err()).toBe(0);
    expect(codeB, b.cli.err()).toBe(0);
    const [reportA, reportB] = [readReport(a.report), readReport(b.report)];
    expect(reportA.image?.ref).toBe('worker-gate/worker:local');
    expect(reportB.image?.ref).toBe('worker-gate/worker:local');
    expect(reportA.image?.id).not.toBe(reportB.image?.id);
    for (const [report, variant] of [
      [reportA, 'a'],
      [reportB, 'b'],
    ] as const) {
      const out = execFileSync('docker', ['run', '--rm', report.image?.id ?? '', 'cat', '/etc/wg-variant']);
      expect(out.toString().trim()).toBe(variant);
    }
    // The template's setup checks /etc/wg-variant: a worker on the other run's image fails its run.
    for (const report of [reportA, reportB]) await engine.images.remove(report.image?.id ?? '');
  });
});

/** A TCP relay to the engine's socket on loopback that can stop forwarding (connections stay open, bytes go nowhere). */
async function startRelay(socket: string): Promise<{ port: number; stall(): void; close(): void }> {
  let stalled = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(socket);
    sockets.add(client).add(upstream);
    client.on('data', (d) => {
      if (!stalled) upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (!stalled) client.write(d);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    stall: () => {
      stalled = true;
    },
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}
