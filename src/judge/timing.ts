// Timing gates: each compares medians measured in this run, never one run's
// time (one run is noise), and only proved runs count (a "warm" run that
// downloaded measured a cold setup): with no proved cold run or no proved warm
// run the gate fails and says why. They judge a scenario that ran to its end:
// a failed phase already fails the run.
//
// The rule at the limit: a gate judges the figure the report records (the
// warm median to the millisecond, the speed-up and the layout ratio to two
// decimals, src/model/figures/) and prints it in the same digits, so its
// verdict never contradicts the number beside it: a speed-up of 1.0896 is
// recorded, printed and judged as 1.09, and meets a minimum of 1.09 (never
// "1.09× is below 1.09×"). No gate computes a figure of its own.
import type { Config } from '../config/index.js';
import { optionNamed } from '../config/options.js';
import { byLayout, provedSetups, type TimedSetup } from '../model/figures/proved-runs.js';
import { formatNumber as fmt } from '../model/numbers.js';
import type { CacheLayout, Check, E2eReport } from '../model/report.js';
import type { Gate, GateCheck } from './gate.js';

/** How explain says timing-noise widens a ratio gate. */
export function noiseWords(config: Pick<Config, 'timingNoisePercent'>): string {
  return ` (timing noise ${config.timingNoisePercent}%)`;
}

const MAX_WARM_SETUP_SECONDS: GateCheck = {
  id: 'max-warm-setup-seconds',
  stage: 'timing',
  off: 'it runs only when max-warm-setup-seconds is set',
  remedy:
    'Look at the link mode of the warm runs: `copy-fallback` means the uv cache and the project sit on two mounts and uv copies every file (compare the layouts). Otherwise raise `max-warm-setup-seconds`.',
  explain: ({ maxWarmSetupSeconds }) =>
    maxWarmSetupSeconds === undefined ? undefined : `median warm setup ≤ ${maxWarmSetupSeconds} s`,
};

const MIN_SETUP_SPEEDUP: GateCheck = {
  id: 'min-setup-speedup',
  stage: 'timing',
  off: 'it runs only when min-setup-speedup is set',
  remedy:
    'Check that the warm runs were proved warm and how uv linked files; a shared cache that barely helps is usually one that copies. Otherwise lower `min-setup-speedup`.',
  explain: ({ minSetupSpeedup }) =>
    minSetupSpeedup === undefined ? undefined : `cold / warm median ≥ ${minSetupSpeedup}`,
};

const MAX_LAYOUT_RATIO: GateCheck = {
  id: 'max-layout-ratio',
  stage: 'timing',
  off: 'it runs only when max-layout-ratio is set',
  remedy:
    'Put the uv cache and the workspaces inside one mount (the shared layout) so uv can hard-link, or raise `max-layout-ratio` if the copying is accepted.',
  explain: (config) =>
    config.maxLayoutRatio === undefined
      ? undefined
      : `separate / shared warm median ≤ ${config.maxLayoutRatio}${noiseWords(config)}`,
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
}

interface LayoutFigures {
  layout: CacheLayout;
  cold?: TimedSetup;
  warm: TimedSetup[];
  /** The recorded warm median and speed-up of the layout. */
  median?: number;
  speedup?: number;
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
  if (layoutResult?.warmSetupSeconds) figures.median = layoutResult.warmSetupSeconds.median;
  if (layoutResult?.speedup !== null && layoutResult?.speedup !== undefined)
    figures.speedup = layoutResult.speedup;
  if (!figures.cold) {
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

export function maxWarmSetupGate(e2e: E2eReport, limit: number): Check {
  const { id } = MAX_WARM_SETUP_SECONDS;
  const f = headlineFigures(e2e);
  if (f.missing)
    return { id, status: 'fail', detail: `${f.missing}: cannot compare with ${id} ${fmt(limit)} s` };
  const median = f.median as number;
  const pass = median <= limit;
  return {
    id,
    status: pass ? 'pass' : 'fail',
    detail: `${warmText(f)} ${pass ? 'is within' : 'exceeds'} ${id} ${fmt(limit)} s`,
  };
}

export function minSetupSpeedupGate(e2e: E2eReport, minimum: number): Check {
  const { id } = MIN_SETUP_SPEEDUP;
  const f = headlineFigures(e2e);
  if (f.missing || !f.cold || f.speedup === undefined)
    return { id, status: 'fail', detail: `${f.missing}: cannot compare with ${id} ${fmt(minimum)}×` };
  const pass = f.speedup >= minimum;
  return {
    id,
    status: pass ? 'pass' : 'fail',
    detail:
      `setup speedup ${fmt(f.speedup)}× (cold setup ${fmt(f.cold.seconds)} s in ${f.cold.who} / ${warmText(f)}) ` +
      `${pass ? 'meets' : 'is below'} ${id} ${fmt(minimum)}×`,
  };
}

export function maxLayoutRatioGate(e2e: E2eReport, maximum: number): Check {
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
  const pass = value <= maximum;
  return {
    id,
    status: pass ? 'pass' : 'fail',
    detail:
      `layout ratio ${fmt(value)} (${warmText(separate)} / ${warmText(shared)}) ` +
      `${pass ? 'is within' : 'exceeds'} ${id} ${fmt(maximum)}`,
  };
}

/** The timing gates that are set, in a fixed order. */
function timingGates(e2e: E2eReport, options: TimingGateOptions): Check[] {
  const checks: Check[] = [];
  if (options.maxWarmSetupSeconds !== undefined)
    checks.push(maxWarmSetupGate(e2e, options.maxWarmSetupSeconds));
  if (options.minSetupSpeedup !== undefined) checks.push(minSetupSpeedupGate(e2e, options.minSetupSpeedup));
  if (options.maxLayoutRatio !== undefined) checks.push(maxLayoutRatioGate(e2e, options.maxLayoutRatio));
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
