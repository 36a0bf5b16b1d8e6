// `worker-gate audit` against containers this file starts, shaped like
// production workers (workerSpec, the e2e's own spec) and then drifted one way
// each. The audit must name every drifted worker with exactly the checks it
// fails, never exec in or change a worker, and leave the engine as it found it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLASSIC } from '../../src/build/backend.js';
import { buildImage } from '../../src/build/build.js';
import { toolRoot } from '../../src/config/shipped.js';
import { createOptions } from '../../src/docker/dockerode-engine.js';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { newRunId, runLabels } from '../../src/docker/labels.js';
import { workerSpec } from '../../src/e2e/worker/worker.js';
import { silentLog } from '../../src/model/log.js';
import type { AuditContainer, Report } from '../../src/model/report.js';
import { buildFixture, engineState, expectEngineState, FIXTURE_IMAGES, rawDocker } from './helpers.js';
import { SLIM_IMAGE, STANDIN_PYTHON } from './images.js';
import { cli, readReport } from './run-cli.js';
import { runProcess } from './run-process.js';

const SET = 'worker-gate-test.audit-set';
const CACHE = '/home/worker/.cache/uv';
const E2E_BOTH = path.join(toolRoot(), 'test', 'fixtures', 'reports', 'e2e-both.json');

let engine: Engine;
const testRun = newRunId();
const uvCache = `${testRun}-uv-cache`;
const otherCache = `${testRun}-other-cache`;
const workspace = `${testRun}-workspace`;
let homeImage: string;
let olderImage: string;
const containers = new Map<string, Docker.Container>();

interface Drift {
  image?: string;
  user?: string;
  volumes?: Record<string, string>;
  host?: (h: Docker.HostConfig) => void;
}

/** A worker as production starts one (the e2e's workerSpec), then drifted in ways worker-gate never starts one (straight through dockerode). */
async function startWorker(name: string, set: string, drift: Drift = {}): Promise<void> {
  const spec = workerSpec({
    image: drift.image ?? SLIM_IMAGE,
    user: drift.user ?? '',
    env: {},
    memoryBytes: 2 * 2 ** 30,
    cpus: 1,
    runId: testRun,
    role: 'audit-fixture',
    volumes: drift.volumes ?? { [uvCache]: CACHE, [workspace]: '/workspace' },
  });
  spec.name = `${testRun}-${name}`;
  spec.labels[SET] = set;
  const options = createOptions(spec);
  if (options.HostConfig) drift.host?.(options.HostConfig);
  const container = await rawDocker().createContainer(options);
  containers.set(name, container);
  await container.start();
}

beforeAll(async () => {
  engine = await connectEngine();
  const home = await buildImage(
    engine,
    {
      dockerfile: path.join(FIXTURE_IMAGES, 'audit-home', 'Dockerfile'),
      context: path.join(FIXTURE_IMAGES, 'audit-home'),
      tag: 'worker-gate-test/audit-home:fixture',
      buildArgs: { BASE_IMAGE: STANDIN_PYTHON },
      labels: {},
      runProcess,
      backend: CLASSIC,
    },
    silentLog,
  );
  if (!home.ok) throw new Error(`audit-home does not build: ${home.failure.message}`);
  homeImage = home.image.ref;
  olderImage = (await buildFixture(engine, 'audit-older')).ref;
  for (const volume of [uvCache, otherCache, workspace])
    await engine.volumes.create(volume, runLabels(testRun));
  await startWorker('good-env', 'main');
  await startWorker('good-home', 'main', { image: homeImage });
  await startWorker('drift-volume', 'main', { volumes: { [otherCache]: CACHE, [workspace]: '/workspace' } });
  await startWorker('drift-root', 'main', { user: 'root' });
  await startWorker('drift-pids', 'main', {
    host: (h) => {
      delete h.PidsLimit;
    },
  });
  // A fixture of a drifted production worker: the host's socket, read-only, in an idle container.
  await startWorker('drift-socket', 'main', {
    host: (h) => {
      h.Binds = ['/var/run/docker.sock:/var/run/docker.sock:ro'];
    },
  });
  await startWorker('drift-anon', 'main', {
    volumes: { [workspace]: '/workspace' },
    host: (h) => {
      h.Mounts = [{ Type: 'volume', Target: CACHE } as Docker.MountSettings];
    },
  });
  await startWorker('old-image', 'expect', { image: olderImage });
  await startWorker('exec-control', 'control');
});

afterAll(async () => {
  // v: the anonymous volume of drift-anon goes with its container.
  for (const c of containers.values()) await c.remove({ force: true, v: true }).catch(() => {});
  for (const volume of [uvCache, otherCache, workspace]) await engine.volumes.remove(volume).catch(() => {});
});

function outDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'wg-audit-'));
}

const byName = (report: Report) =>
  new Map((report.audit?.containers ?? []).map((c) => [c.name.replace(`${testRun}-`, ''), c]));
const withStatus = (c: AuditContainer | undefined, status: string) =>
  (c?.checks ?? []).filter((k) => k.status === status).map((k) => k.id);

