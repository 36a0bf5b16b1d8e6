// handoff-venvs through the judge, and its check in a Report and its outputs.
import { describe, expect, test } from 'vitest';
import { judgeEach } from '../../../src/judge/judge.js';
import type { Check, E2eReport, HandedOver, VenvCheck, VenvSummary } from '../../../src/model/report.js';
import { addVerdicts, finishReport, newReport } from '../../../src/model/report-building.js';
import { validateReport } from '../../../src/model/report-schema.js';
import { mdText } from '../../../src/report/markdown.js';
import { remedyFor } from '../../../src/report/remedies.js';
import { renderers } from '../../../src/report/renderers.js';
import { checkOf, e2eOf, facts } from './e2e-measured.js';
import { configWith } from './measured.js';

const FROM = '/data/workspaces/project';
const SITE = '.venv/lib/python3.12/site-packages';

const summary = (path: string, broken: number, over: Partial<VenvSummary> = {}): VenvSummary => ({
  path,
  pythonOk: true,
  scripts: 6,
  pthPaths: 1,
  directUrls: 1,
  imports: 1,
  broken,
  ...over,
});

const WORKING: VenvCheck = { venvs: [summary('.venv', 0), summary('services/api/.venv', 0)], findings: [] };

const BROKEN: VenvCheck = {
  venvs: [summary('.venv', 4), summary('services/api/.venv', 0)],
  findings: [
    {
      file: '.venv/bin/ruff',
      kind: 'shebang',
      path: `${FROM}/.venv/bin/python`,
      stalePrefix: FROM,
      foundAt: '/workspace/.venv/bin/python',
    },
    { file: `${SITE}/_framework.pth`, kind: 'pth', path: `${FROM}/framework/src`, stalePrefix: FROM },
    {
      file: `${SITE}/framework-0.1.0.dist-info/direct_url.json`,
      kind: 'direct_url',
      path: `${FROM}/framework`,
      stalePrefix: FROM,
    },
    {
      file: `${SITE}/framework-0.1.0.dist-info`,
      kind: 'import',
      message: "import framework: ModuleNotFoundError: No module named 'framework'",
    },
  ],
};

const RUFF = `.venv/bin/ruff: shebang #!${FROM}/.venv/bin/python — stale prefix ${FROM}`;

function handoff(asHandedOver: VenvCheck, fixup?: { command: string; after?: VenvCheck }): HandedOver {
  return {
    mode: 'mount',
    path: '/workspace',
    from: FROM,
    ...(fixup ? { fixup: fixup.command } : {}),
    venvs: { asHandedOver, ...(fixup?.after ? { afterFixup: fixup.after } : {}) },
  };
}

const e2eWith = (h: HandedOver): E2eReport => ({ ...e2eOf([]), handedOver: h });

function gate(h: HandedOver, config = {}): Check {
  const check = checkOf('handoff-venvs', e2eWith(h), facts(), config);
  if (!check) throw new Error('no handoff-venvs check');
  return check;
}

