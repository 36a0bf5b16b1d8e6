// What a check id is (its stage, what turns it off, the families of one check
// per list item), the catalogue of them a run can carry, and the pure rules on
// an id: skipping one by its id or its whole family, finding a member's family.
// Types and rules only: the gates (src/judge/) and the audit declare the ids,
// the judge's registry (src/judge/registry.ts) gathers them, and config is
// handed the catalogue by its caller to validate `skip-checks`.

import type { Command } from './command.js';

/** Where a check runs, for the reports' grouping. */
export type CheckStage = 'contract' | 'e2e' | 'timing' | 'audit';

/** The stages whose checks each command judges: the audit its own, the others an image's. */
export const COMMAND_STAGES: Readonly<Record<Command, readonly CheckStage[]>> = {
  build: [],
  check: ['contract'],
  e2e: ['e2e', 'timing'],
  verify: ['contract', 'e2e', 'timing'],
  audit: ['audit'],
};

export interface CheckId {
  readonly id: string;
  readonly stage: CheckStage;
  /** 'skip': skip-checks turns it off; else what does, completing "<id> cannot be skipped: …". */
  readonly off: 'skip' | string;
}

/** A family of checks, one per item of a list option: `forbid-package:pytest`. */
export interface CheckFamily {
  readonly family: string;
  /** The list option whose items name the checks (its items are names, or have one). */
  readonly list: string;
  /** How a member's name is compared (PEP 503 for package names); as written when absent. */
  readonly normalize?: (name: string) => string;
}

/** Every check id a run can carry, and the families: what `skip-checks` is validated against. */
export interface CheckCatalogue {
  /** In the registry's one order: the report's. */
  readonly ids: readonly CheckId[];
  readonly families: readonly CheckFamily[];
}

/** Skipped by its own id, or with its whole family (`forbid-package` skips every forbid-package:NAME). */
export function isSkipped(id: string, skipChecks: readonly string[]): boolean {
  const family = id.includes(':') ? id.slice(0, id.indexOf(':')) : id;
  return skipChecks.includes(id) || skipChecks.includes(family);
}

/** A family member's id: `forbid-package` and `pytest` make `forbid-package:pytest`. */
export function memberId(family: CheckFamily, name: string): string {
  return `${family.family}:${name}`;
}

/** `forbid-package:pytest` → the forbid-package family and "pytest"; `forbid-package` → the family alone. */
export function familyOf(
  id: string,
  families: readonly CheckFamily[],
): { family: CheckFamily; name?: string } | undefined {
  const colon = id.indexOf(':');
  const head = colon < 0 ? id : id.slice(0, colon);
  const family = families.find((f) => f.family === head);
  if (!family) return undefined;
  return colon < 0 ? { family } : { family, name: id.slice(colon + 1) };
}

/** A member's id as its family compares names: `forbid-package:PyYAML` is `forbid-package:pyyaml`. */
export function normalizeCheckId(id: string, families: readonly CheckFamily[]): string {
  const member = familyOf(id, families);
  return member?.family.normalize && member.name !== undefined
    ? memberId(member.family, member.family.normalize(member.name))
    : id;
}
