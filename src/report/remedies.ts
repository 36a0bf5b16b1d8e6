// What to do about each failed gate: the sentence a reader of the summary or the
// HTML page needs after "what failed". Each gate (src/judge/gates.ts) declares
// the remedies of its ids and families; the audit's are in audit-remedies.ts.
import { GATES } from '../judge/gates.js';
import { listWords } from '../model/text.js';
import { AUDIT_FAMILIES } from './audit-remedies.js';
import { isPhaseGate } from './view/phases.js';

const EXACT: ReadonlyMap<string, string> = new Map(GATES.flatMap((gate) => Object.entries(gate.remedies)));

/** Gates that come in families, one gate per name: `forbid-package:pytest`. */
const FAMILIES: Readonly<Record<string, (names: string) => string>> = {
  ...Object.fromEntries(GATES.flatMap((gate) => (gate.families ?? []).map((f) => [f.family, f.remedy]))),
  ...AUDIT_FAMILIES,
};

const FALLBACK = 'See the details of this gate below.';

export const ERROR_REMEDY =
  'This is not a verdict on the image: worker-gate could not finish (bad input or an infrastructure fault, exit status 2). Fix the cause above and run again.';

/** `forbid-package:pytest` → family `forbid-package`, name `pytest`; `max-image-size` is its own family. */
export function gateFamily(gate: string): { family: string; name?: string } {
  const colon = gate.indexOf(':');
  const family = colon > 0 ? gate.slice(0, colon) : gate;
  if (colon > 0 && FAMILIES[family]) return { family, name: gate.slice(colon + 1) };
  return { family: gate };
}

/** The next step for one or more failed gates of one family, in one or two sentences. */
export function remedyFor(...gates: string[]): string {
  const first = gates[0] ?? '';
  const { family } = gateFamily(first);
  const forFamily = FAMILIES[family];
  if (forFamily) {
    const names = gates.map((g) => `\`${gateFamily(g).name ?? g}\``);
    return forFamily(listWords(names));
  }
  // Every phase gate (`e2e`, `e2e:<worker>:<phase>`) has the remedy of `e2e`.
  return EXACT.get(isPhaseGate(first) ? 'e2e' : first) ?? FALLBACK;
}

/** Failures grouped by family, in the order the first of each was found. */
export function groupByFamily<T extends { gate: string }>(failures: T[]): { family: string; members: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const f of failures) {
    const { family } = gateFamily(f.gate);
    groups.set(family, [...(groups.get(family) ?? []), f]);
  }
  return [...groups].map(([family, members]) => ({ family, members }));
}
