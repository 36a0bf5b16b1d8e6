// Baselines for pull requests: the same Dockerfile built at the base ref (from
// that commit's files, not today's), an earlier run's report, and the error a
// shallow checkout gets.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { toolRoot } from '../../src/config/shipped.js';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { buildFixture, engineState, expectEngineState, rawDocker } from './helpers.js';
import { SLIM_IMAGE, STANDIN_PYTHON } from './images.js';
import { cli, readReport } from './run-cli.js';

let engine: Engine;
let slimId: string;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
  }).trim();
}

/** A repository whose second commit grows the file an unchanged Dockerfile copies. */
function growingRepo(): { repo: string; first: string } {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'wg-baseline-repo-'));
  git(repo, 'init', '-q', '-b', 'main');
  const dir = path.join(repo, 'images', 'worker');
  execFileSync('mkdir', ['-p', dir]);
  writeFileSync(
    path.join(dir, 'Dockerfile'),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile's own ARG expansion.
    'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY payload.bin /opt/payload.bin\n',
  );
  writeFileSync(path.join(dir, 'payload.bin'), Buffer.alloc(100_000, 1));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'small payload');
  const first = git(repo, 'rev-parse', 'HEAD');
  writeFileSync(path.join(dir, 'payload.bin'), Buffer.alloc(3_000_000, 2));
  git(repo, 'commit', '-q', '-am', 'payload grows by 2.9 MB');
  return { repo, first };
}

beforeAll(async () => {
  engine = await connectEngine();
  slimId = (await engine.images.inspect(SLIM_IMAGE))?.id ?? '';
});

describe('baseline-ref', () => {
  test('builds the base commit in a worktree and fails max-size-increase naming the delta and the layer that grew', async () => {
    const { repo, first } = growingRepo();
    const dockerfile = path.join(repo, 'images', 'worker', 'Dockerfile');
    const report = path.join(repo, 'report.json');
    const before = await engineState(engine);
    const worktreesBefore = readdirSync(os.tmpdir()).filter((f) => f.startsWith('worker-gate-baseline-'));
    const run = await cli(
      [
        'verify',
        // Both sides build on an image id, which only the classic builder takes as a base.
        '--build-backend',
        'classic',
        '--dockerfile',
        dockerfile,
        '--build-arg',
        `BASE_IMAGE=${slimId}`,
        '--tag',
        'worker-gate-test/baseline-ref:head',
        '--baseline-ref',
        first,
        '--max-size-increase',
        '1MB',
        '--skip-e2e',
        '--skip-check',
        'pinned-images',
        '--report',
        report,
      ],
      { cwd: repo },
    );
    expect(run.code, run.err).toBe(1);
    const r = readReport(report);
    expect(r.baseline).toMatchObject({ source: 'ref', ref: first });
    // Built from the first commit's 100 kB payload, not today's 3 MB one.
    expect(r.baseline?.sizeDeltaBytes).toBeGreaterThanOrEqual(2_890_000);
    expect(r.baseline?.sizeDeltaBytes).toBeLessThanOrEqual(2_910_000);
    expect(r.baseline?.grownLayers[0]).toMatchObject({ dockerfileLine: 3 });
    expect(r.baseline?.grownLayers[0]?.createdBy).toContain('COPY');
    // The COPY's content hash changed: it pairs with its old self, and the archives say what grew.
    expect(r.baseline?.grownLayers[0]?.baselineCreatedBy).toContain('COPY');
    expect(r.baseline?.grownLayers[0]?.paths?.[0]).toEqual({
      path: '/opt/payload.bin',
      kind: 'file',
      deltaBytes: 2_900_000,
    });
    const failure = r.failures.find((f) => f.gate === 'max-size-increase');
    expect(failure?.message).toMatch(/grew by \+2\.9\d* MB/);
    expect(failure?.message).toContain(`baseline-ref ${first}`);
    expect(failure?.message).toContain('COPY');
    expect(failure?.line).toBe(3);
    // The baseline image and the worktree are gone; the engine is as it was.
    const tags = (await rawDocker().listImages()).flatMap((i) => i.RepoTags ?? []);
    expect(tags.filter((t) => t.startsWith('worker-gate-baseline/'))).toEqual([]);
    expect(readdirSync(os.tmpdir()).filter((f) => f.startsWith('worker-gate-baseline-'))).toEqual(
      worktreesBefore,
    );
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
    await expectEngineState(engine, before);
  });

  test('a shallow clone that lacks the base ref gets exit 2 saying to set fetch-depth: 0', async () => {
    const { repo } = growingRepo();
    const shallow = mkdtempSync(path.join(os.tmpdir(), 'wg-shallow-'));
    git(shallow, 'clone', '-q', '--depth', '1', `file://${repo}`, 'clone');
    const clone = path.join(shallow, 'clone');
    const run = await cli(
      [
        'verify',
        '--dockerfile',
        path.join(clone, 'images', 'worker', 'Dockerfile'),
        '--build-arg',
        `BASE_IMAGE=${slimId}`,
        '--baseline-ref',
        'HEAD~1',
        '--skip-e2e',
      ],
      { cwd: clone },
    );
    expect(run.code).toBe(2);
    expect(run.err).toContain('fetch-depth: 0');
    expect(run.err).toContain('baseline-ref "HEAD~1"');
  });
});

