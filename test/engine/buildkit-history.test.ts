// An image built by BuildKit, checked through --image and --dockerfile. The image
// is made by hand in BuildKit's form (so the history is exactly this one, whatever
// BuildKit version builds; test/engine/buildkit.test.ts builds for real): the Python
// stand-in's layer, three small layers on top, and a config whose history says
// what BuildKit writes (`RUN /bin/sh -c … # buildkit`, `COPY … # buildkit`,
// `WORKDIR /app`, an empty-layer `ENV`), loaded through the engine. Its layers
// must carry their Dockerfile lines, and every output must name the RUN step the
// way it was written.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import tarStream from 'tar-stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toolRoot } from '../../src/config/shipped.js';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { removeImage } from '../../src/docker/images.js';
import { newRunId, runLabels } from '../../src/docker/labels.js';
import type { Report } from '../../src/model/report.js';
import { engineState, expectEngineState, rawDocker } from './helpers.js';
import { STANDIN_PYTHON } from './images.js';
import { cli, readReport } from './run-cli.js';

const runId = newRunId();
const tag = `worker-gate-test/buildkit-history:${runId}`;

// The Dockerfile the image claims to come from: the history entries below, one per step.
const DOCKERFILE = path.join(toolRoot(), 'test', 'fixtures', 'history', 'Dockerfile');

const RUFF = 'usr/local/bin/ruff';
const RUFF_DIST = 'usr/local/lib/python3.12/site-packages/ruff-0.17.6.dist-info';

interface File {
  name: string;
  body?: string | Buffer;
  mode?: number;
}

