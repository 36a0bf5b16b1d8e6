// `worker-gate audit --scaffolder-filter`: production's scaffolder runs as root
// on a Compose volume of its own (`<project>_uv-cache` at /root/.cache/uv) while
// the workers share `uv-cache` at /home/worker/.cache/uv. The audit must hold the
// scaffolder to the workers' cache, not to the worker spec, and name both volumes;
// a scaffolder on the workers' own volume (the positive control) gives no warning.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { connectEngine } from '../../src/docker/engine.js';
import type { Container, Engine } from '../../src/docker/engine-api.js';
import { newRunId, runLabels } from '../../src/docker/labels.js';

import { workerSpec } from '../../src/e2e/worker/worker.js';
import type { Report } from '../../src/model/report.js';
import { type EngineState, engineState, expectEngineState } from './helpers.js';
import { SLIM_IMAGE, STANDIN_PYTHON } from './images.js';
import { cli, readReport } from './run-cli.js';

const SET = 'worker-gate-test.audit-scaffolder';
const WORKER_CACHE = '/home/worker/.cache/uv';
const ROOT_CACHE = '/root/.cache/uv';

let engine: Engine;
let before: EngineState;
const testRun = newRunId();
// The worker manager's plain name, and the name Compose gives the scaffolder's `uv-cache`.
const workersVolume = `${testRun}-uv-cache`;
const composeVolume = `${testRun}_uv-cache`;
const containers: Container[] = [];
const name = (n: string) => `${testRun}-${n}`;

async function start(n: string, role: string, image: string, volumes: Record<string, string>) {
  const spec = workerSpec({
    image,
    user: '',
    env: {},
    memoryBytes: 2 * 2 ** 30,
    cpus: 1,
    runId: testRun,
    role: 'audit-fixture',
    volumes,
  });
  spec.name = name(n);
  spec.labels[SET] = role;
  const container = await engine.containers.create(spec);
  containers.push(container);
  await container.start();
}

beforeAll(async () => {
  engine = await connectEngine();
  before = await engineState(engine);
  for (const volume of [workersVolume, composeVolume])
    await engine.volumes.create(volume, runLabels(testRun));
  // Workers: the slim image's non-root user, the shared volume at its cache folder.
  await start('worker-1', 'worker', SLIM_IMAGE, { [workersVolume]: WORKER_CACHE });
  await start('worker-2', 'worker', SLIM_IMAGE, { [workersVolume]: WORKER_CACHE });
  // Production's scaffolder: an image of its own run as root, no UV_CACHE_DIR (uv's
  // default for root's HOME), its Compose volume there.
  await start('scaffolder', 'scaffolder', STANDIN_PYTHON, { [composeVolume]: ROOT_CACHE });
});

afterAll(async () => {
  for (const c of containers) await c.remove().catch(() => {});
  for (const volume of [workersVolume, composeVolume]) await engine.volumes.remove(volume).catch(() => {});
  await expectEngineState(engine, before);
});

const outDir = () => mkdtempSync(path.join(tmpdir(), 'wg-audit-scaffolder-'));
const byName = (report: Report) =>
  new Map((report.audit?.containers ?? []).map((c) => [c.name.replace(`${testRun}-`, ''), c]));

/** The CLI's audit of this file's containers; the engine is left as it was. */
async function audit(args: string[], dir: string) {
  const state = await engineState(engine);
  const run = await cli([
    'audit',
    '--filter',
    `label=worker-gate.run=${testRun}`,
    ...args,
    '--report',
    path.join(dir, 'r.json'),
  ]);
  await expectEngineState(engine, state);
  return run;
}

