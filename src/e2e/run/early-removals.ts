// Volumes dead before the run ends (the scaffolder's cache and workspace once the
// developers clone from the origin, a developer's workspace once it is done) are
// removed while the run goes on, instead of all in the final clean-up. Never beside
// a timed setup: deleting a volume full of venvs keeps the disk busy and skewed the
// next setup by 1–3 s (measured), so a removal starts only as a phase that is not
// gated as a setup starts, and every removal is done before any other phase starts.
import type { PhaseName } from '../../model/facts/e2e.js';

/**
 * The phases our own work may run beside (a volume's removal, the next worker's start): the
 * scaffold, the agent's checks and the push, whose seconds no gate reads as a setup's. Never a
 * setup or the floor (timed), nor a clone (the setup that follows reads what it wrote).
 */
export function ownWorkMayRun(phase: PhaseName): boolean {
  return phase === 'scaffold' || phase === 'lint' || phase === 'test' || phase === 'push';
}

export class EarlyRemovals {
  private readonly queued: string[] = [];
  private running: Promise<void>[] = [];
  /** The volumes removed so far: the final clean-up leaves them out. */
  readonly removed = new Set<string>();

  /**
   * `remove`: one volume's removal. `holdersGone`: resolves once the containers that mounted
   * the dead volumes are removed (a volume in use cannot be). A failed removal is left to the
   * final clean-up, which tries again and reports what it cannot remove.
   */
  constructor(
    private readonly remove: (volume: string) => Promise<void>,
    private readonly holdersGone: () => Promise<void>,
  ) {}

  /** Every volume said dead so far, removed or not. */
  private readonly said = new Set<string>();

  /** These volumes are needed by no later worker. */
  dead(volumes: readonly string[]): void {
    this.queued.push(...volumes);
    for (const v of volumes) this.said.add(v);
  }

  /** It was said dead: it goes during the run (or, when that fails, in the final clean-up). */
  isDead(volume: string): boolean {
    return this.said.has(volume);
  }

  /**
   * `phase` is about to start: beside the checks and the push, the dead volumes go in the
   * background; before any other phase, every removal started is done first.
   */
  async beforePhase(phase: PhaseName): Promise<void> {
    if (!ownWorkMayRun(phase)) return this.settle();
    const volumes = this.queued.splice(0);
    if (volumes.length === 0) return;
    const holdersGone = this.holdersGone();
    this.running.push(
      ...volumes.map(async (volume) => {
        await holdersGone;
        try {
          await this.remove(volume);
          this.removed.add(volume);
        } catch {
          // The final clean-up tries again and reports it.
        }
      }),
    );
  }

  /** Every removal started is done (before a setup, and before the final clean-up), whoever else waits for them too. */
  async settle(): Promise<void> {
    const running = [...this.running];
    await Promise.all(running);
    this.running = this.running.filter((r) => !running.includes(r));
  }
}
