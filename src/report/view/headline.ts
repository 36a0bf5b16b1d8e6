// What a reader must see first: the verdict in words, what was gated and how
// long it took, the key figures (as cards for people, as raw numbers for the
// action's outputs), why a run could not finish, and the advice.
import { recordedHeadline } from '../../model/figures/proved-runs.js';
import { formatRatio, formatSeconds } from '../../model/numbers.js';
import type { LinkMode, Report, Verdict } from '../../model/report.js';
import { ERROR_REMEDY } from '../remedies.js';
import type { BaselineView, ImageView } from './image.js';
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

export function headline(report: Report): Headline {
  const n = report.failures.length;
  const what =
    report.verdict === 'pass'
      ? 'every gate passed'
      : report.verdict === 'fail'
        ? `${n} gate${n === 1 ? '' : 's'} failed`
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