/** What the audit must not touch: how each container was started. */
async function snapshot(): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const [name, c] of containers) {
    const info = await c.inspect();
    out.set(name, {
      startedAt: info.State.StartedAt,
      restarts: info.RestartCount,
      config: info.Config,
      host: info.HostConfig,
    });
  }
  return out;
}

/** The engine's time, as its events API takes it (seconds.nanoseconds). */
const engineTime = (date: Date) => (date.getTime() / 1000).toFixed(3);

/** The container events (exec_create, archive-path, update, kill, ...) the engine recorded on these containers. */
async function eventsOn(ids: string[], since: Date, until: Date): Promise<string[]> {
  const stream = (await rawDocker().getEvents({
    since: engineTime(since),
    until: engineTime(until),
    filters: JSON.stringify({ type: ['container'], container: ids }),
  } as unknown as Parameters<Docker['getEvents']>[0])) as NodeJS.ReadableStream;
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { Action: string }).Action);
}

describe('audit of a fleet with drifted workers', () => {
  let run: Awaited<ReturnType<typeof cli>>;
  let report: Report;
  let dir: string;
  let before: Map<string, unknown>;
  let window: { since: Date; until: Date };

  beforeAll(async () => {
    dir = outDir();
    before = await snapshot();
    const state = await engineState(engine);
    const since = new Date();
    run = await cli([
      'audit',
      '--filter',
      `label=${SET}=main`,
      '--filter',
      `label=worker-gate.run=${testRun}`,
      '--baseline-report',
      E2E_BOTH,
      '--report',
      path.join(dir, 'r.json'),
      '--summary',
      path.join(dir, 's.md'),
      '--junit',
      path.join(dir, 'j.xml'),
      '--html',
      path.join(dir, 'r.html'),
    ]);
    window = { since, until: new Date() };
    await expectEngineState(engine, state);
    report = readReport(path.join(dir, 'r.json'));
  });

  test('exit 1, command audit, every selected worker in the report and no other', () => {
    expect(run.code, run.err).toBe(1);
    expect(report.command).toBe('audit');
    expect(report.verdict).toBe('fail');
    expect([...byName(report).keys()].sort()).toEqual(
      [
        'drift-anon',
        'drift-pids',
        'drift-root',
        'drift-socket',
        'drift-volume',
        'good-env',
        'good-home',
      ].sort(),
    );
    expect(report.audit?.cacheVolume).toBe(uvCache);
    expect(report.audit?.filters).toEqual([`label=${SET}=main`, `label=worker-gate.run=${testRun}`]);
  });

  test('each drifted worker fails exactly the checks it drifted on, and is named in its failures', () => {
    const workers = byName(report);
    const expected: Record<string, string[]> = {
      'good-env': [],
      'good-home': [],
      'drift-volume': ['cache-volume-shared'],
      'drift-root': ['worker-user'],
      'drift-pids': ['pids-limit'],
      'drift-socket': ['docker-socket'],
      'drift-anon': ['cache-volume', 'cache-volume-shared'],
    };
    for (const [name, failed] of Object.entries(expected))
      expect(withStatus(workers.get(name), 'fail'), name).toEqual(failed);
    const gates = report.failures.map((f) => f.gate).sort();
    expect(gates).toEqual(
      Object.entries(expected)
        .flatMap(([name, failed]) => failed.map((id) => `${id}:${testRun}-${name}`))
        .sort(),
    );
    expect(run.err).toContain(`FAIL pids-limit:${testRun}-drift-pids: no pids limit`);
    expect(workers.get('drift-socket')?.checks.find((k) => k.id === 'docker-socket')?.detail).toContain(
      "reachable through a bind mount of the host's /var/run/docker.sock",
    );
    expect(workers.get('drift-anon')?.cacheMount).toMatchObject({
      type: 'volume',
      anonymous: true,
      destination: CACHE,
    });
    expect(workers.get('drift-volume')?.checks.find((k) => k.id === 'cache-volume-shared')?.detail).toContain(
      `not on ${uvCache} where 5 of 7 audited workers`,
    );
  });

  test('UV_CACHE_DIR set passes; relying on HOME from the image’s /etc/passwd warns', () => {
    const env = byName(report).get('good-env');
    const home = byName(report).get('good-home');
    expect(env?.checks.find((k) => k.id === 'uv-cache-dir')?.status).toBe('pass');
    expect(env?.cacheDir).toEqual({ path: CACHE, from: 'UV_CACHE_DIR' });
    expect(home?.checks.find((k) => k.id === 'uv-cache-dir')).toMatchObject({ status: 'warn' });
    expect(home?.cacheDir).toEqual({
      path: CACHE,
      from: 'HOME',
      home: { path: '/home/worker', from: 'passwd' },
    });
    expect(home?.uid).toBe(1000);
    expect(byName(report).get('drift-root')?.uid).toBe(0);
  });

  test("the README's layout (a named cache volume beside the workspace) passes, with the cost the both-layout report measured", () => {
    const check = byName(report)
      .get('good-env')
      ?.checks.find((k) => k.id === 'cache-mounts');
    expect(check?.status).toBe('pass');
    expect(check?.detail).toContain('the recommended layout');
    expect(check?.detail).toContain('5.5 s across two mounts against 4.1 s in one (1.4×)');
    expect(report.audit?.layoutCost).toMatchObject({ separateWarmSeconds: 5.502, sharedWarmSeconds: 4.081 });
  });

  test('the audit never executed in a worker nor changed one', async () => {
    expect(await snapshot()).toEqual(before);
    const audited = (report.audit?.containers ?? []).map((c) => c.id);
    expect(await eventsOn(audited, window.since, window.until)).toEqual([]);
    // Positive control: an exec (and a file read through the archive API) is an event on the container.
    const control = containers.get('exec-control');
    if (!control) throw new Error('no control container');
    const since = new Date();
    await engine.containers.get(control.id).exec(['true']);
    await (await control.getArchive({ path: '/etc/hostname' })).resume();
    const seen = await eventsOn([control.id], since, new Date(Date.now() + 1000));
    expect(seen).toEqual(expect.arrayContaining([expect.stringMatching(/^exec_create/), 'archive-path']));
  });

  test('summary, JUnit and HTML show every worker and check', () => {
    const summary = readFileSync(path.join(dir, 's.md'), 'utf8');
    expect(summary).toContain('### Workers audited');
    expect(summary).toContain(`**\`${testRun}-drift-pids\`**`);
    expect(summary).toMatch(/Give `.*drift-pids` a pids limit/);
    const junit = new XMLParser({ ignoreAttributes: false }).parse(
      readFileSync(path.join(dir, 'j.xml'), 'utf8'),
    );
    const suites = [junit.testsuites.testsuite].flat() as {
      '@_name': string;
      '@_failures': string;
      testcase: unknown[];
    }[];
    const audit = suites.find((s) => s['@_name'] === 'worker-gate.audit');
    expect(audit?.testcase.length).toBe(7 * 12);
    expect(Number(audit?.['@_failures'])).toBe(report.failures.length);
    expect(suites.find((s) => s['@_name'] === 'worker-gate.gates')).toBeUndefined();
    const html = readFileSync(path.join(dir, 'r.html'), 'utf8');
    expect(html).toContain('<h2 id="audit-title">Workers audited</h2>');
    expect(html).toContain(`${testRun}-drift-anon`);
  });
});

