// cold-runs on a real engine: with two cold and two warm runs, the second cold
// run is a developer of its own on a fresh cache volume, proved cold there by
// its evidence, taking turns with the warm runs; every volume goes at the end
// (runE2eChecked compares the engine's lists before and after). The tiny
// template's setup installs one small wheel, so a cold setup downloads.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toolRoot } from '../../src/config/shipped.js';
import { connectEngine } from '../../src/docker/engine.js';
import { type CheckedRun, e2eOptions, runE2eChecked } from './e2e-helpers.js';
import { SLIM_IMAGE } from './images.js';

const root = mkdtempSync(path.join(tmpdir(), 'wg-cold-runs-'));
const template = path.join(root, 'tiny');
const created: string[] = [];
let run: CheckedRun;

beforeAll(async () => {
  cpSync(path.join(toolRoot(), 'test', 'fixtures', 'e2e', 'templates', 'tiny'), template, {
    recursive: true,
  });
  const makefile = path.join(template, 'template', 'Makefile.jinja');
  const text = readFileSync(makefile, 'utf8');
  const patched = text.replace(
    /^setup:\n/m,
    'setup:\n\tuv venv -q --allow-existing .venv\n\tuv pip install -q --python .venv/bin/python iniconfig==2.0.0\n',
  );
  if (patched === text) throw new Error('the tiny template has no setup target to patch');
  writeFileSync(makefile, patched);
  const engine = await connectEngine();
  const options = e2eOptions({ template, 'cold-runs': '2', 'warm-runs': '2', 'min-setup-speedup': '0.0001' });
  run = await runE2eChecked(engine, SLIM_IMAGE, options, {
    beforePhases: async (_worker, hookRun, plan) => {
      if (hookRun.worker !== 'scaffolder') created.push(plan.cacheVolume);
    },
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('cold-runs 2, warm-runs 2 on the tiny template', () => {
  test('cold and warm take turns: cold, warm, cold, warm', () => {
    expect(run.result.e2e.runs.map((r) => `${r.worker} ${r.kind}`)).toEqual([
      'A cold',
      'B warm',
      'A cold',
      'B warm',
    ]);
  });

  test('each cold run is proved cold on a volume of its own; the warm runs are proved warm on the first one', () => {
    const runs = run.result.e2e.runs;
    expect(runs.map((r) => r.provedState)).toEqual(['cold', 'warm', 'cold', 'warm']);
    const [a, b1, a2, b2] = runs.map((r) => r.cacheVolume);
    expect(new Set([a, a2]).size).toBe(2);
    expect([b1, b2]).toEqual([a, a]);
    expect(created).toEqual([a, b1, a2, b2]);
    for (const cold of [runs[0], runs[2]]) expect(cold?.downloads).toBeGreaterThan(0);
  });

  test('the cold figure carries n and its spread, and the speed-up an interval from every run', () => {
    const [layout] = run.result.e2e.layouts;
    expect(layout?.coldSetup?.n).toBe(2);
    expect(layout?.coldSetup?.runs).toHaveLength(2);
    expect(layout?.coldSetup?.sd).toBeDefined();
    expect(layout?.speedupInterval).toBeDefined();
    expect(run.result.failures).toEqual([]);
    expect(run.exitCode).toBe(0);
  });

  test("the report has worker-gate's own time: wall minus phases, each stage's share within it", () => {
    const o = run.result.e2e.overhead;
    if (!o) throw new Error('no overhead in the report');
    expect(o.ownSeconds).toBeCloseTo(o.wallSeconds - o.phaseSeconds, 2);
    const stages = o.stages.map((s) => s.stage);
    for (const stage of ['workers', 'evidence', 'probes', 'clean-up']) expect(stages).toContain(stage);
    const sum = o.stages.reduce((total, s) => total + s.seconds, 0);
    expect(sum).toBeCloseTo(o.ownSeconds, 2);
  });
});
