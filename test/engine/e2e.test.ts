// The scenario of the plan on the shipped image and the shipped template, in
// both cache layouts, from one run shared by every assertion below (a full
// run takes a minute or two: one warm run per layout proves what more would).
// The template is given as a local git repository owned by another user.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Config } from '../../src/config/index.js';
import { connectEngine } from '../../src/docker/engine.js';
import { judge } from '../../src/judge/judge.js';
import { TIMING } from '../../src/judge/timing.js';
import type { E2eRun } from '../../src/model/report.js';
import {
  type CheckedRun,
  e2eOptions,
  gitRepoOwnedBy,
  runE2eChecked,
  type TemplateVariant,
  templateVariant,
} from './e2e-helpers.js';
import { SLIM_IMAGE } from './images.js';

const OTHER_UID = 4242;
let template: TemplateVariant;
let run: CheckedRun;
let options: Config;

beforeAll(async () => {
  const engine = await connectEngine();
  template = templateVariant((dir) => gitRepoOwnedBy(dir, OTHER_UID));
  options = e2eOptions({
    template: template.dir,
    'cache-layout': 'both',
    'warm-runs': '1',
    // Gates that any proved run passes: they prove the wiring, not a speed.
    'max-warm-setup-seconds': '86400',
    'min-setup-speedup': '0.0001',
    'max-layout-ratio': '1000',
  });
  run = await runE2eChecked(engine, SLIM_IMAGE, options);
});

afterAll(() => template?.remove());

const runsOf = (layout: string): E2eRun[] => run.result.e2e.runs.filter((r) => r.layout === layout);

describe('the shipped image on the shipped template, both layouts', () => {
  test('passes: exit 0, no failure, every gate passes (warm-not-faster only ever warns)', () => {
    expect(run.report.failures).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.result.checks.map((c) => [c.id, c.status])).toEqual([
      ['python-fits-template', 'pass'],
      ['cache-evidence', 'pass'],
      ['cache-shared', 'pass'],
      ['project-calls-removed-tool', 'pass'],
      ['max-warm-setup-seconds', 'pass'],
      ['min-setup-speedup', 'pass'],
      ['max-layout-ratio', 'pass'],
      // A real measurement on a shared machine: one warm run may well not beat the cold one.
      ['warm-not-faster', expect.stringMatching(/^(pass|warn)$/)],
    ]);
  });

  test('a local git repository owned by another user scaffolds (it enters the worker owned by the worker)', () => {
    const scaffold = run.result.e2e.scaffolder?.phases[0];
    expect(scaffold).toMatchObject({ name: 'scaffold', exitCode: 0, timedOut: false });
    expect(run.result.e2e.template).toEqual({ source: template.dir, ref: 'HEAD', data: {} });
  });

  test('the scaffolder runs once, before both layouts; every phase of both developers is recorded, in order, in each layout', () => {
    expect(run.result.e2e.scaffolder?.phases.map((p) => [p.name, p.exitCode])).toEqual([
      ['scaffold', 0],
      ['setup', 0],
      ['push', 0],
    ]);
    for (const layout of ['separate', 'shared']) {
      const [a, b] = runsOf(layout);
      expect(a).toMatchObject({ worker: 'A', kind: 'cold', role: 'developer', handoff: 'clone' });
      expect(a?.phases.map((p) => p.name)).toEqual(['clone', 'setup', 'lint', 'test', 'push']);
      expect(b).toMatchObject({ worker: 'B', kind: 'warm' });
      expect(b?.phases.map((p) => p.name)).toEqual(['clone', 'setup', 'lint', 'test', 'push', 'floor']);
      for (const phase of [...(a?.phases ?? []), ...(b?.phases ?? [])]) {
        expect(phase).toMatchObject({ exitCode: 0, timedOut: false });
      }
    }
    expect(run.result.e2e.runs.map((r) => r.index)).toEqual([0, 1, 2, 3]);
  });

  test('the cold runs downloaded and the warm runs downloaded nothing, proved from the cache', () => {
    for (const layout of ['separate', 'shared']) {
      const [cold, warm] = runsOf(layout);
      expect(cold?.provedState).toBe('cold');
      expect(cold?.downloads).toBeGreaterThan(10);
      expect(cold?.newDistributions).toEqual(expect.arrayContaining([expect.stringMatching(/^ruff /)]));
      expect(warm?.provedState).toBe('warm');
      expect(warm?.downloads).toBe(0);
      expect(warm?.installs).toBe(cold?.installs);
    }
  });

  test('the separate layout copies (uv falls back), the shared one hard-links', () => {
    expect(runsOf('separate').map((r) => r.linkMode)).toEqual(['copy-fallback', 'copy-fallback']);
    expect(runsOf('shared').map((r) => r.linkMode)).toEqual(['hardlink', 'hardlink']);
    expect(runsOf('shared')[1]?.linkModeEvidence).toMatch(/link count of 2 or more/);
    const layouts = run.result.e2e.layouts;
    expect(layouts.map((l) => [l.layout, l.linkMode])).toEqual([
      ['separate', 'copy-fallback'],
      ['shared', 'hardlink'],
    ]);
    expect(run.result.e2e.advice).toMatch(/mount the uv cache inside the workspace volume/);
  });

  test('each layout reports its cold setup, warm figures, speedup, cache sizes and floor; the headline is the separate layout', () => {
    const e2e = run.result.e2e;
    for (const layout of e2e.layouts) {
      expect(layout.coldSetupSeconds).toBeGreaterThan(0);
      expect(layout.warmSetupSeconds?.runs).toHaveLength(1);
      expect(layout.speedup).toBeGreaterThan(0);
      expect(layout.cacheBytesAfterCold).toBeGreaterThan(
        layout.cacheBytesAfterScaffold ?? Number.POSITIVE_INFINITY,
      );
      expect(layout.floorSeconds).toBeGreaterThan(0);
    }
    expect(e2e.setup?.coldSeconds).toBe(e2e.layouts[0]?.coldSetupSeconds);
    expect(e2e.layoutRatio).toBeGreaterThan(0);
    expect(e2e.uvVersion).toBe('0.13.9');
  });

  test('each timing gate fails with its figures when set to an impossible value', () => {
    const impossible = {
      ...options,
      maxWarmSetupSeconds: 0.001,
      minSetupSpeedup: 1000,
      maxLayoutRatio: 0.001,
    };
    const { e2e, facts } = run.result;
    const checks = judge(impossible, { command: 'e2e', e2e, e2eFacts: facts }, [TIMING]).checks.map(
      (j) => j.check,
    );
    expect(checks.map((c) => c.status)).toEqual(['fail', 'fail', 'fail']);
    const warm = run.result.e2e.layouts[0]?.warmSetupSeconds?.median;
    expect(checks[0]?.detail).toContain(`warm setup median ${warm} s (separate layout, run 1`);
    expect(checks[1]?.detail).toMatch(/cold setup [\d.]+ s in run 0/);
    expect(checks[2]?.detail).toMatch(/shared layout, run 3/);
  });
});
