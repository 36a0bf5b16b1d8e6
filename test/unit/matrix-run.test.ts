// `worker-gate matrix` running its cells here, on fake engines (one per
// endpoint): cell i on engine i mod n, each cell's whole run on its engine,
// an engine that does not answer an error cell (not a crash), a warning when
// cells share an engine, and the merge of them all.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { endpointTarget } from '../../src/config/docker-contexts.js';
import { parseMatrixText } from '../../src/config/matrix-file.js';
import { connectTo } from '../../src/docker/engine.js';
import { Interrupted } from '../../src/docker/guard.js';
import { runMatrix, sharingWarning } from '../../src/matrix-run.js';
import { silentLog } from '../../src/model/log.js';
import { exitCodeOf } from '../../src/model/report-building.js';
import { FAKE_ENGINE_ID, FakeEngine, fakeImage } from './docker/fake-engine.js';
import { TARGETS, workerShell } from './e2e/run/fake-shell.js';

const IMAGE = 'sha256:slim';
const dir = mkdtempSync(path.join(tmpdir(), 'wg-matrix-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MATRIX = `
options: { warm-runs: 1, setup-target: ${TARGETS['setup-target']}, lint-target: ${TARGETS['lint-target']}, test-target: ${TARGETS['test-target']} }
images:
  - { name: slim, image: worker:slim }
templates:
  - name: tiny
    template: https://templates.invalid/tiny.git
    data-sets:
      - { name: a, data: [flood=0] }
      - { name: b, data: [flood=1] }
      - { name: c, data: [flood=2] }
`;

function engine(): FakeEngine {
  const shell = workerShell((call) =>
    call.container.spec.labels['worker-gate.role'] ? undefined : { output: '@@wg write ok\n@@wg done\n' },
  );
  return new FakeEngine({ images: [fakeImage(IMAGE)], exec: shell }).tag('worker:slim', IMAGE);
}

test('cells over two engines and one that does not answer: each cell on its engine (and its context), the silent one an error cell', async () => {
  const file = path.join(dir, '.worker-gate-matrix.yml');
  writeFileSync(file, MATRIX);
  const engines = { 'tcp://one:2375': engine(), 'tcp://two:2375': engine() };
  const warnings: string[] = [];
  const report = await runMatrix({
    file: parseMatrixText(MATRIX, '.worker-gate-matrix.yml', file),
    // Two of them named by Docker contexts: the cells' reports name the context too.
    engines: [
      endpointTarget('tcp://one:2375'),
      { endpoint: 'tcp://two:2375', context: 'two', env: { DOCKER_HOST: 'tcp://two:2375' } },
      { endpoint: 'tcp://gone:2375', context: 'gone', env: { DOCKER_HOST: 'tcp://gone:2375' } },
    ],
    jobs: 2,
    cwd: dir,
    env: {},
    signal: new AbortController().signal,
    log: () => silentLog,
    warn: (m) => warnings.push(m),
    connect: (env, options) => {
      const fake = engines[env.DOCKER_HOST as keyof typeof engines];
      return fake
        ? connectTo(fake, options)
        : connectTo(new FakeEngine({}).failOn('ping', new Error('connect ECONNREFUSED')), options);
    },
  });
  expect(report.command).toBe('matrix');
  // (The fake's image fails contract gates: what matters here is that the two cells ran, the third could not.)
  const ran = (verdict: string) => (verdict === 'error' ? 'could not run' : 'ran');
  expect(report.cells?.map((c) => [c.id, ran(c.verdict), c.engine?.endpoint, c.engine?.context])).toEqual([
    ['slim+tiny+c', 'could not run', 'tcp://gone:2375', 'gone'],
    ['slim+tiny+a', 'ran', 'tcp://one:2375', undefined],
    ['slim+tiny+b', 'ran', 'tcp://two:2375', 'two'],
  ]);
  expect(report.cells?.[0]?.error?.message).toMatch(/^no Docker engine answers at /);
  expect(report.cells?.[1]?.engine?.id).toBe(FAKE_ENGINE_ID);
  expect(exitCodeOf(report)).toBe(2);
  // Each engine ran its own cell whole, and was left as it was.
  for (const fake of Object.values(engines)) {
    expect(fake.journal.filter((l) => l.startsWith('networks.create'))).toHaveLength(1);
    expect(fake.left()).toEqual({ containers: [], volumes: [], networks: [] });
  }
  expect(warnings).toEqual([]);
});

test('an abort (Ctrl-C) reaches every cell: each ends interrupted and its engine is left as it was', async () => {
  const file = path.join(dir, '.worker-gate-matrix.yml');
  writeFileSync(file, MATRIX);
  const fakes = [engine(), engine()];
  const control = new AbortController();
  let started = 0;
  const report = await runMatrix({
    file: parseMatrixText(MATRIX, '.worker-gate-matrix.yml', file),
    engines: ['tcp://one:2375', 'tcp://two:2375'].map(endpointTarget),
    jobs: 2,
    cwd: dir,
    env: {},
    signal: control.signal,
    log: () => ({
      ...silentLog,
      // The first phase of the second cell to start stops the whole matrix.
      group: (title, fn) => {
        if (/setup/.test(title) && ++started === 2) control.abort(new Interrupted('SIGINT'));
        return fn();
      },
    }),
    warn: () => {},
    connect: (env, options) =>
      connectTo(
        env.DOCKER_HOST === 'tcp://one:2375' ? (fakes[0] as FakeEngine) : (fakes[1] as FakeEngine),
        options,
      ),
  });
  expect(report.cells?.map((c) => c.verdict)).toEqual(['error', 'error', 'error']);
  for (const cell of report.cells ?? []) expect(cell.error?.message).toMatch(/interrupted by SIGINT/);
  for (const fake of fakes) expect(fake.left()).toEqual({ containers: [], volumes: [], networks: [] });
});

test('a warning when more cells run at once than there are engines', () => {
  expect(sharingWarning(2, 1, 3)).toBe(
    "--jobs 2 runs 2 cells at once on 1 engine: cells that share an engine distort each other's timings (give one engine per job for figures worth comparing)",
  );
  expect(sharingWarning(2, 2, 3)).toBeUndefined();
  expect(sharingWarning(4, 0, 1)).toBeUndefined();
});
