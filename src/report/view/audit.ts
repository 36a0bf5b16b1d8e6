// The audit as every renderer shows it: one row per audited worker, one column
// per check, what each failing or warning check said, and one JUnit case per
// worker and check; the scaffolders (scaffolder-filters) likewise, in a table of
// their own, since they have checks of their own. Reads report.audit only.
import { auditGate } from '../../audit/checks.js';
import type { AuditContainer, AuditReport, Check, CheckStatus, Report } from '../../model/report.js';
import { shortImageId } from '../../model/text.js';
import { type CheckView, checkView } from './checks.js';
import type { Rich } from './rich.js';

/** The gates report.audit shows as checks (so no renderer shows them twice). */
export function auditGates(report: Report): Set<string> {
  const gates = new Set<string>();
  for (const c of report.audit?.containers ?? [])
    for (const check of c.checks) if (check.status === 'fail') gates.add(auditGate(check.id, c.name));
  return gates;
}

export interface AuditWorkerView {
  name: string;
  imageRef: string;
  shortId: string;
  /** The worker's checks, in the order it lists them. */
  checks: CheckView[];
  /** Per column: the check of that id, or undefined when the worker has none. */
  cells: (CheckView | undefined)[];
  /** The failing and warning checks, told below the table. */
  noted: CheckView[];
}

/** A warning several workers share, told once. */
export interface FoldedWarning {
  id: string;
  workers: string[];
  /** The first worker's words; `same` when every worker's are these. */
  detail: string;
  same: boolean;
}

export interface AuditView {
  /** What was audited: engine, filters, shared volume, expected image, measured layout cost. */
  about: Rich[];
  /** Check ids: those some worker fails first, then those some warn on, then the rest, each in the order the workers list them. */
  columns: string[];
  /** Failing workers first, then those with warnings, then the rest. */
  workers: AuditWorkerView[];
  /** The warnings on more than one worker, each once (left out of those workers' notes). */
  folded: FoldedWarning[];
  /** The scaffolders audited beside the workers, with their own columns. */
  scaffolders?: { columns: string[]; rows: AuditWorkerView[] };
}

const isScaffolder = (c: AuditContainer) => c.role === 'scaffolder';

function columns(containers: readonly AuditContainer[]): string[] {
  const ids: string[] = [];
  for (const c of containers) for (const check of c.checks) if (!ids.includes(check.id)) ids.push(check.id);
  return ids;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const codes = (values: readonly string[]): Rich =>
  values.flatMap((f, i) => (i === 0 ? [{ code: f }] : [' ', { code: f }]));

function about(audit: AuditReport): Rich[] {
  const has = (c: AuditContainer, s: CheckStatus) => c.checks.some((k: Check) => k.status === s);
  const workers = audit.containers.filter((c) => !isScaffolder(c));
  const failing = workers.filter((c) => has(c, 'fail')).length;
  const warning = workers.filter((c) => !has(c, 'fail') && has(c, 'warn')).length;
  const parts: Rich[] = [
    [
      `${plural(workers.length, 'worker')} on `,
      { code: audit.engine },
      `: ${failing} failing, ${warning} with warnings only`,
    ],
    audit.filters.length > 0 ? ['filters ', ...codes(audit.filters)] : ['every running container'],
    audit.cacheVolume
      ? ['shared cache volume ', { code: audit.cacheVolume }]
      : ['no cache volume shared by most'],
  ];
  if (audit.expectImage)
    parts.push([
      'expected image ',
      { code: audit.expectImage.ref },
      ' (',
      { code: shortImageId(audit.expectImage.id) },
      ')',
    ]);
  if (audit.layoutCost) {
    const c = audit.layoutCost;
    parts.push([
      `two mounts cost ${c.ratio.toFixed(2)}× on a warm setup (${c.separateWarmSeconds.toFixed(1)} s against ${c.sharedWarmSeconds.toFixed(1)} s, from ${c.report})`,
    ]);
  }
  const scaffolders = audit.containers.filter(isScaffolder);
  if (scaffolders.length > 0) {
    const warned = scaffolders.filter((c) => has(c, 'warn')).length;
    parts.push([
      `${plural(scaffolders.length, 'scaffolder')} beside them (${warned} with warnings), scaffolder filters `,
      ...codes(audit.scaffolderFilters ?? []),
    ]);
  }
  return parts;
}

function rowOf(report: Report, c: AuditContainer, ids: readonly string[]): AuditWorkerView {
  const checks = c.checks.map((k) => checkView(report, k, auditGate(k.id, c.name)));
  return {
    name: c.name,
    imageRef: c.image.ref,
    shortId: shortImageId(c.id),
    checks,
    cells: ids.map((id) => checks.find((k) => k.id === id)),
    noted: checks.filter((k) => k.status !== 'pass'),
  };
}

/** 0 when any of the checks fails, 1 when any warns, else 2: what a reader must see first sorts first. */
function severity(checks: readonly Check[]): number {
  if (checks.some((k) => k.status === 'fail')) return 0;
  return checks.some((k) => k.status === 'warn') ? 1 : 2;
}

/** The columns by severity across the workers (a stable sort keeps the workers' order within one). */
function byColumnSeverity(ids: readonly string[], containers: readonly AuditContainer[]): string[] {
  const of = (id: string) => severity(containers.flatMap((c) => c.checks.filter((k) => k.id === id)));
  return [...ids].sort((a, b) => of(a) - of(b));
}

/** A warning on more than one worker, once; those workers' notes keep the rest. */
function foldWarnings(rows: AuditWorkerView[]): FoldedWarning[] {
  const byId = new Map<string, { worker: string; detail: string }[]>();
  for (const row of rows)
    for (const k of row.noted)
      if (k.status === 'warn')
        byId.set(k.id, [...(byId.get(k.id) ?? []), { worker: row.name, detail: k.detail }]);
  const folded: FoldedWarning[] = [];
  for (const [id, on] of byId) {
    const [first] = on;
    if (on.length < 2 || !first) continue;
    folded.push({
      id,
      workers: on.map((w) => w.worker),
      detail: first.detail,
      same: on.every((w) => w.detail === first.detail),
    });
    for (const row of rows) row.noted = row.noted.filter((k) => k.status !== 'warn' || k.id !== id);
  }
  return folded;
}

export function auditView(report: Report): AuditView | undefined {
  const audit = report.audit;
  if (!audit || audit.containers.length === 0) return undefined;
  const workers = audit.containers
    .filter((c) => !isScaffolder(c))
    .sort((a, b) => severity(a.checks) - severity(b.checks));
  const ids = byColumnSeverity(columns(workers), workers);
  const rows = workers.map((c) => rowOf(report, c, ids));
  const view: AuditView = {
    about: about(audit),
    columns: ids,
    workers: rows,
    folded: foldWarnings(rows),
  };
  const scaffolders = audit.containers.filter(isScaffolder);
  if (scaffolders.length > 0) {
    const own = columns(scaffolders);
    view.scaffolders = { columns: own, rows: scaffolders.map((c) => rowOf(report, c, own)) };
  }
  return view;
}
