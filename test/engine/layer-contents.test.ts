// What the layer archives say: waste (a download deleted by a later RUN, apt
// lists left in a layer, and the shipped slim image as the control that
// passes), and what grew inside a layer against its baseline when a RUN line
// is edited and another inserted before it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { CLASSIC } from '../../src/build/backend.js';
import { buildImage } from '../../src/build/build.js';
import { shippedDockerfile } from '../../src/config/shipped.js';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { removeImage } from '../../src/docker/images.js';
import { runLabels } from '../../src/docker/labels.js';
import { silentLog } from '../../src/model/log.js';
import { buildFixture, rawDocker } from './helpers.js';
import { SLIM_IMAGE, STANDIN_PYTHON, STANDIN_UV } from './images.js';
import { cli, readReport } from './run-cli.js';
import { runProcess } from './run-process.js';

let engine: Engine;
let slimId: string;
let out: string;

beforeAll(async () => {
  engine = await connectEngine();
  slimId = (await engine.images.inspect(SLIM_IMAGE))?.id ?? '';
  out = mkdtempSync(path.join(os.tmpdir(), 'wg-layer-contents-'));
});

/** `check` on an image, with the Dockerfile it was built from (for lines and annotations). */
async function check(image: string, dockerfile: string | undefined, ...args: string[]) {
  const report = path.join(out, `${path.basename(image).replace(/[^a-z0-9]+/gi, '-')}-${Date.now()}.json`);
  const summary = report.replace(/\.json$/, '.md');
  const dockerfileArgs = dockerfile
    ? ['--dockerfile', dockerfile, '--build-arg', `BASE_IMAGE=${slimId}`]
    : [];
  const run = await cli([
    'check',
    '--image',
    image,
    ...dockerfileArgs,
    '--report',
    report,
    '--summary',
    summary,
    ...args,
  ]);
  return { run, report: readReport(report), summary: readFileSync(summary, 'utf8') };
}

describe('waste', () => {
  test('a 50 MB file deleted by a later RUN: 50 MB wasted in the RUN that wrote it, max-wasted-bytes 10MB fails there', async () => {
    const fixture = await buildFixture(engine, 'waste-download-delete');
    const { run, report, summary } = await check(
      fixture.ref,
      fixture.dockerfile.path,
      '--max-wasted-bytes',
      '10MB',
    );
    expect(run.code).toBe(1);
    const top = report.image?.waste?.wasters[0];
    expect(top).toMatchObject({
      kind: 'removed',
      path: '/opt/download.bin',
      sizeBytes: 50_000_000,
      layer: { dockerfileLine: 4 },
      by: { dockerfileLine: 5 },
    });
    expect(report.image?.waste?.wastedBytes).toBeGreaterThanOrEqual(50_000_000);
    const failure = report.failures.find((f) => f.gate === 'max-wasted-bytes');
    expect(failure).toMatchObject({ line: 4 });
    expect(failure?.file).toContain('waste-download-delete/Dockerfile');
    expect(failure?.message).toContain('50.0 MB (50,000,000 B): /opt/download.bin deleted later');
    expect(summary).toContain('/opt/download.bin');
  });

  test('apt lists left in a layer are named with their size and Dockerfile line', async () => {
    const fixture = await buildFixture(engine, 'waste-apt-lists');
    const { run, report } = await check(fixture.ref, fixture.dockerfile.path, '--max-wasted-bytes', '5MB');
    expect(run.code).toBe(1);
    const lists = report.image?.waste?.wasters.find((w) => w.kind === 'cache');
    expect(lists).toMatchObject({
      what: 'apt package lists',
      path: '/var/lib/apt/lists',
      sizeBytes: 9_150_000,
      files: 2,
      layer: { dockerfileLine: 6 },
    });
    expect(report.failures.find((f) => f.gate === 'max-wasted-bytes')?.line).toBe(6);
  });

  test('control: the shipped slim image passes max-wasted-bytes 5MB on an up-to-date base; no archive is read without a waste gate', async () => {
    const shipped = await shippedOnCurrentBase();
    try {
      const gated = await check(shipped, undefined, '--max-wasted-bytes', '5MB', '--min-efficiency', '95%');
      expect(gated.report.failures).toEqual([]);
      expect(gated.run.code).toBe(0);
      expect(gated.report.checks.find((c) => c.id === 'max-wasted-bytes')?.status).toBe('pass');
      expect(gated.report.image?.waste?.wastedBytes).toBeLessThan(5_000_000);
      expect(gated.report.image?.waste?.shippedBytes).toBeGreaterThan(100_000_000);
      const plain = await check(shipped, undefined);
      expect(plain.run.code).toBe(0);
      expect(plain.report.image?.waste).toBeUndefined();
    } finally {
      await removeImage(engine, shipped);
      await removeImage(engine, CURRENT_BASE);
    }
  });
});

