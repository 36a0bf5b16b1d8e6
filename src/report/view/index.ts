// The view model: everything the Markdown summary, the HTML page, JUnit, the
// PR comment, the action's outputs and the annotations show, worked out once
// from the Report. The renderers only add markup (escaping, table syntax), so
// a change to what a reader is told is made here, once, for every output.

import { overheadLine } from '../../model/figures/overhead-line.js';
import { formatRatio } from '../../model/numbers.js';
import type { Report } from '../../model/report.js';
import { formatInterval } from '../format.js';
import { type AuditView, auditGates, auditView } from './audit.js';
import { type BuildStepsView, buildStepsView } from './build-steps.js';
import {
  type CheckView,
  checkView,
  type FailureGroup,
  type FailureView,
  failureGroups,
  failureView,
  shownOrder,
  type Tally,
  tally,
  unshownFailures,
} from './checks.js';
import { concurrentRows, e2eSettings, lockRows } from './concurrent.js';
import { GLOSSARY, type GlossaryEntry } from './glossary.js';
import {
  type Card,
  cards,
  type ErrorView,
  errorView,
  type Figures,
  figures,
  type Headline,
  headline,
} from './headline.js';
import { type HostsView, hostsView } from './hosts.js';
import { type BaselineView, baselineView, type ImageView, imageView } from './image.js';
import { type LayoutView, layoutViews, type SetupChart, setupChart } from './layouts.js';
import { type MatrixView, matrixView } from './matrix.js';
import { type ProfileView, profileView } from './profile.js';
import { roleLines } from './roles.js';
import { failedPhaseLogs, type PhaseLog, type RunsTable, runsAbout, runsTable } from './runs.js';

export interface E2eView {
  template: { source: string; ref: string };
  /** The template's data answers, `key=value`. */
  data: string[];
  uvVersion?: string;
  /** How the e2e ran, in words. */
  settings: string[];
  /** Who did what (the scaffolder, the developers), one line each; empty for a report without roles. */
  roles: string[];
  /** The runs table's caption. */
  runsAbout: string;
  runs: RunsTable;
  layouts: LayoutView[];
  /** `1.4×`: warm setup, separate ÷ shared. */
  layoutRatio?: string;
  /** `1.2× … 1.5×`: the layout ratio's 95 % interval. */
  layoutRatioInterval?: string;
  /** The words the timings use, explained; empty when no layout was measured. */
  glossary: readonly GlossaryEntry[];
  /** "worker-gate's own time: 3.1 s of 62.0 s (5 %): workers 1.2 s, …" (reports before it have none). */
  overhead?: string;
  concurrent: string[][];
  locks: string[][];
  profile: ProfileView;
}

export interface View {
  headline: Headline;
  cards: Card[];
  figures: Figures;
  error?: ErrorView;
  /** Every failure, in the order found. */
  failures: FailureView[];
  failureGroups: FailureGroup[];
  /** Failures no check, audit or phase row shows. */
  unshownFailures: FailureView[];
  /** In the report's order; `shownChecks` has them failed first, then warned, then passed. */
  checks: CheckView[];
  shownChecks: CheckView[];
  tally: Tally;
  /** Every check that warned: the image's and each audited container's. */
  warningCount: number;
  image?: ImageView;
  build?: BuildStepsView;
  baseline?: BaselineView;
  audit?: AuditView;
  /** An audit over several engines: the fleet table, the rules across hosts, each host's audit. */
  hosts?: HostsView;
  /** A merged report's grid and cells. */
  matrix?: MatrixView;
  e2e?: E2eView;
  chart: SetupChart;
  logs: PhaseLog[];
}

function e2eView(report: Report): E2eView | undefined {
  const e2e = report.e2e;
  if (!e2e) return undefined;
  const view: E2eView = {
    template: { source: e2e.template.source, ref: e2e.template.ref },
    data: Object.entries(e2e.template.data).map(([k, v]) => `${k}=${v}`),
    settings: e2eSettings(e2e),
    roles: roleLines(e2e),
    runsAbout: runsAbout(e2e),
    runs: runsTable(e2e),
    layouts: layoutViews(e2e),
    concurrent: concurrentRows(e2e),
    locks: lockRows(e2e),
    profile: profileView(e2e),
    glossary: e2e.layouts.length > 0 ? GLOSSARY : [],
  };
  if (e2e.uvVersion) view.uvVersion = e2e.uvVersion;
  if (e2e.overhead) view.overhead = overheadLine(e2e.overhead);
  if (e2e.layoutRatio !== undefined) view.layoutRatio = formatRatio(e2e.layoutRatio);
  if (e2e.layoutRatioInterval)
    view.layoutRatioInterval = formatInterval(e2e.layoutRatioInterval, formatRatio);
  return view;
}

export function buildView(report: Report): View {
  const failures = report.failures.map((f) => failureView(report, f));
  const checks = report.checks.map((c) => checkView(report, c));
  const shown = auditGates(report);
  for (const c of checks) if (c.status === 'fail') shown.add(c.id);
  const image = imageView(report);
  const baseline = baselineView(report);
  const f = figures(report);
  const view: View = {
    headline: headline(report),
    cards: cards(report, image, baseline, f),
    figures: f,
    failures,
    failureGroups: failureGroups(report, failures),
    unshownFailures: unshownFailures(report, failures, shown),
    checks,
    shownChecks: shownOrder(checks),
    tally: tally(report.checks),
    warningCount: [
      ...report.checks,
      ...[report.audit, ...(report.hosts ?? []).map((h) => h.audit)].flatMap(
        (audit) => audit?.containers.flatMap((c) => c.checks) ?? [],
      ),
    ].filter((check) => check.status === 'warn').length,
    chart: setupChart(report.e2e),
    logs: failedPhaseLogs(report),
  };
  const error = errorView(report);
  if (error) view.error = error;
  if (image) view.image = image;
  const build = buildStepsView(report);
  if (build) view.build = build;
  if (baseline) view.baseline = baseline;
  const audit = auditView(report);
  if (audit) view.audit = audit;
  const hosts = hostsView(report);
  if (hosts) view.hosts = hosts;
  const matrix = matrixView(report);
  if (matrix) view.matrix = matrix;
  const e2e = e2eView(report);
  if (e2e) view.e2e = e2e;
  return view;
}
