// The order of a layout's developer runs when cold and warm runs both repeat.
// The first cold run is developer A's on the layout's cache (or the
// scaffolder's, when it set up on that cache); every further cold run is a
// developer of its own on a fresh cache volume, and the warm runs take turns
// with them: cold, warm, cold, warm, … then the rest of the longer kind. Warm
// runs all stay on the layout's cache, which the first cold run filled, so
// each is on a proved-warm cache; interleaving spreads the machine's drift
// (another job, a slower minute) over both kinds instead of loading it onto
// one of them.
import type { LayoutPlan } from './layout-plan.js';

export interface DeveloperSlot {
  kind: 'cold' | 'warm';
  /** A: the first on its cache (the layout's, or a fresh cold one); B: a warm run. */
  worker: 'A' | 'B';
  /** Its workspace folder and name: `a`, `a2` (cold run 2), `b1` (warm run 1). */
  dir: string;
  /** Which of its kind it is, from 1 (A counts as warm run 0 after a scaffolder's cold setup). */
  ordinal: number;
  /** A cold run on a fresh cache volume of its own, not the layout's. */
  freshCache: boolean;
}

/**
 * The developers of a layout in run order. `aIsCold`: developer A's setup is the layout's
 * first cold run; otherwise the scaffolder's setup on this cache was, and A is warm.
 */
export function developerOrder(coldRuns: number, warmRuns: number, aIsCold: boolean): DeveloperSlot[] {
  const first: DeveloperSlot = {
    kind: aIsCold ? 'cold' : 'warm',
    worker: 'A',
    dir: 'a',
    ordinal: aIsCold ? 1 : 0,
    freshCache: false,
  };
  const slots = [first];
  let cold = 1;
  let warm = 0;
  while (cold < coldRuns || warm < warmRuns) {
    const last = slots[slots.length - 1] as DeveloperSlot;
    const coldNext = warm >= warmRuns || (cold < coldRuns && last.kind === 'warm');
    if (coldNext) {
      cold++;
      slots.push({ kind: 'cold', worker: 'A', dir: `a${cold}`, ordinal: cold, freshCache: true });
    } else {
      warm++;
      slots.push({ kind: 'warm', worker: 'B', dir: `b${warm}`, ordinal: warm, freshCache: false });
    }
  }
  return slots;
}

/** The plan of a cold run on a fresh cache: the layout's, on a volume of the run's own for it. */
export function freshCachePlan(plan: LayoutPlan, slot: DeveloperSlot): LayoutPlan {
  return slot.freshCache ? { ...plan, cacheVolume: `${plan.cacheVolume}-${slot.dir}` } : plan;
}
