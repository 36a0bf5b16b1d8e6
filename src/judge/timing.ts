// Timing gates: each compares medians measured in this run, never one run's
// time (one run is noise), and only proved runs count (a "warm" run that
// downloaded measured a cold setup): with no proved cold run or no proved warm
// run the gate fails and says why. They judge a scenario that ran to its end:
// a failed phase already fails the run.
//
// The rule at the limit (noise-interval.ts): a gate judges the figure the
// report records (the warm median to the millisecond, the speed-up and the
// layout ratio to two decimals, src/model/figures/) with its recorded 95 %
// interval, widened by ±timing-noise: wholly past the limit fails, containing
// it warns. It prints them in the same digits it judges them, so its verdict
// never contradicts the numbers beside it. No gate computes a figure of its own.
import { optionNamed } from '../config/options.js';
import { byLayout, provedSetups, type TimedSetup } from '../model/figures/proved-runs.js';
import { formatNumber as fmt } from '../model/numbers.js';
import type { CacheLayout, Check, E2eReport, Interval } from '../model/report.js';
import type { Gate, GateCheck } from './gate.js';
import { judgeWithNoise, noiseRule } from './noise-interval.js';

const MAX_WARM_SETUP_SECONDS: GateCheck = {
  id: 'max-warm-setup-seconds',
  stage: 'timing',
  off: 'it runs only when max-warm-setup-seconds is set',
  remedy:
    'Look at the link mode of the warm runs: `copy-fallback` means the uv cache and the project sit on two mounts and uv copies every file (compare the layouts). Otherwise raise `max-warm-setup-seconds`.',
  explain: ({ maxWarmSetupSeconds, timingNoisePercent }) =>
    maxWarmSetupSeconds === undefined
      ? undefined
      : noiseRule('median warm setup', 'max', `${maxWarmSetupSeconds} s`, timingNoisePercent),
};

const MIN_SETUP_SPEEDUP: GateCheck = {
  id: 'min-setup-speedup',
  stage: 'timing',
  off: 'it runs only when min-setup-speedup is set',
  remedy:
    'Check that the warm runs were proved warm and how uv linked files; a shared cache that barely helps is usually one that copies. Otherwise lower `min-setup-speedup`.',
  explain: ({ minSetupSpeedup, timingNoisePercent }) =>
    minSetupSpeedup === undefined
      ? undefined
      : noiseRule('cold / warm median', 'min', `${minSetupSpeedup}×`, timingNoisePercent),
};

const MAX_LAYOUT_RATIO: GateCheck = {
  id: 'max-layout-ratio',
  stage: 'timing',
  off: 'it runs only when max-layout-ratio is set',
  remedy:
    'Put the uv cache and the workspaces inside one mount (the shared layout) so uv can hard-link, or raise `max-layout-ratio` if the copying is accepted.',
  explain: ({ maxLayoutRatio, timingNoisePercent }) =>
    maxLayoutRatio === undefined
      ? undefined
      : noiseRule('separate / shared warm median', 'max', `${maxLayoutRatio}`, timingNoisePercent),
};

/** The fix the option table names for a layout ratio without both layouts: `set cache-layout to both`. */
function layoutRatioFix(): string {
  const needs = optionNamed(MAX_LAYOUT_RATIO.id)?.needs;
  if (!needs?.value)
    throw new Error(`internal: the option table says nothing of what ${MAX_LAYOUT_RATIO.id} needs`);
  return `set ${needs.option} to ${needs.value}`;
}

interface TimingGateOptions {
  maxWarmSetupSeconds?: number;
  minSetupSpeedup?: number;
  maxLayoutRatio?: number;
  timingNoisePercent: number;
}

interface LayoutFigures {
  layout: CacheLayout;
  cold: TimedSetup[];
  warm: TimedSetup[];
  /** The recorded cold median, when a cold run was proved. */
  coldMedian?: number;
  /** The recorded warm median and speed-up of the layout, with their intervals when recorded. */
  median?: number;
  medianInterval?: Interval;
  speedup?: number;
  speedupInterval?: Interval;
  /** Why there is no cold or no warm figure, when there is none. */
  missing?: string;
}

function runList(runs: readonly TimedSetup[]): string {
  return `${runs.length === 1 ? 'run' : 'runs'} ${runs.map((r) => r.run?.index).join(', ')}`;
}

function figuresOf(e2e: E2eReport, layout: CacheLayout): LayoutFigures {
  const runs = e2e.runs.filter((r) => r.layout === layout);
  const coldRun = runs.find((r) => r.kind === 'cold');
  const figures: LayoutFigures = { layout, ...provedSetups(e2e, layout) };
  const layoutResult = byLayout(e2e.layouts)[layout];
  const warm = layoutResult?.warmSetupSeconds;
  if (warm) figures.median = warm.median;
  if (layoutResult && layoutResult.coldSetupSeconds !== null)
    figures.coldMedian = layoutResult.coldSetupSeconds;
  if (warm?.interval) figures.medianInterval = warm.interval;
  if (layoutResult?.speedup !== null && layoutResult?.speedup !== undefined)
    figures.speedup = layoutResult.speedup;
  if (layoutResult?.speedupInterval) figures.speedupInterval = layoutResult.speedupInterval;
  if (figures.cold.length === 0) {
    figures.missing = coldRun
      ? `no proved cold run in the ${layout} layout (run ${coldRun.index} was ${coldRun.provedState ?? 'not measured'}${
          coldRun.downloads !== undefined ? `, ${coldRun.downloads} downloads` : ''
        })`
      : `no proved cold run in the ${layout} layout (it did not run)`;
  } else if (figures.warm.length === 0 || figures.median === undefined) {
    const warm = runs.filter((r) => r.kind === 'warm');
    const why = warm.map(
      (r) =>
        `run ${r.index} ${r.provedState ?? 'not measured'}${r.downloads ? ` (${r.downloads} downloads)` : ''}`,
    );
    figures.missing = `no proved warm run in the ${layout} layout${why.length > 0 ? ` (${why.join(', ')})` : ''}`;
  }
  return figures;
}

