// What to do about each failed gate: the sentence a reader of the summary or the
// HTML page needs after "what failed". Each gate declares the remedies of its
// checks and families, the audit those of its checks; the registry
// (src/judge/registry.ts) holds them by gate.
import { FAMILY_REMEDIES, REMEDIES } from '../judge/registry.js';
import { scopedGate } from '../model/scoped-gate.js';
import { listWords } from '../model/text.js';
import { isPhaseGate } from './view/phases.js';

const FALLBACK = 'See the details of this gate below.';

export const ERROR_REMEDY =
  'This is not a verdict on the image: worker-gate could not finish (bad input or an infrastructure fault, exit status 2). Fix the cause above and run again.';

/** `forbid-package:pytest` → family `forbid-package`, name `pytest`; `max-image-size` is its own family. */
export function gateFamily(gate: string): { family: string; name?: string } {
  const colon = gate.indexOf(':');
  const family = colon > 0 ? gate.slice(0, colon) : gate;
  if (colon > 0 && FAMILY_REMEDIES.has(family)) return { family, name: gate.slice(colon + 1) };
  return { family: gate };
}

/** The next step for one or more failed gates of one family, in one or two sentences. */
export function remedyFor(...gates: string[]): string {
  const first = gates[0] ?? '';
  const { family } = gateFamily(first);
  const forFamily = FAMILY_REMEDIES.get(family);
  if (forFamily) {
    const names = gates.map((g) => `\`${gateFamily(g).name ?? g}\``);
    return forFamily(listWords(names));
  }
  // Every phase gate (`e2e`, `e2e:<worker>:<phase>`) has the remedy of `e2e`.
  return REMEDIES.get(isPhaseGate(first) ? 'e2e' : first) ?? FALLBACK;
}

/**
 * Failures grouped by family within their scope (a cell, a host: `<scope>:<family>`), in
 * the order the first of each was found; `of` gives each one's gate as its own run named it.
 */
export function groupByFamily<T>(
  failures: readonly T[],
  of: (failure: T) => { gate: string; scope?: string },
): { family: string; members: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const f of failures) {
    const { gate, scope } = of(f);
    const { family } = gateFamily(gate);
    const key = scope === undefined ? family : scopedGate(scope, family);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups].map(([family, members]) => ({ family, members }));
}