test('baseline-ref with BuildKit: both sides built by BuildKit, their layers paired, what grew found', async () => {
  const { repo, first } = growingRepo();
  const report = path.join(repo, 'report-buildkit.json');
  const before = await engineState(engine);
  const run = await cli(
    [
      'verify',
      '--build-backend',
      'buildkit',
      '--dockerfile',
      path.join(repo, 'images', 'worker', 'Dockerfile'),
      '--build-arg',
      `BASE_IMAGE=${STANDIN_PYTHON}`,
      '--tag',
      'worker-gate-test/baseline-ref-buildkit:head',
      '--baseline-ref',
      first,
      '--max-size-increase',
      '1MB',
      '--skip-e2e',
      '--skip-check',
      'pinned-images',
      '--report',
      report,
    ],
    { cwd: repo },
  );
  expect(run.code, run.err).toBe(1);
  expect(run.err).toContain(`docker buildx build worker-gate-baseline/worker:`);
  const r = readReport(report);
  expect(r.build?.backend).toBe('buildkit');
  expect(r.baseline).toMatchObject({ source: 'ref', ref: first });
  const grown = r.baseline?.grownLayers[0];
  // BuildKit records the COPY without a content hash: it pairs with the same line of the
  // baseline (a delta of 2.9 MB, not the 3 MB of a new layer), and the archives say what grew.
  expect(grown).toMatchObject({ dockerfileLine: 3, deltaBytes: 2_900_000 });
  expect(grown?.createdBy).toBe('COPY payload.bin /opt/payload.bin # buildkit');
  expect(grown?.paths?.[0]).toMatchObject({ path: '/opt/payload.bin', deltaBytes: 2_900_000 });
  await expectEngineState(engine, before);
});

/** A repository with a multi-stage Dockerfile whose second commit grows the file its COPY --from carries. */
function multiStageRepo(): { repo: string; first: string } {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'wg-baseline-stages-'));
  git(repo, 'init', '-q', '-b', 'main');
  writeFileSync(
    path.join(repo, 'Dockerfile'),
    [
      'ARG BASE_IMAGE',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile's own ARG expansion.
      'FROM ${BASE_IMAGE} AS tools',
      'COPY payload.bin /opt/tools/payload.bin',
      'RUN echo 1 > /opt/tools/VERSION',
      '',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile's own ARG expansion.
      'FROM ${BASE_IMAGE}',
      'RUN mkdir -p /srv && echo unchanged > /srv/note',
      'COPY --from=tools /opt/tools /opt/tools',
      'ENV TOOLS=/opt/tools',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(repo, 'payload.bin'), Buffer.alloc(100_000, 1));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'small payload');
  const first = git(repo, 'rev-parse', 'HEAD');
  writeFileSync(path.join(repo, 'payload.bin'), Buffer.alloc(3_000_000, 2));
  git(repo, 'commit', '-q', '-am', 'payload grows by 2.9 MB');
  return { repo, first };
}