/** A layer tar of these folders (names ending in /) and files. */
async function layerTar(files: File[]): Promise<Buffer> {
  const pack = tarStream.pack();
  for (const f of files) {
    const folder = f.name.endsWith('/');
    const header = { name: f.name, mode: f.mode ?? (folder ? 0o755 : 0o644), mtime: new Date(0) };
    if (folder) pack.entry({ ...header, type: 'directory' });
    else pack.entry({ ...header, type: 'file' }, f.body ?? '');
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as unknown as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

interface SaveManifest {
  Config: string;
  Layers: string[];
}

interface ImageConfig {
  config: { Env?: string[]; Labels?: Record<string, string> | null } & Record<string, unknown>;
  rootfs: { type: string; diff_ids: string[] };
  history?: { created_by?: string; empty_layer?: boolean; comment?: string; created?: string }[];
}

/**
 * `docker save` of the stand-in, its layers passed through, with our layers,
 * config and manifest added at the end, into `docker load`.
 */
async function loadBuildKitImage(engine: Engine): Promise<void> {
  const ours = [
    {
      createdBy: 'RUN /bin/sh -c pip install ruff # buildkit',
      tar: await layerTar([
        { name: 'usr/' },
        { name: 'usr/local/' },
        { name: 'usr/local/bin/' },
        // Large enough to be the largest of our layers, so the size message names it.
        { name: RUFF, body: `#!/bin/sh\n# ${'x'.repeat(200_000)}\necho ruff 0.17.6\n`, mode: 0o755 },
        { name: 'usr/local/lib/' },
        { name: 'usr/local/lib/python3.12/' },
        { name: 'usr/local/lib/python3.12/site-packages/' },
        { name: `${RUFF_DIST}/` },
        { name: `${RUFF_DIST}/METADATA`, body: 'Metadata-Version: 2.1\nName: ruff\nVersion: 0.17.6\n' },
      ]),
    },
    { createdBy: 'WORKDIR /app', tar: await layerTar([{ name: 'app/' }]) },
    {
      createdBy: 'COPY app /app # buildkit',
      tar: await layerTar([{ name: 'app/' }, { name: 'app/main.py', body: 'print("hello")\n' }]),
    },
  ];

  const save = await engine.images.export(STANDIN_PYTHON);
  const extract = tarStream.extract();
  const pack = tarStream.pack();
  const loaded = rawDocker().loadImage(pack as unknown as NodeJS.ReadableStream, { quiet: true });
  save.pipe(extract as unknown as NodeJS.WritableStream);
  const json = new Map<string, string>();
  for await (const entry of extract) {
    const { name } = entry.header;
    if (!name.includes('/') && name.endsWith('.json')) {
      // The manifest and the config: read, and written anew below.
      const chunks: Buffer[] = [];
      for await (const chunk of entry as unknown as Readable) chunks.push(chunk as Buffer);
      json.set(name, Buffer.concat(chunks).toString('utf8'));
      continue;
    }
    if (name === 'repositories') {
      for await (const _ of entry as unknown as Readable) {
        // the stand-in's tags are not ours
      }
      continue;
    }
    await new Promise<void>((resolve, reject) => {
      const out = pack.entry({ ...entry.header }, (err) => (err ? reject(err) : resolve()));
      (entry as unknown as Readable).pipe(out as unknown as NodeJS.WritableStream);
    });
  }
  const manifest = (JSON.parse(json.get('manifest.json') ?? '[]') as SaveManifest[])[0];
  if (!manifest) throw new Error(`docker save of ${STANDIN_PYTHON} has no manifest`);
  const base = JSON.parse(json.get(manifest.Config) ?? '{}') as ImageConfig;

  const layers: string[] = [];
  for (const layer of ours) {
    const name = `ours/${sha256(layer.tar)}.tar`;
    pack.entry({ name, mtime: new Date(0) }, layer.tar);
    layers.push(name);
  }
  const comment = 'buildkit.dockerfile.v0';
  const created = new Date().toISOString();
  const config: ImageConfig = {
    ...base,
    config: {
      ...base.config,
      Env: [...(base.config.Env ?? []), 'PIP_NO_CACHE_DIR=1'],
      WorkingDir: '/app',
      Labels: { ...(base.config.Labels ?? {}), ...runLabels(runId) },
    },
    rootfs: {
      type: 'layers',
      diff_ids: [...base.rootfs.diff_ids, ...ours.map((l) => `sha256:${sha256(l.tar)}`)],
    },
    history: [
      ...(base.history ?? []),
      { created, created_by: 'ENV PIP_NO_CACHE_DIR=1', comment, empty_layer: true },
      ...ours.map((l) => ({ created, created_by: l.createdBy, comment })),
    ],
  };
  const configText = JSON.stringify(config);
  const configName = `${sha256(configText)}.json`;
  pack.entry({ name: configName, mtime: new Date(0) }, configText);
  const newManifest = [{ Config: configName, RepoTags: [tag], Layers: [...manifest.Layers, ...layers] }];
  pack.entry({ name: 'manifest.json', mtime: new Date(0) }, JSON.stringify(newManifest));
  pack.finalize();

  // The engine answers with JSON lines; a refused archive says so in one of them.
  let answer = '';
  for await (const chunk of (await loaded) as unknown as Readable) answer += String(chunk);
  if (/"error/.test(answer)) throw new Error(`docker load refused the BuildKit-form image: ${answer}`);
}

let engine: Engine;
let dir: string;

beforeAll(async () => {
  engine = await connectEngine();
  dir = mkdtempSync(path.join(os.tmpdir(), 'wg-buildkit-'));
  await loadBuildKitImage(engine);
}, 300_000);

afterAll(async () => {
  await removeImage(engine, tag);
  rmSync(dir, { recursive: true, force: true });
});

describe('an image in BuildKit history form, checked with --image and --dockerfile', () => {
  test('its layers carry their Dockerfile lines and every output names `RUN pip install ruff`', async () => {
    const files = {
      report: path.join(dir, 'report.json'),
      summary: path.join(dir, 'summary.md'),
      html: path.join(dir, 'report.html'),
      junit: path.join(dir, 'junit.xml'),
    };
    const before = await engineState(engine);
    const run = await cli([
      'check',
      '--image',
      tag,
      '--dockerfile',
      DOCKERFILE,
      // Only what this test is about: the gates that name a layer.
      '--require',
      'python3',
      '--no-default-forbids',
      '--forbid-command',
      'ruff',
      '--max-image-size',
      '1MB',
      '--skip-check',
      'non-root-user',
      '--skip-check',
      'cache-dir-writable',
      '--report',
      files.report,
      '--summary',
      files.summary,
      '--html',
      files.html,
      '--junit',
      files.junit,
    ]);
    expect(run.code, run.err).toBe(1);
    await expectEngineState(engine, before);

    const report: Report = readReport(files.report);
    const lineOf = (createdBy: string) =>
      report.image?.layers.find((l) => l.createdBy === createdBy)?.dockerfileLine;
    expect(lineOf('ENV PIP_NO_CACHE_DIR=1')).toBe(5);
    expect(lineOf('RUN /bin/sh -c pip install ruff # buildkit')).toBe(6);
    expect(lineOf('WORKDIR /app')).toBe(7);
    expect(lineOf('COPY app /app # buildkit')).toBe(8);

    // The Dockerfile as the messages name it (relative to the working folder).
    const named = /`RUN pip install ruff` at \S*history\/Dockerfile:6\b/;
    const detail = (id: string) => report.checks.find((c) => c.id === id)?.detail ?? '';
    expect(detail('forbid-command:ruff')).toMatch(named);
    expect(detail('max-image-size')).toMatch(named);
    const ruff = report.checks.find((c) => c.id === 'forbid-command:ruff')?.found?.[0];
    expect(ruff?.layer?.dockerfileLine).toBe(6);
    const messages = report.checks.map((c) => c.detail).join('\n');

    const summary = readFileSync(files.summary, 'utf8');
    const html = readFileSync(files.html, 'utf8');
    const junit = readFileSync(files.junit, 'utf8');
    for (const [name, text] of Object.entries({ messages, summary, html, junit })) {
      expect(text, name).toContain('RUN pip install ruff');
      expect(text, name).not.toContain('RUN RUN');
    }
    // JUnit's found lines also keep the engine's record as written (`layer 2: <created_by>`), for
    // classic images too; everything else in it names the instruction.
    const junitNamed = junit.replace(/; layer \d+: [^;]*;/g, ';');
    for (const [name, text] of Object.entries({ messages, summary, html, junitNamed })) {
      expect(text, name).not.toContain('# buildkit');
    }
  });
});