test('--expect-image: the one worker on an older image fails expected-image, by id', async () => {
  const dir = outDir();
  const slim = await engine.images.inspect(SLIM_IMAGE);
  const run = await cli([
    'audit',
    '--filter',
    `label=worker-gate.run=${testRun}`,
    '--filter',
    `name=${testRun}-good-env`,
    '--filter',
    `name=${testRun}-old-image`,
    '--expect-image',
    SLIM_IMAGE,
    '--report',
    path.join(dir, 'r.json'),
  ]);
  const report = readReport(path.join(dir, 'r.json'));
  expect(run.code, run.err).toBe(1);
  expect(report.audit?.expectImage).toEqual({ ref: SLIM_IMAGE, id: slim?.id });
  const workers = byName(report);
  expect(withStatus(workers.get('good-env'), 'fail')).toEqual([]);
  expect(withStatus(workers.get('old-image'), 'fail')).toEqual(['expected-image']);
  expect(report.failures.map((f) => f.gate)).toEqual([`expected-image:${testRun}-old-image`]);
  expect(report.failures[0]?.message).toContain(`started as ${olderImage}`);
});

test('a filter that matches no container: exit 2, saying so, with a valid report', async () => {
  const dir = outDir();
  const filter = `label=${SET}=${testRun}-nothing`;
  const run = await cli(['audit', '--filter', filter, '--report', path.join(dir, 'r.json')]);
  expect(run.code).toBe(2);
  expect(run.err).toContain(`matches the filters ${filter}`);
  expect(run.err).toContain('nothing to audit');
  const report = readReport(path.join(dir, 'r.json'));
  expect(report.verdict).toBe('error');
  expect(report.audit?.containers).toEqual([]);
});

test('no engine: exit 2 naming the engine', async () => {
  const dir = outDir();
  const run = await cli(['audit', '--report', path.join(dir, 'r.json')], {
    env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
  });
  expect(run.code).toBe(2);
  expect(run.err).toContain('no Docker engine answers at DOCKER_HOST=unix:///nonexistent/docker.sock');
  expect(readReport(path.join(dir, 'r.json')).verdict).toBe('error');
});

test('--expect-image the engine does not have: exit 2 naming the input', async () => {
  const run = await cli([
    'audit',
    '--filter',
    `name=${testRun}-good-env`,
    '--expect-image',
    'worker-gate-test/never-built:none',
  ]);
  expect(run.code).toBe(2);
  expect(run.err).toContain('expect-image worker-gate-test/never-built:none is not on the engine');
});
