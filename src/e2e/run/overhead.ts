// worker-gate's own time in an e2e run: the run's wall time minus the phases'
// own (the project's make targets, git, copier: what production would run too),
// by stage. The clock adds up the time of each stage as the run passes through
// it; the figures are computed once from its totals (pure), for the report.
import { round } from '../../model/numbers.js';
import type { E2eOverhead } from '../../model/report.js';

/** The stages of worker-gate's own work, in the order the report lists them. */
export const OVERHEAD_STAGES = ['workers', 'evidence', 'probes', 'reaping', 'clean-up'] as const;
export type OverheadStage = (typeof OVERHEAD_STAGES)[number];

/** What is not worker-gate's own: the phases, and the concurrent batch (its setups overlap). */
export type PhaseTime = 'phases';

export class OverheadClock {
  private readonly spent = new Map<OverheadStage | PhaseTime, number>();
  private readonly started: number;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.started = now();
  }

  /** Phase spans open now: the concurrent batch starts its workers inside its own span. */
  private inPhases = 0;

  /** Runs `work` and adds its time to `stage`; inside a phase span it is the phase's time already. */
  async time<T>(stage: OverheadStage | PhaseTime, work: () => Promise<T>): Promise<T> {
    if (this.inPhases > 0) return work();
    if (stage === 'phases') this.inPhases++;
    const t0 = this.now();
    try {
      return await work();
    } finally {
      if (stage === 'phases') this.inPhases--;
      this.spent.set(stage, (this.spent.get(stage) ?? 0) + (this.now() - t0));
    }
  }

  /** `seconds` that a span of `from` held were `stage`'s (a reap in a phase's own exec, or in a probe's). */
  reassign(stage: OverheadStage, seconds: number, from: OverheadStage | PhaseTime = 'phases'): void {
    const ms = seconds * 1000;
    this.spent.set(from, (this.spent.get(from) ?? 0) - ms);
    this.spent.set(stage, (this.spent.get(stage) ?? 0) + ms);
  }

  /** The run's figures so far, in seconds. */
  figures(): E2eOverhead {
    const seconds = (ms: number) => ms / 1000;
    const stages = new Map<OverheadStage, number>();
    for (const stage of OVERHEAD_STAGES) stages.set(stage, seconds(this.spent.get(stage) ?? 0));
    return overheadFigures(
      seconds(this.now() - this.started),
      seconds(this.spent.get('phases') ?? 0),
      stages,
    );
  }
}

/**
 * Own time = wall − phases; each stage as timed, and `other` for what no stage timed (the
 * network, the template's upload, the image's probe, assembling the report). Stages that
 * took no time are left out. Seconds to the millisecond, the share to a tenth of a percent.
 */
export function overheadFigures(
  wallSeconds: number,
  phaseSeconds: number,
  stages: ReadonlyMap<OverheadStage, number>,
): E2eOverhead {
  const own = Math.max(0, wallSeconds - phaseSeconds);
  const listed = [...stages].filter(([, s]) => s > 0);
  const timed = listed.reduce((sum, [, s]) => sum + s, 0);
  const rows: E2eOverhead['stages'] = listed.map(([stage, s]) => ({ stage, seconds: round(s, 3) }));
  if (own - timed > 0.0005) rows.push({ stage: 'other', seconds: round(own - timed, 3) });
  return {
    wallSeconds: round(wallSeconds, 3),
    phaseSeconds: round(phaseSeconds, 3),
    ownSeconds: round(own, 3),
    ownPercent: wallSeconds > 0 ? round((own / wallSeconds) * 100, 1) : 0,
    stages: rows,
  };
}
