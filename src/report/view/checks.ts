// The checks and the failed gates as every renderer shows them: each check with
// its status, detail and findings (and, when it failed, what to do and where),
// the failed gates grouped by family with one remedy per group, and the
// failures that no check or phase row already shows.

import { venvFindingNote } from '../../e2e/evidence/venv-findings.js';
import { annotationPlace, stageOfCheck } from '../../judge/registry.js';
import type { CheckStage } from '../../model/checks.js';
import { instructionOf } from '../../model/layers/history.js';
import type { Check, CheckStatus, Failure, Finding, Report } from '../../model/report.js';
import { gateScopes, splitScope } from '../../model/scoped-gate.js';
import { gateFamily, groupByFamily, remedyFor } from '../remedies.js';
import { isPhaseGate, phaseFailed } from './phases.js';

/** Where a failure points: a file, a line, and the instruction at that line when a layer came from it. */
export interface Place {
  file: string;
  line?: number;
  instruction?: string;
}

export interface FindingView {
  path: string;
  version?: string;
  layer?: { index: number; line?: number; instruction: string; createdBy: string };
  requiredBy?: string[];
  allowedReason?: string;
  /** handoff-venvs: what is broken in the file (`shebang #!/data/…/python — stale prefix /data/…`). */
  note?: string;
  /** The line of the user's file it is about, for an annotation. */
  source?: { file: string; line?: number };
}

export interface CheckView {
  id: string;
  status: CheckStatus;
  stage: CheckStage;
  detail: string;
  findings: FindingView[];
  /** What to do, for a failed check. */
  remedy?: string;
  /** Where its failure points, for a failed check that points somewhere. */
  place?: Place;
}

export interface FailureView {
  /** As the report records it: `<cell>:<gate>` or `<host>:<gate>` in a report of many runs. */
  gate: string;
  /** The cell or host whose run failed it, in a report of many runs. */
  scope?: string;
  /** The gate as its own run named it (`gate` without the scope). */
  ownGate: string;
  /** The gate within its family (`pytest` of `forbid-package:pytest`), else the gate. */
  name: string;
  message: string;
  place?: Place;
  /** The paths that grew are told beside it, and each layer that grew is pointed at (the size gate). */
  showsGrowth: boolean;
}

export interface FailureGroup {
  family: string;
  members: FailureView[];
  remedy: string;
  /** The one place all members point at, when they share it. */
  place?: Place;
}

export interface Tally {
  pass: number;
  fail: number;
  warn: number;
}

function placeOf(report: Report, at: { file?: string; line?: number }): Place | undefined {
  if (!at.file) return undefined;
  const place: Place = { file: at.file };
  if (!at.line) return place;
  place.line = at.line;
  const createdBy = report.image?.layers.find((l) => l.dockerfileLine === at.line)?.createdBy;
  if (createdBy) place.instruction = instructionOf(createdBy);
  return place;
}

function findingView(f: Finding): FindingView {
  const view: FindingView = { path: f.path };
  if (f.version) view.version = f.version;
  if (f.layer) {
    view.layer = {
      index: f.layer.index,
      instruction: instructionOf(f.layer.createdBy),
      createdBy: f.layer.createdBy,
    };
    if (f.layer.dockerfileLine) view.layer.line = f.layer.dockerfileLine;
  }
  if (f.requiredBy?.length) view.requiredBy = f.requiredBy;
  if (f.allowedReason) view.allowedReason = f.allowedReason;
  if (f.kind) {
    view.note = venvFindingNote({
      kind: f.kind,
      path: f.target,
      message: f.message,
      stalePrefix: f.stalePrefix,
    });
  }
  if (f.source) view.source = { ...f.source };
  return view;
}

/** A check, and for a failed one the remedy and place of the gate it is recorded under. */
export function checkView(report: Report, check: Check, gate = check.id): CheckView {
  const view: CheckView = {
    id: check.id,
    status: check.status,
    stage: stageOfCheck(check.id),
    detail: check.detail,
    findings: (check.found ?? []).map(findingView),
  };
  if (check.status === 'fail') {
    view.remedy = remedyFor(gate);
    const failure = report.failures.find((f) => f.gate === gate);
    const place = failure && placeOf(report, failure);
    if (place) view.place = place;
  }
  return view;
}

const ORDER = { fail: 0, warn: 1, pass: 2 } as const;

/** Failed checks first, then warnings, then the passed ones, each in the report's order. */
export function shownOrder(checks: readonly CheckView[]): CheckView[] {
  return [...checks].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
}

export function tally(checks: readonly Check[]): Tally {
  const count = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  return { pass: count('pass'), fail: count('fail'), warn: count('warn') };
}

export function failureView(report: Report, f: Failure): FailureView {
  const { scope, gate } = splitScope(f.gate, gateScopes(report));
  const view: FailureView = {
    gate: f.gate,
    ownGate: gate,
    name: gateFamily(gate).name ?? f.gate,
    message: f.message,
    showsGrowth: annotationPlace(f.gate) === 'grown-layers',
  };
  if (scope !== undefined) view.scope = scope;
  const place = placeOf(report, f);
  if (place) view.place = place;
  return view;
}

/** The failures grouped by family (six forbidden commands from one `pip install` share one remedy). */
export function failureGroups(report: Report, failures: readonly FailureView[]): FailureGroup[] {
  const own = (f: FailureView) =>
    f.scope === undefined ? { gate: f.ownGate } : { gate: f.ownGate, scope: f.scope };
  return groupByFamily(failures, own).map(({ family, members }) => {
    const group: FailureGroup = { family, members, remedy: remedyFor(...members.map((m) => m.ownGate)) };
    const shared = sharedPlace(report, members);
    if (members.length > 1 && shared) group.place = shared;
    return group;
  });
}

function sharedPlace(report: Report, members: readonly FailureView[]): Place | undefined {
  const first = members[0]?.place;
  if (!first) return undefined;
  const same = members.every((m) => m.place?.file === first.file && m.place.line === first.line);
  return same ? placeOf(report, first) : undefined;
}

/** Failures that no check or phase row already shows (a build failure, a timing gate with no check, ...). */
export function unshownFailures(
  report: Report,
  failures: readonly FailureView[],
  shownGates: ReadonlySet<string>,
): FailureView[] {
  const anyPhaseFailed = (report.e2e?.runs ?? []).some((r) => r.phases.some(phaseFailed));
  return failures.filter((f) => !shownGates.has(f.gate) && !(anyPhaseFailed && isPhaseGate(f.gate)));
}
