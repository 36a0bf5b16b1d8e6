// handoff-venvs (with handoff mount): the scaffolder built the project's venvs
// under its own workspace path, and a developer worker sees them at another.
// Their shebangs, .pth paths and direct_url.json then name the old prefix, and
// an agent's `make lint` finds a ruff that cannot start. The venvs are checked
// as handed over and, when handoff-fixup was given, after the fix-up: fail when
// they are broken in the end (or there are none), warn when the fix-up
// repaired them, pass when nothing was broken. skip-checks turns it off.

import { brokenCount, venvFindingText, venvsWork } from '../e2e/evidence/venv-findings.js';
import { isSkipped } from '../model/checks.js';
import type { Check, Finding, HandedOver, VenvCheck, VenvFinding } from '../model/report.js';
import { listWords } from '../model/text.js';
import type { Gate, GateCheck } from './gate.js';

const CHECK: GateCheck = {
  id: 'handoff-venvs',
  stage: 'e2e',
  off: 'skip',
  remedy:
    'The venvs were built at the scaffolder’s path and name it in their shebangs, `.pth` files and `direct_url.json`. Run the platform’s entry-point rewrite before the agent starts (give it as `handoff-fixup`): it replaces the old prefix with the mount path in `bin/*` shebangs, `site-packages/*.pth` and editable finder modules, and `*.dist-info/direct_url.json`. Or rebuild the venvs in the worker with `make setup`, or build them at the same path the workers mount. A venv whose base Python is missing needs a rebuild.',
  explain: (config) =>
    config.handoff === 'mount' ? 'the handed-over venvs work (after handoff-fixup when given)' : undefined,
};

function found(findings: readonly VenvFinding[]): Finding[] {
  return findings.map((f) => ({
    path: f.file,
    kind: f.kind,
    ...(f.path ? { target: f.path } : {}),
    ...(f.message ? { message: f.message } : {}),
    ...(f.stalePrefix ? { stalePrefix: f.stalePrefix } : {}),
  }));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `1 of 3 venvs, 7 broken references (stale prefix /data/workspaces/project): .venv/bin/ruff: shebang …` */
function brokenWords(check: VenvCheck): string {
  const venvs = check.venvs.filter((v) => v.broken > 0).length;
  const prefixes = [...new Set(check.findings.flatMap((f) => (f.stalePrefix ? [f.stalePrefix] : [])))];
  const stale = prefixes.length > 0 ? ` (stale prefix ${listWords(prefixes)})` : '';
  const first = check.findings[0];
  return `${venvs} of ${plural(check.venvs.length, 'venv')}, ${plural(brokenCount(check), 'broken reference')}${stale}${first ? `; first ${venvFindingText(first)}` : ''}`;
}

function checkedWords(check: VenvCheck): string {
  const sum = (key: 'scripts' | 'pthPaths' | 'directUrls' | 'imports') =>
    check.venvs.reduce((n, v) => n + v[key], 0);
  return `${plural(sum('scripts'), 'script')}, ${plural(sum('pthPaths'), '.pth path')}, ${sum('directUrls')} direct_url.json and ${plural(sum('imports'), 'editable import')} checked`;
}

/** Why a check says nothing about the venvs, or undefined when it does. */
function unknown(check: VenvCheck, when: string, at: string): string | undefined {
  if (check.error !== undefined) return `the venvs could not be checked ${when}: ${check.error}`;
  if (check.venvs.length === 0)
    return `no virtual environment (a folder with pyvenv.cfg) under ${at} ${when}: nothing an agent could run`;
  return undefined;
}

function handoffCheck(handoff: HandedOver): Check {
  const { asHandedOver, afterFixup } = handoff.venvs;
  const where = `at ${handoff.path} (built at ${handoff.from})`;
  const fail = (detail: string, findings: readonly VenvFinding[] = []): Check => ({
    id: CHECK.id,
    status: 'fail',
    detail,
    ...(findings.length > 0 ? { found: found(findings) } : {}),
  });
  const asIs = unknown(asHandedOver, 'as handed over', handoff.path);
  if (asIs) return fail(asIs);
  if (venvsWork(asHandedOver)) {
    return {
      id: CHECK.id,
      status: 'pass',
      detail: `${plural(asHandedOver.venvs.length, 'venv')} work as handed over ${where}: ${checkedWords(asHandedOver)}`,
    };
  }
  const broken = `broken as handed over ${where}: ${brokenWords(asHandedOver)}`;
  if (handoff.fixup === undefined) return fail(`the venvs are ${broken}`, asHandedOver.findings);
  const fixup = `the fix-up \`${handoff.fixup}\``;
  if (!afterFixup) {
    return fail(
      `the venvs are ${broken}; not checked after ${fixup}, which did not run`,
      asHandedOver.findings,
    );
  }
  const after = unknown(afterFixup, `after ${fixup}`, handoff.path);
  if (after) return fail(`${after}; they were ${broken}`, asHandedOver.findings);
  if (!venvsWork(afterFixup)) {
    return fail(
      `the venvs are still broken after ${fixup} ${where}: ${brokenWords(afterFixup)} (${plural(brokenCount(asHandedOver), 'broken reference')} as handed over)`,
      afterFixup.findings,
    );
  }
  return {
    id: CHECK.id,
    status: 'warn',
    detail: `${fixup} repaired the venvs, ${broken}`,
    found: found(asHandedOver.findings),
  };
}

export const HANDOFF_VENVS: Gate = {
  family: CHECK.id,
  checks: [CHECK],
  judge(config, { e2e }) {
    const handoff = e2e?.handedOver;
    if (handoff?.mode !== 'mount' || isSkipped(CHECK.id, config.skipChecks)) return {};
    return { checks: [{ check: handoffCheck(handoff) }] };
  },
};
