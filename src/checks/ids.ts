// Every check id a report can carry, once: the validation of `skip-checks`
// (src/config/rules.ts), the skipping itself (isSkipped) and the renderers'
// grouping (src/report/figures.ts) read this list.
//
// Adding a check: add its id to CHECK_IDS (or a family to CHECK_FAMILIES) with
// its stage and `off`, and emit it with exactly that id. When `off` is 'skip',
// the code that emits the check must leave it out when isSkipped(id, skipChecks)
// says so; otherwise `off` tells the user what turns it off instead, and
// `--skip-check ID` is refused with those words.

/** Where a check runs, for the reports' grouping. */
export type CheckStage = 'contract' | 'e2e' | 'timing' | 'audit';

export interface CheckId {
  readonly id: string;
  readonly stage: CheckStage;
  /** 'skip': skip-checks turns it off; else what does, completing "<id> cannot be skipped: …". */
  readonly off: 'skip' | string;
}

/** A family of checks, one per item of a list option: `forbid-package:pytest`. */
export interface CheckFamily {
  readonly family: string;
  /** The option whose items name the checks. */
  readonly list: 'require' | 'forbid-commands' | 'forbid-packages';
  /** The name is a Python package name, compared PEP 503 normalised. */
  readonly packageNames?: boolean;
}

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

export const CHECK_IDS: readonly CheckId[] = [
  { id: 'non-root-user', stage: 'contract', off: 'skip' },
  { id: 'cache-dir-writable', stage: 'contract', off: 'skip' },
  { id: 'max-image-size', stage: 'contract', off: 'skip' },
  { id: 'max-size-increase', stage: 'contract', off: 'skip' },
  { id: 'pinned-images', stage: 'contract', off: 'skip' },
  // Issue 15: the image's variables that reach every project's tools; the baseline's uv.
  { id: 'env-leaks', stage: 'contract', off: 'skip' },
  { id: 'uv-version-change', stage: 'contract', off: 'skip' },
  // Issue 18: waste in the layers, gated only when set.
  { id: 'max-wasted-bytes', stage: 'contract', off: 'skip' },
  { id: 'min-efficiency', stage: 'contract', off: 'skip' },
  {
    id: 'python-fits-template',
    stage: 'e2e',
    off: 'set allow-python-mismatch to make it a warning',
  },
  { id: 'cache-evidence', stage: 'e2e', off: 'it only ever warns' },
  // Issue 13: the warm runs really shared the cache.
  { id: 'cache-shared', stage: 'e2e', off: 'skip' },
  {
    id: 'template-uncommitted',
    stage: 'e2e',
    off: 'it only ever warns (commit or stash the changes to the template)',
  },
  { id: 'max-warm-setup-seconds', stage: 'timing', off: 'it runs only when max-warm-setup-seconds is set' },
  { id: 'min-setup-speedup', stage: 'timing', off: 'it runs only when min-setup-speedup is set' },
  { id: 'max-layout-ratio', stage: 'timing', off: 'it runs only when max-layout-ratio is set' },
  {
    id: 'max-warm-setup-regression',
    stage: 'timing',
    off: 'it runs only when max-warm-setup-regression is set',
  },
  ...AUDIT_IDS.map((id) => ({ id, stage: 'audit' as const, off: 'skip' })),
];

export const CHECK_FAMILIES: readonly CheckFamily[] = [
  { family: 'require', list: 'require' },
  { family: 'forbid-command', list: 'forbid-commands' },
  { family: 'forbid-package', list: 'forbid-packages', packageNames: true },
];

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

/** Skipped by its own id, or with its whole family (`forbid-package` skips every forbid-package:NAME). */
export function isSkipped(id: string, skipChecks: readonly string[]): boolean {
  const family = id.includes(':') ? id.slice(0, id.indexOf(':')) : id;
  return skipChecks.includes(id) || skipChecks.includes(family);
}
