// Every check id a report can carry, once: the validation of `skip-checks`
// (src/config/rules.ts), the skipping itself (isSkipped) and the renderers'
// grouping (src/report/view/checks.ts) read this list.
//
// The ids come from the gates (src/judge/gates.ts): each Gate declares the ids
// it emits (or the families, one check per item of a list option) with their
// stage and `off`. When `off` is 'skip', the gate must leave the check out when
// isSkipped(id, skipChecks) says so; otherwise `off` tells the user what turns
// it off instead, and `--skip-check ID` is refused with those words. The
// audit's checks are listed here: `worker-gate audit` has no gates.
import { GATES } from '../judge/gates.js';
import type { CheckFamily, CheckId, CheckStage } from '../model/checks.js';

// `worker-gate audit`: each live worker against the worker spec (src/audit/checks.ts).
export const AUDIT_IDS = [
  'worker-user',
  'cap-drop-all',
  'no-new-privileges',
  'pids-limit',
  'memory-limit',
  'cpu-limit',
  'docker-socket',
  'privileged',
  'cache-volume',
  'uv-cache-dir',
  'cache-volume-shared',
  'cache-mounts',
  'expected-image',
] as const;

// The audit's scaffolders (scaffolder-filters): no worker check, this one instead.
export const AUDIT_SCAFFOLDER_IDS = ['scaffolder-cache-volume'] as const;

/**
 * The order `skip-checks` messages have always listed the contract's and the
 * end to end's ids in (the report shows env-leaks, uv-version-change and
 * template-uncommitted elsewhere); the other ids follow in gate order.
 */
const LISTED_FIRST = [
  'non-root-user',
  'cache-dir-writable',
  'max-image-size',
  'max-size-increase',
  'pinned-images',
  'env-leaks',
  'uv-version-change',
  'max-wasted-bytes',
  'min-efficiency',
  'python-fits-template',
  'cache-evidence',
  'cache-shared',
  'template-uncommitted',
];

const rank = (check: CheckId): number => {
  const at = LISTED_FIRST.indexOf(check.id);
  return at < 0 ? LISTED_FIRST.length : at;
};

export const CHECK_IDS: readonly CheckId[] = [
  ...GATES.flatMap((gate) => gate.ids).sort((a, b) => rank(a) - rank(b)),
  ...[...AUDIT_IDS, ...AUDIT_SCAFFOLDER_IDS].map((id) => ({ id, stage: 'audit' as const, off: 'skip' })),
];

export const CHECK_FAMILIES: readonly CheckFamily[] = GATES.flatMap((gate) => gate.families ?? []);

const BY_ID = new Map(CHECK_IDS.map((check) => [check.id, check]));

export function checkIdNamed(id: string): CheckId | undefined {
  return BY_ID.get(id);
}

/** `forbid-package:pytest` → the forbid-package family and "pytest"; `forbid-package` → the family alone. */
export function familyOf(id: string): { family: CheckFamily; name?: string } | undefined {
  const colon = id.indexOf(':');
  const head = colon < 0 ? id : id.slice(0, colon);
  const family = CHECK_FAMILIES.find((f) => f.family === head);
  if (!family) return undefined;
  return colon < 0 ? { family } : { family, name: id.slice(colon + 1) };
}

/** The stage of any id a report carries (a family member's is the contract). */
export function stageOfCheck(id: string): CheckStage {
  return BY_ID.get(id)?.stage ?? 'contract';
}
