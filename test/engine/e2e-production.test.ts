// Production as it runs, from one e2e run shared by most assertions: a worker
// image shaped like production's (ENTRYPOINT, HEALTHCHECK, WORKDIR, ENV
// PYTHONPATH), run as the worker manager runs agents (PYTHONPATH and
// UV_CACHE_DIR removed), a scaffolder image of its own (root, copier installed
// with uv tool install, its own uv cache volume), on the shipped template with a
// pre-push hook that diffs against the remote or HEAD~1, with 3 concurrent
// workers after the sequential ones (the last on the slim image as a baseline: a
// rollout's mixed cache), then the offline proof. Two short runs beside it: a
// failing pre-push hook (the scaffolder as the image's user on the workers'
// cache, scaffold-cache shared) and a target the Makefile lacks.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { newRunId } from '../../src/docker/labels.js';
import { describeEntry } from '../../src/e2e/evidence/cache-state.js';
import { gatherEvidence } from '../../src/e2e/evidence/evidence.js';
import { type E2eHooks, runE2e } from '../../src/e2e/run/run-e2e.js';
import { InputError } from '../../src/model/errors.js';
import { silentLog } from '../../src/model/log.js';
import type { E2eRun } from '../../src/model/report.js';
import { renderHtml } from '../../src/report/html.js';
import { renderSummary } from '../../src/report/summary.js';
import {
  type CheckedRun,
  e2eOptions,
  patchFile,
  recordingLog,
  runE2eChecked,
  type TemplateVariant,
  templateVariant,
} from './e2e-helpers.js';
import {
  buildFixture,
  contractOptions,
  engineState,
  expectEngineState,
  runContractChecked,
} from './helpers.js';
import { SLIM_IMAGE } from './images.js';
import { cli, readReport } from './run-cli.js';
import { runProcess } from './run-process.js';

let engine: Engine;
let agentImage: string;
let scaffolderImage: string;
let template: TemplateVariant;
let run: CheckedRun;
interface Seen {
  env?: string;
  cacheAfterScaffold?: string[];
  hooksPath?: string;
  globalRuff?: string;
}
/** Per container (scaffolder, A, B) of the main run: `env` as its phases see it, the cache after scaffolding, git's hooks folder after push. */
const seen = new Map<string, Seen>();

/** What the phases of a run see, read through the worker's own exec (the one every phase uses). */
function watcher(cacheDir: string, into: Map<string, Seen>): E2eHooks {
  return {
    beforePhases: async (worker, r) => {
      into.set(`${r.layout}-${r.worker}`, { env: (await worker.exec(['env'])).output });
    },
    afterPhase: async (worker, phase, r) => {
      const mine = into.get(`${r.layout}-${r.worker}`) ?? {};
      if (phase.name === 'scaffold') {
        const listing = await gatherEvidence(worker, { cache: { dir: cacheDir, withBytes: false } });
        mine.cacheAfterScaffold = listing.ok ? (listing.value.cache?.entries ?? []) : ['(no evidence)'];
      }
      if (phase.name === 'push') {
        // Every developer of the separate layout clones to one path.
        const project = r.worker === 'scaffolder' ? '/data/workspaces/project' : '/workspace/project';
        mine.hooksPath = (
          await worker.exec(['git', '-C', project, 'config', 'core.hooksPath'])
        ).output.trim();
        mine.globalRuff = (await worker.exec(['sh', '-c', 'command -v ruff || echo none'])).output.trim();
      }
      into.set(`${r.layout}-${r.worker}`, mine);
    },
  };
}

const CACHE = '/home/worker/.cache/uv';

// A pre-push hook as real backend templates write it (set -euo pipefail, the files changed since
// the remote, then the project's lint): on the first push of a one-commit repository to an empty
// origin every diff fails. It prints a marker, so the test sees which pushes ran it.
const PRE_PUSH_HEAD1 = `#!/usr/bin/env bash
set -euo pipefail
changed=$(git diff --name-only '@{push}...HEAD' 2>/dev/null || git diff --name-only origin/main...HEAD 2>/dev/null || git diff --name-only HEAD~1)
echo "worker-gate test pre-push: $(printf '%s' "$changed" | wc -l) changed, running make lint"
make lint
`;