/** The recorded headline layout's figures (no layout ran: the separate one's, which say so). */
function headlineFigures(e2e: E2eReport): LayoutFigures {
  return figuresOf(e2e, e2e.headlineLayout ?? 'separate');
}

function warmText(f: LayoutFigures): string {
  return `warm setup median ${fmt(f.median ?? 0)} s (${f.layout} layout, ${runList(f.warm)}: ${f.warm
    .map((w) => fmt(w.seconds))
    .join(', ')} s)`;
}

/** One cold run by who ran it; several by their median and each run's seconds, as warmText. */
function coldText(f: LayoutFigures, median: number): string {
  const [only] = f.cold;
  if (f.cold.length === 1 && only) return `cold setup ${fmt(only.seconds)} s in ${only.who}`;
  return `cold setup median ${fmt(median)} s (${f.cold.map((c) => c.who).join(', ')}: ${f.cold
    .map((c) => fmt(c.seconds))
    .join(', ')} s)`;
}

const seconds = (v: number) => `${fmt(v)} s`;
const times = (v: number) => `${fmt(v)}×`;

export function maxWarmSetupGate(e2e: E2eReport, limit: number, noisePercent: number): Check {
  const { id } = MAX_WARM_SETUP_SECONDS;
  const f = headlineFigures(e2e);
  if (f.missing)
    return { id, status: 'fail', detail: `${f.missing}: cannot compare with ${id} ${fmt(limit)} s` };
  const judged = judgeWithNoise({
    figure: f.median as number,
    ...(f.medianInterval ? { interval: f.medianInterval } : {}),
    noisePercent,
    limit,
    side: 'max',
    decimals: 3,
    unit: seconds,
    option: id,
  });
  return { id, status: judged.status, detail: `${warmText(f)}: ${judged.words}` };
}

export function minSetupSpeedupGate(e2e: E2eReport, minimum: number, noisePercent: number): Check {
  const { id } = MIN_SETUP_SPEEDUP;
  const f = headlineFigures(e2e);
  if (f.missing || f.coldMedian === undefined || f.speedup === undefined)
    return { id, status: 'fail', detail: `${f.missing}: cannot compare with ${id} ${fmt(minimum)}×` };
  const judged = judgeWithNoise({
    figure: f.speedup,
    ...(f.speedupInterval ? { interval: f.speedupInterval } : {}),
    noisePercent,
    limit: minimum,
    side: 'min',
    decimals: 2,
    unit: times,
    option: id,
  });
  return {
    id,
    status: judged.status,
    detail: `setup speedup ${fmt(f.speedup)}× (${coldText(f, f.coldMedian)} / ${warmText(f)}): ${judged.words}`,
  };
}

export function maxLayoutRatioGate(e2e: E2eReport, maximum: number, noisePercent: number): Check {
  const { id } = MAX_LAYOUT_RATIO;
  const ran = new Set(e2e.layouts.map((l) => l.layout));
  if (!ran.has('separate') || !ran.has('shared')) {
    return {
      id,
      status: 'fail',
      detail: `${id} compares the separate and the shared layout, but only ${[...ran].join(' and ') || 'no layout'} ran: ${layoutRatioFix()}`,
    };
  }
  const separate = figuresOf(e2e, 'separate');
  const shared = figuresOf(e2e, 'shared');
  const missing = [separate.missing, shared.missing].filter(Boolean);
  const value = e2e.layoutRatio;
  if (missing.length > 0 || value === undefined)
    return { id, status: 'fail', detail: `${missing.join('; ')}: cannot compare with ${id} ${fmt(maximum)}` };
  const judged = judgeWithNoise({
    figure: value,
    ...(e2e.layoutRatioInterval ? { interval: e2e.layoutRatioInterval } : {}),
    noisePercent,
    limit: maximum,
    side: 'max',
    decimals: 2,
    unit: fmt,
    option: id,
  });
  return {
    id,
    status: judged.status,
    detail: `layout ratio ${fmt(value)} (${warmText(separate)} / ${warmText(shared)}): ${judged.words}`,
  };
}

/** The timing gates that are set, in a fixed order. */
function timingGates(e2e: E2eReport, options: TimingGateOptions): Check[] {
  const checks: Check[] = [];
  const noise = options.timingNoisePercent;
  if (options.maxWarmSetupSeconds !== undefined)
    checks.push(maxWarmSetupGate(e2e, options.maxWarmSetupSeconds, noise));
  if (options.minSetupSpeedup !== undefined)
    checks.push(minSetupSpeedupGate(e2e, options.minSetupSpeedup, noise));
  if (options.maxLayoutRatio !== undefined)
    checks.push(maxLayoutRatioGate(e2e, options.maxLayoutRatio, noise));
  return checks;
}

export const TIMING: Gate = {
  family: 'timing',
  checks: [MAX_WARM_SETUP_SECONDS, MIN_SETUP_SPEEDUP, MAX_LAYOUT_RATIO],
  judge(config, { e2e, e2eFacts }) {
    if (!e2e || !e2eFacts?.finished) return {};
    return { checks: timingGates(e2e, config).map((check) => ({ check })) };
  },
};