describe('a root scaffolder on its own Compose volume beside two workers', () => {
  let run: Awaited<ReturnType<typeof cli>>;
  let report: Report;
  let dir: string;

  beforeAll(async () => {
    dir = outDir();
    // The worker filter selects the scaffolder too: the scaffolder filter wins.
    run = await audit(
      [
        '--scaffolder-filter',
        `label=${SET}=scaffolder`,
        '--summary',
        path.join(dir, 's.md'),
        '--junit',
        path.join(dir, 'j.xml'),
        '--html',
        path.join(dir, 'r.html'),
      ],
      dir,
    );
    report = readReport(path.join(dir, 'r.json'));
  });

  test('warns scaffolder-cache-volume naming both volumes, mount points and owners', () => {
    const scaffolder = byName(report).get('scaffolder');
    expect(scaffolder?.checks).toEqual([
      {
        id: 'scaffolder-cache-volume',
        status: 'warn',
        detail: `the scaffolder ${name('scaffolder')} caches uv on volume ${composeVolume} at ${ROOT_CACHE} (owner uid 0); the workers on ${workersVolume} at ${WORKER_CACHE} (owner uid 1000): nothing the scaffolder downloads warms a worker`,
      },
    ]);
    expect(scaffolder).toMatchObject({
      role: 'scaffolder',
      uid: 0,
      cacheDir: { path: ROOT_CACHE, from: 'HOME', home: { path: '/root', from: 'passwd' } },
      cacheMount: { type: 'volume', name: composeVolume, destination: ROOT_CACHE },
    });
  });

  test('the scaffolder is not failed by the worker checks: the workers pass, exit 0', () => {
    expect(run.code, run.err).toBe(0);
    expect(report.verdict).toBe('pass');
    expect(report.failures).toEqual([]);
    expect(report.audit?.scaffolderFilters).toEqual([`label=${SET}=scaffolder`]);
    expect(report.audit?.cacheVolume).toBe(workersVolume);
    const roles = [...byName(report)].map(([n, c]) => [n, c.role ?? 'worker']);
    expect(roles).toEqual([
      ['worker-1', 'worker'],
      ['worker-2', 'worker'],
      ['scaffolder', 'scaffolder'],
    ]);
    expect(run.err).toContain(
      `${name('scaffolder')}: selected by the filters and the scaffolder filters; audited as a scaffolder`,
    );
  });

  test('summary, JUnit and HTML show the scaffolder as one, with its warning', () => {
    const summary = readFileSync(path.join(dir, 's.md'), 'utf8');
    expect(summary).toContain('2 workers on ');
    expect(summary).toContain('1 scaffolder beside them (1 with warnings)');
    expect(summary).toMatch(/#### Scaffolders\n\n\| Scaffolder \| Image \| `scaffolder-cache-volume` \|/);
    // Markdown escapes the underscore of Compose's name.
    expect(summary).toContain(`caches uv on volume ${composeVolume.replace('_', '\\_')} at ${ROOT_CACHE}`);
    const junit = readFileSync(path.join(dir, 'j.xml'), 'utf8');
    expect(junit).toContain(`worker-gate.audit.scaffolder.${name('scaffolder')}`);
    const html = readFileSync(path.join(dir, 'r.html'), 'utf8');
    expect(html).toContain('<h3 id="audit-scaffolders">Scaffolders</h3>');
  });
});

test('control: selected as a worker, the root scaffolder fails the worker checks', async () => {
  const dir = outDir();
  // Before scaffolder-shared exists: a name filter matches any name containing it.
  const run = await audit(['--filter', `name=${name('scaffolder')}`], dir);
  const report = readReport(path.join(dir, 'r.json'));
  expect(run.code, run.err).toBe(1);
  expect(byName(report).get('scaffolder')?.role).toBeUndefined();
  expect(report.failures.map((f) => f.gate)).toEqual([`worker-user:${name('scaffolder')}`]);
});

test('positive control: a scaffolder on the workers’ own volume, path and user gives no warning', async () => {
  await start('scaffolder-shared', 'scaffolder-shared', SLIM_IMAGE, { [workersVolume]: WORKER_CACHE });
  const dir = outDir();
  const run = await audit(
    ['--filter', `label=${SET}=worker`, '--scaffolder-filter', `label=${SET}=scaffolder-shared`],
    dir,
  );
  const report = readReport(path.join(dir, 'r.json'));
  expect(run.code, run.err).toBe(0);
  expect([...byName(report).keys()]).toEqual(['worker-1', 'worker-2', 'scaffolder-shared']);
  expect(byName(report).get('scaffolder-shared')?.checks).toEqual([
    {
      id: 'scaffolder-cache-volume',
      status: 'pass',
      detail: `the scaffolder ${name('scaffolder-shared')} caches uv on the workers' volume ${workersVolume} at ${WORKER_CACHE} as their uid 1000: what it downloads warms them`,
    },
  ]);
});

test('a scaffolder filter that matches no container: exit 2 naming scaffolder-filters, with a valid report', async () => {
  const dir = outDir();
  const filter = `label=${SET}=nothing`;
  const run = await audit(['--scaffolder-filter', filter], dir);
  expect(run.code).toBe(2);
  expect(run.err).toContain(`matches the scaffolder filters ${filter}`);
  expect(run.err).toContain('check the scaffolder-filters');
  expect(readReport(path.join(dir, 'r.json')).verdict).toBe('error');
});
