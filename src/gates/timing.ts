// Timing gates: each compares medians measured in this run, never one run's
// time, and only proved runs count (design.md, "Proof of cache state"): with
// no proved cold run or no proved warm run the gate fails and says why.
import { formatNumber as fmt } from '../numbers.js';
import type { CacheLayout, Check, E2eReport, E2eRun } from '../report/types.js';

export interface TimingGateOptions {
  maxWarmSetupSeconds?: number;
  minSetupSpeedup?: number;
  maxLayoutRatio?: number;
}

interface LayoutFigures {
  layout: CacheLayout;
  cold?: { run: E2eRun; seconds: number };
  warm: { run: E2eRun; seconds: number }[];
  median?: number;
  /** Why there is no cold or no warm figure, when there is none. */
  missing?: string;
}

function setupOf(run: E2eRun): number | undefined {
  const phase = run.phases.find((p) => p.name === 'setup');
  return phase && phase.exitCode === 0 && !phase.timedOut ? phase.seconds : undefined;
}

function runList(runs: readonly { run: E2eRun }[]): string {
  return `${runs.length === 1 ? 'run' : 'runs'} ${runs.map((r) => r.run.index).join(', ')}`;
}

function figuresOf(e2e: E2eReport, layout: CacheLayout): LayoutFigures {
  const runs = e2e.runs.filter((r) => r.layout === layout);
  const figures: LayoutFigures = { layout, warm: [] };
  const coldRun = runs.find((r) => r.kind === 'cold');
  const coldSeconds = coldRun && coldRun.provedState === 'cold' ? setupOf(coldRun) : undefined;
  if (coldRun && coldSeconds !== undefined) figures.cold = { run: coldRun, seconds: coldSeconds };
  for (const run of runs.filter((r) => r.kind === 'warm' && r.provedState === 'warm')) {
    const seconds = setupOf(run);
    if (seconds !== undefined) figures.warm.push({ run, seconds });
  }
  const layoutResult = e2e.layouts.find((l) => l.layout === layout);
  if (layoutResult?.warmSetupSeconds) figures.median = layoutResult.warmSetupSeconds.median;
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

/** The layout the headline figures come from: separate when it ran, else the only one. */
function headlineLayout(e2e: E2eReport): CacheLayout {
  return e2e.layouts.some((l) => l.layout === 'separate')
    ? 'separate'
    : (e2e.layouts[0]?.layout ?? 'separate');
}

function warmText(f: LayoutFigures): string {
  return `warm setup median ${fmt(f.median ?? 0)} s (${f.layout} layout, ${runList(f.warm)}: ${f.warm
    .map((w) => fmt(w.seconds))
    .join(', ')} s)`;
}

export function maxWarmSetupGate(e2e: E2eReport, limit: number): Check {
  const id = 'max-warm-setup-seconds';
  const f = figuresOf(e2e, headlineLayout(e2e));
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
  const id = 'min-setup-speedup';
  const f = figuresOf(e2e, headlineLayout(e2e));
  if (f.missing || !f.cold)
    return { id, status: 'fail', detail: `${f.missing}: cannot compare with ${id} ${fmt(minimum)}×` };
  const median = f.median as number;
  const speedup = f.cold.seconds / median;
  const pass = speedup >= minimum;
  return {
    id,
    status: pass ? 'pass' : 'fail',
    detail:
      `setup speedup ${speedup.toFixed(2)}× (cold setup ${fmt(f.cold.seconds)} s in run ${f.cold.run.index} / ${warmText(f)}) ` +
      `${pass ? 'meets' : 'is below'} ${id} ${fmt(minimum)}×`,
  };
}

export function maxLayoutRatioGate(e2e: E2eReport, maximum: number): Check {
  const id = 'max-layout-ratio';
  const ran = new Set(e2e.layouts.map((l) => l.layout));
  if (!ran.has('separate') || !ran.has('shared')) {
    return {
      id,
      status: 'fail',
      detail: `${id} compares the separate and the shared layout, but only ${[...ran].join(' and ') || 'no layout'} ran: set cache-layout to both`,
    };
  }
  const separate = figuresOf(e2e, 'separate');
  const shared = figuresOf(e2e, 'shared');
  const missing = [separate.missing, shared.missing].filter(Boolean);
  if (missing.length > 0)
    return { id, status: 'fail', detail: `${missing.join('; ')}: cannot compare with ${id} ${fmt(maximum)}` };
  const value = (separate.median as number) / (shared.median as number);
  const pass = value <= maximum;
  return {
    id,
    status: pass ? 'pass' : 'fail',
    detail:
      `layout ratio ${value.toFixed(2)} (${warmText(separate)} / ${warmText(shared)}) ` +
      `${pass ? 'is within' : 'exceeds'} ${id} ${fmt(maximum)}`,
  };
}

/** The timing gates that are set, in a fixed order. */
export function timingGates(e2e: E2eReport, options: TimingGateOptions): Check[] {
  const checks: Check[] = [];
  if (options.maxWarmSetupSeconds !== undefined)
    checks.push(maxWarmSetupGate(e2e, options.maxWarmSetupSeconds));
  if (options.minSetupSpeedup !== undefined) checks.push(minSetupSpeedupGate(e2e, options.minSetupSpeedup));
  if (options.maxLayoutRatio !== undefined) checks.push(maxLayoutRatioGate(e2e, options.maxLayoutRatio));
  return checks;
}