/** The template variant's patch that adds `.githooks/pre-push`. */
function addPrePush(body: string): (dir: string) => void {
  return (dir) => writeFileSync(path.join(dir, 'template/.githooks/pre-push'), body, { mode: 0o755 });
}

/** The lines a recording log kept inside the groups whose titles match. */
function groupLines(lines: readonly string[], title: RegExp): string[] {
  const out: string[] = [];
  let inside = false;
  for (const line of lines) {
    if (line.startsWith('group: ')) inside = title.test(line);
    else if (inside) out.push(line);
  }
  return out;
}

const log = recordingLog();

beforeAll(async () => {
  engine = await connectEngine();
});

const runOf = (worker: 'A' | 'B'): E2eRun | undefined => run.result.e2e.runs.find((r) => r.worker === worker);

describe('an image like production, run as production runs agents, with 3 concurrent workers', () => {
  beforeAll(async () => {
    agentImage = (await buildFixture(engine, 'agent-like')).ref;
    scaffolderImage = (await buildFixture(engine, 'scaffolder')).ref;
    template = templateVariant(addPrePush(PRE_PUSH_HEAD1));
    run = await runE2eChecked(
      engine,
      agentImage,
      e2eOptions({
        template: template.dir,
        'scaffolder-image': scaffolderImage,
        'warm-runs': '1',
        'concurrent-workers': '3',
        'unset-env': ['PYTHONPATH', 'UV_CACHE_DIR'],
        env: ['WORKER_GATE_AGENT=1'],
      }),
      watcher(CACHE, seen),
      log,
      { baselineImageRef: SLIM_IMAGE },
    );
  });

  afterAll(() => template?.remove());

  test('passes: exit 0, no failure', () => {
    expect(run.report.failures).toEqual([]);
    expect(run.exitCode).toBe(0);
  });

  test('the fixture sets what production sets, and check warns env-leaks naming PYTHONPATH (positive control)', async () => {
    const facts = await engine.images.inspect(agentImage);
    expect(facts?.env.PYTHONPATH).toBe('/opt/agent');
    expect(facts?.env.UV_CACHE_DIR).toBe(CACHE);
    const check = await runContractChecked(engine, agentImage, contractOptions());
    expect(check.byId.get('env-leaks')?.check).toMatchObject({ status: 'warn' });
    expect(check.byId.get('env-leaks')?.check.detail).toContain('PYTHONPATH=/opt/agent');
    // The slim image sets only the worker's own uv settings: no warning there.
    const slim = await runContractChecked(engine, SLIM_IMAGE, contractOptions());
    expect(slim.byId.has('env-leaks')).toBe(false);
  });

  test('every phase runs without PYTHONPATH and UV_CACHE_DIR (absent, not empty), with --env set', () => {
    for (const worker of ['A', 'B']) {
      const env = seen.get(`separate-${worker}`)?.env ?? '';
      expect(env).toMatch(/^HOME=/m); // the listing worked
      expect(env).toMatch(/^WORKER_GATE_AGENT=1$/m);
      expect(env).not.toMatch(/^PYTHONPATH=/m);
      expect(env).not.toMatch(/^UV_CACHE_DIR=/m);
    }
    expect(run.result.e2e.agentEnv).toEqual({
      set: ['WORKER_GATE_AGENT'],
      unset: ['PYTHONPATH', 'UV_CACHE_DIR'],
    });
  });

  test('without UV_CACHE_DIR uv still finds the volume at $HOME/.cache/uv: cold proved cold, warm proved warm', () => {
    expect(runOf('A')).toMatchObject({ provedState: 'cold' });
    expect(runOf('A')?.downloads).toBeGreaterThan(10);
    expect(runOf('B')).toMatchObject({ provedState: 'warm', downloads: 0 });
  });

  test("the scaffolder runs its own image as root with the image's own copier, and pushes first with hooks off", () => {
    const s = run.result.e2e.scaffolder;
    expect(s).toMatchObject({
      image: scaffolderImage,
      user: 'root',
      uid: 0,
      copier: '/usr/local/bin/copier',
    });
    expect(s?.phases.map((p) => [p.name, p.exitCode])).toEqual([
      ['scaffold', 0],
      ['setup', 0],
      ['push', 0],
    ]);
    // Its hooks setting is back after the first push (which ran without it).
    expect(seen.get('separate-scaffolder')?.hooksPath).toBe('.githooks');
    expect(runOf('A')?.phases.map((p) => p.name)).toEqual(['clone', 'setup', 'lint', 'test', 'push']);
  });

  test("scaffold-cache own: two cache volumes, two owners; the scaffolder's is full, the workers' empty before developer A, whose setup is cold and says why", () => {
    expect(run.result.e2e.scaffoldCache).toBe('own');
    const s = run.result.e2e.scaffolder;
    expect(s?.cacheVolume).toMatchObject({ mountPoint: '/root/.cache/uv', ownerUid: 0 });
    expect(s?.cacheVolume.entries).toBeGreaterThan(10);
    expect(s?.workersCacheVolume).toMatchObject({ mountPoint: CACHE, ownerUid: 1000, entries: 0 });
    expect(s?.cacheVolume.name).not.toBe(s?.workersCacheVolume?.name);
    expect(runOf('A')?.newDistributions).toEqual(expect.arrayContaining([expect.stringMatching(/^pyyaml /)]));
    expect(s?.firstDeveloper?.cold).toBe(true);
    expect(s?.firstDeveloper?.because).toContain(`${s?.cacheVolume.name} at /root/.cache/uv, owner uid 0`);
    expect(s?.firstDeveloper?.because).toContain(
      `${s?.workersCacheVolume?.name} at ${CACHE}, owner uid 1000`,
    );
    expect(s?.firstDeveloper?.setupSeconds).toBeGreaterThan(0);
    expect(renderSummary(run.report)).toContain('developer A was cold: the scaffolder');
  });

  test("a pre-push hook that diffs against the remote or HEAD~1: the scaffolder's first push skips it, each developer's push runs it and its make lint", () => {
    const marker = /^worker-gate test pre-push: /;
    const pushOf = (who: RegExp) => groupLines(log.lines, who);
    const scaffolder = pushOf(/the scaffolder .* · push: /);
    const developers = [pushOf(/developer A .* · push: /), pushOf(/developer B .* · push: /)];
    expect(scaffolder.length + developers.flat().length).toBeGreaterThan(0); // the groups were found
    expect(scaffolder.some((l) => marker.test(l))).toBe(false);
    for (const lines of developers) {
      expect(lines.some((l) => marker.test(l))).toBe(true);
      // The hook's make lint ran inside the developer's push: ruff's own summary line.
      expect(lines.join('\n')).toMatch(/files? already formatted/);
    }
  });

  test("setup points git at the template's hooks; push ran them in A and B with no global ruff", () => {
    for (const worker of ['A', 'B']) {
      expect(seen.get(`separate-${worker}`)).toMatchObject({ hooksPath: '.githooks', globalRuff: 'none' });
    }
    for (const r of run.result.e2e.runs) {
      expect(r.phases.find((p) => p.name === 'push')).toMatchObject({ exitCode: 0 });
    }
  });

  test('3 concurrent workers: all passed, proved warm together, the last on the baseline image', () => {
    const batches = run.result.e2e.concurrent ?? [];
    expect(batches).toHaveLength(1);
    const batch = batches[0];
    expect(batch).toMatchObject({ layout: 'separate', workers: 3, downloads: 0 });
    expect(batch?.runs.map((r) => [r.index, r.baseline, r.provedState])).toEqual([
      [1, false, 'warm'],
      [2, false, 'warm'],
      [3, true, 'warm'],
    ]);
    expect(batch?.runs[2]?.image).toBe(SLIM_IMAGE);
    for (const r of batch?.runs ?? []) {
      expect(r.phases.map((p) => [p.name, p.exitCode])).toEqual([
        ['clone', 0],
        ['setup', 0],
        ['lint', 0],
        ['test', 0],
      ]);
    }
  });

  test('the offline worker proves the cache intact: UV_OFFLINE=1 setup passes with zero downloads', () => {
    const offline = run.result.e2e.concurrent?.[0]?.offline;
    expect(offline).toMatchObject({ passed: true, downloads: 0 });
    expect(offline?.phases.map((p) => [p.name, p.exitCode])).toEqual([
      ['clone', 0],
      ['setup', 0],
    ]);
  });

  test('their figures: a setup spread, the lone warm median, the contention ratio, out of the layout medians', () => {
    const batch = run.result.e2e.concurrent?.[0];
    const layout = run.result.e2e.layouts[0];
    expect(batch?.setupSeconds?.median).toBeGreaterThan(0);
    expect(batch?.loneWarmMedianSeconds).toBe(layout?.warmSetupSeconds?.median);
    expect(batch?.contentionRatio).toBeGreaterThan(0);
    expect(layout?.warmSetupSeconds?.runs).toHaveLength(1);
    for (const wait of batch?.lockWaits ?? []) expect(wait.workers).toBeGreaterThanOrEqual(1);
  });

  test('the summary and the HTML show the concurrent median beside the lone warm median', () => {
    const summary = renderSummary(run.report);
    expect(summary).toContain('Concurrent workers');
    expect(summary).toContain('3 (1 on the baseline image)');
    expect(summary).toContain('passed, 0 downloads');
    expect(summary).toContain('- scaffolder: ');
    expect(renderHtml(run.report)).toContain('Concurrent workers');
  });
});

