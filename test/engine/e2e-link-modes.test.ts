// Link modes uv was told to use, proved from the installed files when uv
// prints nothing; and a warm run forced to download, reported not-warm.
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { CLASSIC } from '../../src/build/backend.js';
import { buildImage } from '../../src/build/build.js';
import { toolRoot } from '../../src/config/shipped.js';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { silentLog } from '../../src/model/log.js';
import { e2eOptions, runE2eChecked } from './e2e-helpers.js';
import { SLIM_IMAGE } from './images.js';
import { runProcess } from './run-process.js';

let engine: Engine;
beforeAll(async () => {
  engine = await connectEngine();
});

describe('an image that sets UV_LINK_MODE=copy (and no UV_CACHE_DIR), in the production layout', () => {
  const ref = 'worker-gate-test/e2e-uv-link-mode-copy:fixture';
  beforeAll(async () => {
    const slim = await engine.images.inspect(SLIM_IMAGE);
    if (!slim) throw new Error(`${SLIM_IMAGE} is missing: the engine tests' global set-up builds it`);
    const dir = path.join(toolRoot(), 'test', 'fixtures', 'e2e', 'images', 'uv-link-mode-copy');
    const built = await buildImage(
      engine,
      {
        dockerfile: path.join(dir, 'Dockerfile'),
        context: dir,
        tag: ref,
        buildArgs: { BASE_IMAGE: slim.id },
        labels: {},
        runProcess,
        backend: CLASSIC,
      },
      silentLog,
    );
    if (!built.ok) throw new Error(`fixture image does not build: ${built.failure.message}`);
  });

  test('reports copy (uv prints no warning), and impossible timing gates fail with their figures', async () => {
    const { result, exitCode } = await runE2eChecked(
      engine,
      ref,
      e2eOptions({ 'warm-runs': '1', 'max-warm-setup-seconds': '0.001', 'min-setup-speedup': '1000' }),
    );
    const [cold, warm] = result.e2e.runs;
    // Proved cold: the cache volume sat at ~/.cache/uv of the image's user, found from its HOME.
    expect(cold?.provedState).toBe('cold');
    expect(warm?.provedState).toBe('warm');
    for (const run of [cold, warm]) {
      expect(run?.linkMode).toBe('copy');
      expect(run?.linkModeEvidence).toMatch(/link count of 1; UV_LINK_MODE in the image$/);
    }
    expect(result.e2e.layouts[0]?.linkMode).toBe('copy');
    expect(result.e2e.advice).toBeUndefined();

    expect(exitCode).toBe(1);
    expect(result.failures).toEqual([]);
    const gates = result.checks.filter(
      (c) => c.id === 'max-warm-setup-seconds' || c.id === 'min-setup-speedup',
    );
    expect(gates.map((c) => c.status)).toEqual(['fail', 'fail']);
    // Each gate names its figure, the runs, the rule it applied and the limit (src/judge/noise-interval.ts).
    expect(gates[0]?.detail).toMatch(
      /^warm setup median [\d.]+ s \(separate layout, run 1: [\d.]+ s\): the figure alone .* lies wholly above max-warm-setup-seconds 0\.001 s$/,
    );
    expect(gates[1]?.detail).toMatch(
      /^setup speedup [\d.]+× \(cold setup [\d.]+ s in run 0 \/ warm setup median [\d.]+ s .* lies wholly below min-setup-speedup 1000×$/,
    );
  });
});

describe('a template whose Makefile passes --link-mode=copy, in the shared layout, its cache emptied before the warm run', () => {
  test('reports copy from the Makefile, and the warm run that had to download is not-warm', async () => {
    const { result } = await runE2eChecked(
      engine,
      SLIM_IMAGE,
      e2eOptions({
        data: ['uv_link_mode=copy'],
        'cache-layout': 'shared',
        'warm-runs': '1',
        'max-warm-setup-seconds': '86400',
      }),
      {
        beforePhases: async (worker, run) => {
          if (run.kind !== 'warm') return;
          const clean = await worker.exec(['uv', 'cache', 'clean']);
          if (clean.exitCode !== 0) throw new Error(`uv cache clean failed: ${clean.output}`);
        },
      },
    );
    expect(result.failures).toEqual([]);
    const [cold, warm] = result.e2e.runs;
    expect(result.e2e.template.data).toEqual({ uv_link_mode: 'copy' });
    for (const run of [cold, warm]) {
      expect(run?.layout).toBe('shared');
      expect(run?.linkMode).toBe('copy');
      expect(run?.linkModeEvidence).toMatch(/--link-mode in .*Makefile$/);
    }
    expect(cold?.provedState).toBe('cold');
    expect(warm?.provedState).toBe('not-warm');
    expect(warm?.downloads).toBeGreaterThan(0);
    // Left out of every median: no warm figure, and the gate says why.
    expect(result.e2e.layouts[0]?.warmSetupSeconds).toBeNull();
    expect(result.e2e.setup?.speedup).toBeNull();
    const gate = result.checks.find((c) => c.id === 'max-warm-setup-seconds');
    expect(gate?.status).toBe('fail');
    expect(gate?.detail).toMatch(
      /^no proved warm run in the shared layout \(run 1 not-warm \(\d+ downloads\)\)/,
    );
  });
});
