// The gate catalogue: every check id a report can carry, each declared once,
// by its gate (a file of src/judge/, listed in report order in gates.ts) or by
// the audit (src/audit/catalogue.ts), and the answers to every question asked
// of an id: which ids exist and what turns each off (the front doors hand this
// to config for skip-checks), its stage (the reports' grouping), its remedy,
// its rule in `explain`, and where its annotations point.
import { AUDIT_CHECKS, type AuditCheck } from '../audit/catalogue.js';
import type { Config } from '../config/index.js';
import { type CheckCatalogue, type CheckStage, isSkipped, memberId } from '../model/checks.js';
import type { AnnotationPlace, GateCheck } from './gate.js';
import { GATES } from './gates.js';

const DECLARED: readonly (GateCheck | AuditCheck)[] = [
  ...GATES.flatMap((gate) => gate.checks),
  ...AUDIT_CHECKS,
];

/** Every check id in the one order (the gates' in report order, then the audit's), and the families. */
export const CHECKS: CheckCatalogue = {
  ids: DECLARED,
  families: GATES.flatMap((gate) => gate.families ?? []),
};

const BY_ID = new Map(DECLARED.map((check) => [check.id, check]));

export function checkNamed(id: string): GateCheck | AuditCheck | undefined {
  return BY_ID.get(id);
}

/** The stage of any id a report carries (a family member's is the contract). */
export function stageOfCheck(id: string): CheckStage {
  return BY_ID.get(id)?.stage ?? 'contract';
}

/** What to do when a gate fails, by gate: each check's, and the gates that are failures only (`build`, `e2e`). */
export const REMEDIES: ReadonlyMap<string, string> = new Map([
  ...GATES.flatMap((gate) =>
    gate.checks.flatMap((check) => (check.remedy ? [[check.id, check.remedy] as const] : [])),
  ),
  ...GATES.flatMap((gate) => Object.entries(gate.failureRemedies ?? {})),
]);

/**
 * Gates that come in families, one gate per name, with the remedy for the names
 * that failed: a gate family's members (`forbid-package:pytest`) and an audit
 * check's workers (`pids-limit:worker-3`).
 */
export const FAMILY_REMEDIES: ReadonlyMap<string, (names: string) => string> = new Map([
  ...GATES.flatMap((gate) => (gate.families ?? []).map((family) => [family.family, family.remedy] as const)),
  ...AUDIT_CHECKS.flatMap((check) => (check.remedy ? [[check.id, check.remedy] as const] : [])),
]);

/** Where a failed check's annotations point besides its own place (gate.ts). */
export function annotationPlace(id: string): AnnotationPlace | undefined {
  const check = BY_ID.get(id);
  return check && 'annotate' in check ? check.annotate : undefined;
}

export interface GateRule {
  id: string;
  /** What passes, with the threshold. */
  rule: string;
}

/**
 * The checks a `verify` with this config judges, in the one order, with what
 * passes: each family's members, then the gate's own checks. skip-checks turns
 * a check off, and skip-e2e every check of the end to end and its timings.
 */
export function gateRules(config: Config): GateRule[] {
  const on = (id: string) => !isSkipped(id, config.skipChecks);
  const rules: GateRule[] = [];
  for (const gate of GATES) {
    for (const family of gate.families ?? []) {
      for (const { name, rule } of family.explain?.(config) ?? []) {
        const id = memberId(family, name);
        if (on(id)) rules.push({ id, rule });
      }
    }
    for (const check of gate.checks) {
      if (config.skipE2e && check.stage !== 'contract') continue;
      const rule = check.explain?.(config);
      if (rule !== undefined && on(check.id)) rules.push({ id: check.id, rule });
    }
  }
  return rules;
}
