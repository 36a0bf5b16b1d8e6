// --keep: when a phase fails, its worker and volumes stay on the engine,
// labelled, with the command that enters the worker as its user in the
// phase's folder; the run's own sweep leaves them, and `worker-gate clean
// --run ID` removes them. A failing copier task
// makes the scaffold fail after a few seconds: the cheapest failing phase.
// Without --keep the same kind of failure leaves nothing: e2e-failures.test.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { KEEP_LABEL, RUN_LABEL } from '../../src/docker/labels.js';
import { sweep } from '../../src/run/cleanup.js';
import { patchFile, templateVariant } from './e2e-helpers.js';
import { SLIM_IMAGE } from './images.js';
import { cli, readReport } from './run-cli.js';
import { runProcess } from './run-process.js';

let engine: Engine;
const template = templateVariant((dir) =>
  patchFile(
    dir,
    'copier.yml',
    /^_answers_file: .*$/m,
    '$&\n_tasks:\n  - "echo worker-gate-keep-test; exit 3"',
  ),
);
beforeAll(async () => {
  engine = await connectEngine();
});
afterAll(() => template.remove());

async function runObjects(runId: string) {
  const filters = { label: [`${RUN_LABEL}=${runId}`] };
  const containers = await engine.containers.list({ all: true, filters });
  const volumes = await engine.volumes.list(filters);
  return { containers, volumes };
}

describe('--keep after a failed phase', () => {
  test('the worker and its volumes stay, labelled; the printed docker exec enters it; worker-gate clean --run removes them', async () => {
    const report = path.join(mkdtempSync(path.join(tmpdir(), 'wg-keep-')), 'report.json');
    const args = [
      'e2e',
      '--image',
      SLIM_IMAGE,
      '--template',
      template.dir,
      '--trust-template',
      '--warm-runs',
      '1',
    ];
    const run = await cli([...args, '--keep', '--report', report]);
    const r = readReport(report);
    const runId = /worker-gate clean --run (\S+)/.exec(run.err)?.[1] ?? '';
    try {
      expect(run.code, run.err).toBe(1);
      expect(r.failures.map((f) => f.gate)).toEqual(['e2e:scaffolder:scaffold']);
      const kept = r.e2e?.kept;
      expect(kept).toBeDefined();
      expect(run.err).toContain(
        `worker-gate: kept the failed worker ${kept?.container}: ${kept?.execCommand}`,
      );
      expect(run.err).toContain(`worker-gate: remove it and its volumes: worker-gate clean --run ${runId}`);

      const left = await runObjects(runId);
      expect(left.containers.map((c) => c.id.slice(0, 12))).toEqual([kept?.container]);
      expect(left.containers[0]?.labels[KEEP_LABEL]).toBeDefined();
      expect(left.volumes.map((v) => v.name).sort()).toEqual([...(kept?.volumes ?? [])].sort());
      expect(left.volumes.every((v) => v.labels[KEEP_LABEL] !== undefined)).toBe(true);

      // docker exec -it -u USER -w DIR CONTAINER sh: the same user and folder, through the engine API.
      const [, user, dir, container] =
        /^docker exec -it -u (\S+) -w (\S+) (\S+) sh$/.exec(kept?.execCommand ?? '') ?? [];
      const inside = await engine.containers.get(container ?? '').exec(['sh', '-c', 'id -un; pwd'], {
        user: user ?? '',
        workdir: dir ?? '',
      });
      expect(inside.exitCode).toBe(0);
      const [name, cwd] = inside.output.trim().split('\n');
      expect(cwd).toBe(dir);
      // The scaffold failed: the kept container is the scaffolder, entered as the user it ran as (root).
      expect(user).toBe('0:0');
      expect(name).toBe('root');
      const clean = await cli(['clean', '--run', runId]);
      expect(clean.code, clean.err).toBe(0);
    } finally {
      await sweep(engine, { runId }, { runProcess });
    }
    const after = await runObjects(runId);
    expect(after.containers).toEqual([]);
    expect(after.volumes).toEqual([]);
  });
});