describe("a pre-push hook that fails, with the scaffolder as the image's user on the workers' cache (scaffold-cache shared)", () => {
  const failing = templateVariant(
    addPrePush('#!/bin/sh\necho "worker-gate test hook: this push is refused"\nexit 1\n'),
  );
  let shared: CheckedRun;
  const sharedSeen = new Map<string, Seen>();
  beforeAll(async () => {
    shared = await runE2eChecked(
      engine,
      SLIM_IMAGE,
      e2eOptions({
        template: failing.dir,
        'warm-runs': '1',
        'scaffold-cache': 'shared',
        'scaffolder-user': 'image',
      }),
      watcher(CACHE, sharedSeen),
    );
  });
  afterAll(() => failing.remove());

  test("the scaffolder's first push skips it; developer A's push fails (exit 1) naming the hook's file, with its output", () => {
    expect(shared.exitCode).toBe(1);
    expect(shared.result.failures.map((f) => f.gate)).toEqual(['e2e:A:push']);
    const message = shared.result.failures[0]?.message ?? '';
    expect(message).toContain("the project's pre-push hook (.githooks/pre-push) refused the push");
    expect(message).toContain('worker-gate test hook: this push is refused');
    expect(shared.result.e2e.scaffolder?.phases.map((p) => [p.name, p.exitCode])).toEqual([
      ['scaffold', 0],
      ['setup', 0],
      ['push', 0],
    ]);
    expect(shared.result.e2e.runs.map((r) => r.phases.map((p) => [p.name, p.exitCode]))).toEqual([
      [
        ['clone', 0],
        ['setup', 0],
        ['lint', 0],
        ['test', 0],
        ['push', 1],
      ],
    ]);
    expect(shared.result.e2e.runs[0]?.phases.at(-1)?.hook).toEqual({
      step: 'push',
      name: 'pre-push',
      file: '.githooks/pre-push',
    });
  });

  test("scaffold-cache shared: copier's distributions are in the cache first; the scaffolder's setup is the cold run and does not download those; developer A is warm", () => {
    expect(shared.result.e2e.scaffoldCache).toBe('shared');
    const s = shared.result.e2e.scaffolder;
    expect(s).toMatchObject({ user: 'worker', uid: 1000 });
    const copier = (sharedSeen.get('separate-scaffolder')?.cacheAfterScaffold ?? []).map(describeEntry);
    expect(copier.length).toBeGreaterThan(5);
    // What the own-cache run's cold setup downloaded that copier had brought here: not downloaded again.
    const sharedWithCopier = (runOf('A')?.newDistributions ?? []).filter((d) => copier.includes(d));
    expect(sharedWithCopier).toEqual(expect.arrayContaining([expect.stringMatching(/^pyyaml /)]));
    expect(s?.setup).toMatchObject({ onWorkersCache: true, provedState: 'cold' });
    for (const d of sharedWithCopier) expect(s?.setup?.newDistributions).not.toContain(d);
    expect(shared.result.e2e.runs[0]).toMatchObject({ kind: 'warm', provedState: 'warm' });
    expect(s?.firstDeveloper).toMatchObject({ cold: false });
    // The layout's cold figure is the scaffolder's setup.
    expect(shared.result.e2e.layouts[0]?.coldSetupSeconds).toBe(s?.setup?.seconds);
  });
});

