// handoff mount, as production hands a project to a developer worker: the
// scaffolder (root) builds the shipped template's venvs at /data/workspaces/project,
// a CAP_CHOWN-only helper copies that workspace to the developer's volume, owned
// by the worker, and the worker sees it at /workspace. Without a fix-up the
// venvs name the scaffolder's path (xenon's shebang, the editable framework's
// .pth and direct_url.json) and lint fails; with the platform's rewrite as
// handoff-fixup the run passes. One layout, one warm developer.
import { beforeAll, describe, expect, test } from 'vitest';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import type { Phase } from '../../src/model/report.js';
import { type CheckedRun, e2eOptions, runE2eChecked } from './e2e-helpers.js';
import { SLIM_IMAGE } from './images.js';

let engine: Engine;
beforeAll(async () => {
  engine = await connectEngine();
});

const FROM = '/data/workspaces/project';
// The platform's entry point, as a shell command: the old prefix replaced in every text file.
const FIXUP = `grep -rlI --exclude-dir=.git ${FROM} . | xargs -r sed -i 's#${FROM}#/workspace#g'`;
const names = (phases: readonly Phase[]) => phases.map((p) => [p.name, p.exitCode]);

describe('handoff mount without a fix-up: the venvs name the scaffolder’s path', () => {
  let run: CheckedRun;
  beforeAll(async () => {
    run = await runE2eChecked(engine, SLIM_IMAGE, e2eOptions({ 'warm-runs': '1', handoff: 'mount' }));
  });

  test('the scaffolder built the project at its own path, root, and pushed with hooks off', () => {
    const s = run.result.e2e.scaffolder;
    expect(s).toMatchObject({ user: 'root', uid: 0, workspace: FROM });
    expect(names(s?.phases ?? [])).toEqual([
      ['scaffold', 0],
      ['setup', 0],
      ['push', 0],
    ]);
    expect(run.result.e2e.handoff).toBe('mount');
  });

  test('developer A gets the copy at /workspace, owned by the worker, and its lint fails on xenon’s stale shebang', () => {
    expect(run.exitCode).toBe(1);
    const a = run.result.e2e.runs[0];
    expect(a).toMatchObject({ worker: 'A', role: 'developer', handoff: 'mount' });
    expect(names(a?.phases ?? [])).toEqual([['lint', 2]]);
    expect(run.result.failures.map((f) => f.gate)).toEqual(['e2e:A:lint']);
    expect(run.result.failures[0]?.message).toMatch(/\.venv\/bin\/xenon: not found/);
    expect(run.report.failures.map((f) => f.gate).sort()).toEqual(['e2e:A:lint', 'handoff-venvs']);
  });

  test('handoff-venvs fails naming each broken shebang, .pth and direct_url.json with the stale prefix', () => {
    const check = run.result.checks.find((c) => c.id === 'handoff-venvs');
    expect(check?.status).toBe('fail');
    const findings = run.result.e2e.handedOver?.venvs.asHandedOver.findings ?? [];
    const kinds = new Set(findings.map((f) => f.kind));
    for (const kind of ['shebang', 'pth', 'direct_url']) expect(kinds).toContain(kind);
    const xenon = findings.find((f) => f.file === '.venv/bin/xenon');
    expect(xenon).toMatchObject({ kind: 'shebang', path: `${FROM}/.venv/bin/python`, stalePrefix: FROM });
    // The editable framework: its .pth (or finder) and its direct_url.json name the scaffolder's folder.
    for (const kind of ['pth', 'direct_url'] as const) {
      const f = findings.find((x) => x.kind === kind && x.file.startsWith('.venv/'));
      expect(f?.stalePrefix).toBe(FROM);
      expect(f?.path).toMatch(new RegExp(`^${FROM}/framework`));
    }
    expect(check?.found?.map((f) => f.path)).toContain('.venv/bin/xenon');
  });
});

describe('handoff mount with the platform’s rewrite as handoff-fixup', () => {
  let run: CheckedRun;
  beforeAll(async () => {
    run = await runE2eChecked(
      engine,
      SLIM_IMAGE,
      e2eOptions({ 'warm-runs': '1', handoff: 'mount', 'handoff-fixup': FIXUP }),
    );
  });

  test('passes: each developer fixes up, lints, tests, sets up again and pushes with hooks on', () => {
    expect(run.result.failures).toEqual([]);
    expect(run.exitCode).toBe(0);
    for (const r of run.result.e2e.runs) {
      expect(names(r.phases)).toEqual([
        ['fixup', 0],
        ['lint', 0],
        ['test', 0],
        ['setup', 0],
        ['push', 0],
      ]);
    }
  });

  test('handoff-venvs warns that the fix-up repaired what was broken, and nothing is broken after it', () => {
    const check = run.result.checks.find((c) => c.id === 'handoff-venvs');
    expect(check?.status).toBe('warn');
    const venvs = run.result.e2e.handedOver?.venvs;
    expect(venvs?.asHandedOver.findings.length).toBeGreaterThan(2);
    expect(venvs?.afterFixup?.findings).toEqual([]);
    expect(run.result.e2e.handedOver?.fixup).toBe(FIXUP);
  });

  test('a mounted setup is neither cold nor warm: no timing figure comes from it', () => {
    expect(run.result.e2e.layouts[0]?.coldSetupSeconds).toBeNull();
    expect(run.result.e2e.layouts[0]?.warmSetupSeconds).toBeNull();
  });
});