test("baseline-ref with BuildKit on a multi-stage Dockerfile: the COPY --from layer maps to its line, pairs with the baseline's and tells what grew", async () => {
  const { repo, first } = multiStageRepo();
  const report = path.join(repo, 'report-stages.json');
  const before = await engineState(engine);
  const run = await cli(
    [
      'verify',
      '--build-backend',
      'buildkit',
      '--dockerfile',
      path.join(repo, 'Dockerfile'),
      '--build-arg',
      `BASE_IMAGE=${STANDIN_PYTHON}`,
      '--tag',
      'worker-gate-test/baseline-stages:head',
      '--baseline-ref',
      first,
      '--max-size-increase',
      '1MB',
      '--skip-e2e',
      '--skip-check',
      'pinned-images',
      '--report',
      report,
    ],
    { cwd: repo },
  );
  expect(run.code, run.err).toBe(1);
  expect(run.err).toContain('docker buildx build worker-gate-baseline/');
  const r = readReport(report);
  expect(r.build?.backend).toBe('buildkit');
  // The final stage's layers only, each on its own line: the tools stage's lines are not in the image.
  const ours = (r.image?.layers ?? []).filter((l) => l.createdBy.endsWith('# buildkit'));
  expect(ours.map((l) => [l.createdBy, l.dockerfileLine])).toEqual([
    ['RUN /bin/sh -c mkdir -p /srv && echo unchanged > /srv/note # buildkit', 7],
    ['COPY /opt/tools /opt/tools # buildkit', 8],
  ]);
  // Only the COPY --from layer grew; it pairs with the baseline's (a delta, not a new 3 MB layer).
  expect(r.baseline?.grownLayers).toHaveLength(1);
  const grown = r.baseline?.grownLayers[0];
  expect(grown).toMatchObject({ dockerfileLine: 8, deltaBytes: 2_900_000 });
  expect(grown?.new).toBeUndefined();
  // What it added: the grown file alone, not the unchanged VERSION beside it.
  expect(grown?.paths).toEqual([{ path: '/opt/tools/payload.bin', kind: 'file', deltaBytes: 2_900_000 }]);
  const failure = r.failures.find((f) => f.gate === 'max-size-increase');
  expect(failure?.line).toBe(8);
  await expectEngineState(engine, before);
});

describe('baseline-report', () => {
  test('compares with a stored report of an earlier run and fails a size increase over 10%', async () => {
    const stored = path.join(toolRoot(), 'test', 'fixtures', 'reports', 'check-slim-pass.json');
    const storedSize = readReport(stored).image?.sizeBytes ?? 0;
    const fat = await buildFixture(engine, 'fat');
    const report = path.join(mkdtempSync(path.join(os.tmpdir(), 'wg-baseline-report-')), 'r.json');
    const run = await cli([
      'check',
      '--image',
      fat.ref,
      '--baseline-report',
      stored,
      '--max-size-increase',
      '10%',
      '--skip-check',
      'forbid-command',
      '--skip-check',
      'forbid-package',
      '--report',
      report,
    ]);
    expect(run.code, run.err).toBe(1);
    const r = readReport(report);
    expect(r.baseline).toMatchObject({ source: 'report', ref: stored, image: { sizeBytes: storedSize } });
    expect(r.baseline?.sizeDeltaBytes).toBe((r.image?.sizeBytes ?? 0) - storedSize);
    expect(r.failures.map((f) => f.gate)).toEqual(['max-size-increase']);
    expect(r.failures[0]?.message).toContain(`baseline-report ${stored}`);
  });

  test('a file that is not a worker-gate report is bad input naming --baseline-report as spelled', async () => {
    const bogus = path.join(mkdtempSync(path.join(os.tmpdir(), 'wg-bogus-')), 'bogus.json');
    writeFileSync(bogus, '{"hello": "world"}');
    const run = await cli(['check', '--image', SLIM_IMAGE, '--baseline-report', bogus]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`--baseline-report ${bogus} is not a worker-gate report`);
    expect(existsSync(bogus)).toBe(true);
  });
});