describe('a configured target the generated Makefile lacks', () => {
  const renamed = templateVariant((dir) => {
    patchFile(dir, 'template/Makefile.jinja', /^test:$/m, 'tests:');
    patchFile(
      dir,
      'template/Makefile.jinja',
      /^\.PHONY: setup lint test clean$/m,
      '.PHONY: setup lint tests clean',
    );
  });
  afterAll(() => renamed.remove());

  test('fails right after scaffolding, exit 2, naming the input and the closest target', async () => {
    const facts = await engine.images.inspect(SLIM_IMAGE);
    if (!facts) throw new Error('slim image missing');
    const before = await engineState(engine);
    const failure = await runE2e(engine, {
      imageRef: SLIM_IMAGE,
      facts,
      options: e2eOptions({ template: renamed.dir, 'warm-runs': '1' }),
      runId: newRunId(),
      log: silentLog,
      runProcess,
    }).catch((err: unknown) => err);
    await expectEngineState(engine, before);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as InputError).message).toBe(
      'test-target "test" is not a target of the generated Makefile; it has "tests": set test-target: tests',
    );
    expect((failure as InputError).input).toBe('test-target');
  });
});

describe('an image whose uv differs from the baseline image', () => {
  test('check warns uv-version-change naming both versions; the report gives the baseline uv', async () => {
    const other = await buildFixture(engine, 'uv-other-version');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'wg-uv-change-')), 'r.json');
    const run = await cli(['check', '--image', other.ref, '--baseline-image', SLIM_IMAGE, '--report', file]);
    expect(run.code, run.err).toBe(0);
    const report = readReport(file);
    expect(report.image?.uvVersion).toBe('0.99.0');
    expect(report.baseline?.uvVersion).toBe('0.13.9');
    const check = report.checks.find((c) => c.id === 'uv-version-change');
    expect(check?.status).toBe('warn');
    expect(check?.detail).toContain(`the image has uv 0.99.0, the baseline (${SLIM_IMAGE}) uv 0.13.9`);
  });

  test('the same uv on both sides: no warning (control)', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'wg-uv-same-')), 'r.json');
    const run = await cli(['check', '--image', SLIM_IMAGE, '--baseline-image', SLIM_IMAGE, '--report', file]);
    expect(run.code, run.err).toBe(0);
    const report = readReport(file);
    expect(report.baseline?.uvVersion).toBe('0.13.9');
    expect(report.checks.map((c) => c.id)).not.toContain('uv-version-change');
  });
});
