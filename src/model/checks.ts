// What a check id is (its stage, what turns it off, the families of one check
// per list item) and skipping one by its id or its whole family. Types and one
// rule only: the gates (src/judge/) declare their ids, the stages skip with
// isSkipped, and the registry of ids (src/checks/ids.ts) is built from the gates.

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

/** Skipped by its own id, or with its whole family (`forbid-package` skips every forbid-package:NAME). */
export function isSkipped(id: string, skipChecks: readonly string[]): boolean {
  const family = id.includes(':') ? id.slice(0, id.indexOf(':')) : id;
  return skipChecks.includes(id) || skipChecks.includes(family);
}