describe('handoff-venvs', () => {
  test('passes when nothing was broken as handed over', () => {
    expect(gate(handoff(WORKING))).toEqual({
      id: 'handoff-venvs',
      status: 'pass',
      detail: `2 venvs work as handed over at /workspace (built at ${FROM}): 12 scripts, 2 .pth paths, 2 direct_url.json and 2 editable imports checked`,
    });
  });

  test('fails when broken as handed over with no fix-up, each finding with its stale prefix', () => {
    const check = gate(handoff(BROKEN));
    expect(check.status).toBe('fail');
    expect(check.detail).toBe(
      `the venvs are broken as handed over at /workspace (built at ${FROM}): 1 of 2 venvs, 4 broken references (stale prefix ${FROM}); first ${RUFF}`,
    );
    expect(check.found).toEqual([
      { path: '.venv/bin/ruff', kind: 'shebang', target: `${FROM}/.venv/bin/python`, stalePrefix: FROM },
      { path: `${SITE}/_framework.pth`, kind: 'pth', target: `${FROM}/framework/src`, stalePrefix: FROM },
      {
        path: `${SITE}/framework-0.1.0.dist-info/direct_url.json`,
        kind: 'direct_url',
        target: `${FROM}/framework`,
        stalePrefix: FROM,
      },
      {
        path: `${SITE}/framework-0.1.0.dist-info`,
        kind: 'import',
        message: "import framework: ModuleNotFoundError: No module named 'framework'",
      },
    ]);
  });

  test('warns when the fix-up repaired what was broken, listing what it repaired', () => {
    const check = gate(handoff(BROKEN, { command: 'wg-fixup /workspace', after: WORKING }));
    expect(check.status).toBe('warn');
    expect(check.detail).toBe(
      `the fix-up \`wg-fixup /workspace\` repaired the venvs, broken as handed over at /workspace (built at ${FROM}): 1 of 2 venvs, 4 broken references (stale prefix ${FROM}); first ${RUFF}`,
    );
    expect(check.found).toHaveLength(4);
  });

  test('fails when still broken after the fix-up, with what is left', () => {
    const left: VenvCheck = {
      venvs: [summary('.venv', 1), summary('services/api/.venv', 0)],
      findings: BROKEN.findings.slice(1, 2),
    };
    const check = gate(handoff(BROKEN, { command: 'wg-fixup', after: left }));
    expect(check.status).toBe('fail');
    expect(check.detail).toBe(
      `the venvs are still broken after the fix-up \`wg-fixup\` at /workspace (built at ${FROM}): 1 of 2 venvs, 1 broken reference (stale prefix ${FROM}); first ${SITE}/_framework.pth: pth ${FROM}/framework/src — stale prefix ${FROM} (4 broken references as handed over)`,
    );
    expect(check.found?.map((f) => f.path)).toEqual([`${SITE}/_framework.pth`]);
  });

  test('fails when there is no venv at all, as handed over or after the fix-up', () => {
    const none: VenvCheck = { venvs: [], findings: [] };
    expect(gate(handoff(none))).toEqual({
      id: 'handoff-venvs',
      status: 'fail',
      detail:
        'no virtual environment (a folder with pyvenv.cfg) under /workspace as handed over: nothing an agent could run',
    });
    const check = gate(handoff(BROKEN, { command: 'rm -rf .venv', after: none }));
    expect(check.status).toBe('fail');
    expect(check.detail).toMatch(
      /^no virtual environment \(a folder with pyvenv\.cfg\) under \/workspace after the fix-up `rm -rf \.venv`: nothing an agent could run; they were broken as handed over/,
    );
  });

  test('fails when the venvs could not be checked, or the fix-up never ran', () => {
    const error: VenvCheck = { venvs: [], findings: [], error: 'venv-check.py exited 2: boom' };
    expect(gate(handoff(error)).detail).toBe(
      'the venvs could not be checked as handed over: venv-check.py exited 2: boom',
    );
    const notRun = gate(handoff(BROKEN, { command: 'wg-fixup' }));
    expect(notRun.status).toBe('fail');
    expect(notRun.detail).toMatch(/; not checked after the fix-up `wg-fixup`, which did not run$/);
    // Nothing was broken: the fix-up had nothing to repair.
    expect(gate(handoff(WORKING, { command: 'wg-fixup' })).status).toBe('pass');
  });

  test('is left out when skipped, and without handoff mount', () => {
    expect(
      checkOf('handoff-venvs', e2eWith(handoff(BROKEN)), facts(), { skipChecks: ['handoff-venvs'] }),
    ).toBe(undefined);
    expect(checkOf('handoff-venvs', e2eOf([]), facts())).toBeUndefined();
  });
});

describe('handoff-venvs in a Report', () => {
  function reportOf(h: HandedOver) {
    const report = newReport('e2e', new Date('2026-01-01T00:00:00Z'));
    report.e2e = e2eWith(h);
    addVerdicts(report, judgeEach(configWith(), { command: 'e2e', e2e: report.e2e, e2eFacts: facts() }));
    return finishReport(report, new Date('2026-01-01T00:00:10Z'));
  }

  test('a failed check is a failure with its remedy, and its findings are read in every output', () => {
    const report = reportOf(handoff(BROKEN, { command: 'wg-fixup', after: BROKEN }));
    expect(validateReport(report)).toEqual([]);
    expect(report.verdict).toBe('fail');
    expect(report.failures.map((f) => f.gate)).toContain('handoff-venvs');
    expect(remedyFor('handoff-venvs')).toMatch(/entry-point rewrite .* `handoff-fixup`.*`make setup`/);
    const note = `shebang #!${FROM}/.venv/bin/python — stale prefix ${FROM}`;
    expect(renderers.summary(report)).toContain(`found \`.venv/bin/ruff\` · ${mdText(note)}`);
    expect(renderers.html(report)).toContain(`shebang #!${FROM}/.venv/bin/python — stale prefix ${FROM}`);
    expect(renderers.junit(report)).toContain(`found: .venv/bin/ruff; ${note}`);
  });

  test('the measurement validates with both checks, and a check that could not run', () => {
    const report = reportOf(
      handoff({ venvs: [], findings: [], error: 'no python3' }, { command: 'x', after: WORKING }),
    );
    expect(validateReport(report)).toEqual([]);
    const bad = structuredClone(report);
    if (bad.e2e?.handedOver) (bad.e2e.handedOver as { mode: string }).mode = 'clone';
    expect(validateReport(bad)).not.toEqual([]);
  });
});
