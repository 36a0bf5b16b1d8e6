// What a reader must see first: the verdict in words, what was gated and how
// long it took, the key figures (as cards for people, as raw numbers for the
// action's outputs), why a run could not finish, and the advice.
import { recordedHeadline } from '../../model/figures/proved-runs.js';
import { formatRatio, formatSeconds } from '../../model/numbers.js';
import type { LinkMode, Report, Verdict } from '../../model/report.js';
import { ERROR_REMEDY } from '../remedies.js';
import { auditGates } from './audit.js';
import { hostsWhat } from './hosts.js';
import type { BaselineView, ImageView } from './image.js';
import { matrixWhat } from './matrix.js';
import { isPhaseGate } from './phases.js';
import { largestWarmCause } from './profile.js';

export interface Headline {
  verdict: Verdict;
  /** `every gate passed`, `2 gates failed`, `the run could not finish`. */
  what: string;
  command: string;
  seconds: number;
  duration: string;
  startedAt: string;
  version: string;
  schemaVersion: number;
  advice?: string;
  largestCause?: string;
}

export interface Card {
  kind: 'image-size' | 'size-change' | 'cold' | 'warm' | 'speedup' | 'layout-ratio' | 'failed';
  /** As a table heading, and the shorter form a card has room for. */
  label: string;
  shortLabel: string;
  value: string;
  /** A second figure (the change in percent). */
  sub?: string;
  tone?: 'up' | 'down' | 'bad';
  /** The link mode behind the warm figure. */
  linkMode?: LinkMode;
}

/** The figures the action's outputs give as numbers beside the image's and the baseline's. */
export interface Figures {
  /** Each failed gate once. */
  failedGates: string[];
  /** The recorded cause of an error, whatever the verdict. */
  errorMessage?: string;
  /** The headline setup figures, when the e2e measured them. */
  setup?: { coldSeconds: number | null; warmSeconds?: number; speedup: number | null };
  linkMode?: LinkMode;
  layoutRatio?: number;
}

export interface ErrorView {
  /** The recorded cause, when there is one. */
  message?: string;
  /** The cause as told: the recorded one, else that none was recorded. */
  cause: string;
  detail?: string;
  remedy: string;
}

const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * What failed, in words that agree with the counts shown below it: the checks
 * (the checks table's "failed"), the end-to-end phases, the build, and for an
 * audit the workers that failed their checks.
 */
function failedInWords(report: Report): string {
  const failedChecks = new Set(report.checks.filter((c) => c.status === 'fail').map((c) => c.id));
  const audit = auditGates(report);
  const kinds = { check: 0, phase: 0, build: 0, audit: 0, other: 0 };
  for (const { gate } of report.failures) {
    if (failedChecks.has(gate)) kinds.check += 1;
    else if (audit.has(gate)) kinds.audit += 1;
    else if (isPhaseGate(gate)) kinds.phase += 1;
    else if (gate === 'build') kinds.build += 1;
    else kinds.other += 1;
  }
  const parts = [
    kinds.build > 0 ? 'the build' : '',
    kinds.check > 0 ? counted(kinds.check, 'check') : '',
    kinds.phase > 0 ? counted(kinds.phase, 'end-to-end phase') : '',
    kinds.other > 0 ? counted(kinds.other, 'other gate') : '',
  ].filter(Boolean);
  const containers = report.audit?.containers ?? [];
  if (kinds.audit > 0) {
    const failing = containers.filter((c) => c.checks.some((k) => k.status === 'fail')).length;
    const noun = containers.every((c) => c.role !== 'scaffolder') ? 'worker' : 'container';
    const workers = `${failing} of ${counted(containers.length, noun)} failed ${counted(kinds.audit, 'check')}`;
    if (parts.length === 0) return workers;
    parts.push(workers);
  }
  const [only] = parts;
  if (parts.length === 1 && only) return `${only} failed`;
  const n = report.failures.length;
  return `${counted(n, 'gate')} failed: ${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

export function headline(report: Report): Headline {
  const what = report.cells
    ? matrixWhat(report.cells)
    : report.hosts
      ? hostsWhat(report)
      : report.verdict === 'pass'
        ? 'every gate passed'
        : report.verdict === 'fail'
          ? failedInWords(report)
          : 'the run could not finish';
  const view: Headline = {
    verdict: report.verdict,
    what,
    command: report.command,
    seconds: report.durationSeconds,
    duration: formatSeconds(report.durationSeconds),
    startedAt: report.startedAt,
    version: report.tool.version,
    schemaVersion: report.schemaVersion,
  };
  if (report.e2e?.advice) view.advice = report.e2e.advice;
  const cause = largestWarmCause(report.e2e);
  if (cause) view.largestCause = cause;
  return view;
}

export function figures(report: Report): Figures {
  const out: Figures = { failedGates: [...new Set(report.failures.map((f) => f.gate))] };
  if (report.error?.message !== undefined) out.errorMessage = report.error.message;
  const setup = report.e2e?.setup;
  if (setup) {
    out.setup = { coldSeconds: setup.coldSeconds, speedup: setup.speedup };
    if (setup.warmSeconds) out.setup.warmSeconds = setup.warmSeconds.median;
  }
  // The setup figures come from the headline layout, so its link mode goes with them.
  const layout = report.e2e ? recordedHeadline(report.e2e) : undefined;
  if (layout) out.linkMode = layout.linkMode;
  if (report.e2e?.layoutRatio !== undefined) out.layoutRatio = report.e2e.layoutRatio;
  return out;
}

export function cards(
  report: Report,
  image: ImageView | undefined,
  baseline: BaselineView | undefined,
  f: Figures,
): Card[] {
  const out: Card[] = [];
  if (image)
    out.push({ kind: 'image-size', label: 'Image size', shortLabel: 'Image size', value: image.size });
  if (baseline) {
    const card: Card = {
      kind: 'size-change',
      label: 'Change vs baseline',
      shortLabel: 'Change vs baseline',
      value: baseline.change,
      sub: baseline.changePercent,
    };
    if (baseline.deltaBytes !== 0) card.tone = baseline.deltaBytes > 0 ? 'up' : 'down';
    out.push(card);
  }
  const setup = f.setup;
  if (setup) {
    out.push({
      kind: 'cold',
      label: 'Cold setup',
      shortLabel: 'Cold setup',
      value: formatSeconds(setup.coldSeconds),
    });
    const warm: Card = {
      kind: 'warm',
      label: 'Warm setup (median)',
      shortLabel: 'Warm median',
      value: formatSeconds(setup.warmSeconds),
    };
    if (f.linkMode) warm.linkMode = f.linkMode;
    out.push(warm);
    out.push({ kind: 'speedup', label: 'Speedup', shortLabel: 'Speedup', value: formatRatio(setup.speedup) });
  }
  if (f.layoutRatio !== undefined)
    out.push({
      kind: 'layout-ratio',
      label: 'Separate ÷ shared warm',
      shortLabel: 'Separate ÷ shared',
      value: formatRatio(f.layoutRatio),
    });
  if (report.failures.length > 0)
    out.push({
      kind: 'failed',
      label: 'Failed gates',
      shortLabel: 'Failed gates',
      value: String(report.failures.length),
      tone: 'bad',
    });
  return out;
}

export function errorView(report: Report): ErrorView | undefined {
  if (report.verdict !== 'error') return undefined;
  const view: ErrorView = { cause: report.error?.message ?? 'no cause was recorded', remedy: ERROR_REMEDY };
  if (report.error?.message !== undefined) view.message = report.error.message;
  if (report.error?.detail) view.detail = report.error.detail;
  return view;
}