const CURRENT_BASE = `worker-gate-test/standin-current:${process.pid}`;

/**
 * The shipped Dockerfile on the Python stand-in with Debian's security updates
 * applied and flattened into one layer, as the real python:3.12-slim is rebuilt
 * with them. On the stand-in as debootstrap made it, the image's `apt-get
 * install` upgrades perl-base from the security suite and overwrites 8.5 MB of
 * base files (real waste, measured: the gate reports it in the base layer).
 */
async function shippedOnCurrentBase(): Promise<string> {
  const docker = rawDocker();
  const container = await docker.createContainer({
    Image: STANDIN_PYTHON,
    User: 'root',
    Cmd: [
      'sh',
      '-c',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get upgrade -y -qq >/dev/null && rm -rf /var/lib/apt/lists/*',
    ],
    Labels: runLabels(`test-layer-contents-${process.pid}`),
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    expect(StatusCode).toBe(0);
    const facts = await engine.images.inspect(STANDIN_PYTHON);
    const changes = Object.entries(facts?.env ?? {}).map(([k, v]) => `ENV ${k}=${v}`);
    const [repo, tag] = CURRENT_BASE.split(':');
    const progress = await docker.importImage(await container.export(), {
      repo,
      tag,
      changes: [...changes, 'CMD ["python3"]'],
    });
    await new Promise((resolve, reject) =>
      docker.modem.followProgress(progress, (err: Error | null) => (err ? reject(err) : resolve(undefined))),
    );
  } finally {
    await container.remove({ force: true });
  }
  const dockerfile = shippedDockerfile();
  const tag = `worker-gate-test/slim-current:${process.pid}`;
  const built = await buildImage(
    engine,
    {
      dockerfile,
      context: path.dirname(dockerfile),
      tag,
      buildArgs: { PYTHON_IMAGE: CURRENT_BASE, UV_IMAGE: STANDIN_UV },
      labels: {},
      runProcess,
      backend: CLASSIC,
    },
    silentLog,
  );
  if (!built.ok)
    throw new Error(`the shipped image does not build on ${CURRENT_BASE}: ${built.failure.message}`);
  return tag;
}

describe('what grew', () => {
  test('an edited RUN pairs with its old self and its new package folder is the top grown path; an inserted line is new', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wg-grown-'));
    // A Dockerfile's own ${…}, not a JS template.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: see above
    const head = 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nUSER root\n';
    const tools = 'RUN mkdir -p /opt/tools && echo tools > /opt/tools/README';
    const pip =
      ' && python3 -m pip install --quiet --no-index --no-deps --target /opt/tools /usr/local/lib/python3.12/ensurepip/_bundled/pip-*.whl';
    const tail = 'USER worker\n';
    const baseFile = path.join(dir, 'base.Dockerfile');
    const currentFile = path.join(dir, 'Dockerfile');
    writeFileSync(baseFile, `${head}${tools}\n${tail}`);
    writeFileSync(currentFile, `${head}RUN echo hello > /etc/greeting\n${tools}${pip}\n${tail}`);
    const tags = [
      `worker-gate-test/grown-base:${Date.now()}`,
      `worker-gate-test/grown-current:${Date.now()}`,
    ];
    try {
      for (const [file, tag] of [
        [baseFile, tags[0]],
        [currentFile, tags[1]],
      ] as const) {
        const built = await buildImage(
          engine,
          {
            dockerfile: file,
            context: dir,
            tag: tag ?? '',
            buildArgs: { BASE_IMAGE: slimId },
            labels: {},
            runProcess,
            backend: CLASSIC,
          },
          silentLog,
        );
        if (!built.ok) throw new Error(`fixture does not build: ${built.failure.message}`);
      }
      const { run, report, summary } = await check(
        tags[1] ?? '',
        currentFile,
        '--baseline-image',
        tags[0] ?? '',
        '--max-size-increase',
        '1MB',
      );
      expect(run.code).toBe(1);
      const grown = report.baseline?.grownLayers ?? [];
      const edited = grown.find((g) => g.dockerfileLine === 5);
      expect(edited?.baselineCreatedBy).toContain('echo tools > /opt/tools/README');
      expect(edited?.new).toBeUndefined();
      expect(edited?.paths?.[0]).toMatchObject({ path: '/opt/tools/pip', kind: 'folder' });
      // Only the growth counts: the README the old line wrote is no growth.
      expect(edited?.paths?.map((p) => p.path)).not.toContain('/opt/tools/README');
      const inserted = grown.find((g) => g.dockerfileLine === 4);
      expect(inserted).toMatchObject({ new: true });
      expect(inserted?.paths?.[0]).toMatchObject({ path: '/etc/greeting', kind: 'file', deltaBytes: 6 });
      expect(summary).toContain('/opt/tools/pip');
    } finally {
      for (const tag of tags) await removeImage(engine, tag ?? '');
    }
  });
});
