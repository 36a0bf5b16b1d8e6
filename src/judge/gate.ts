// What a gate family is: the checks it can emit, each declared once with all
// that is said about it (its id, stage, what turns it off, its remedy, its rule
// for `explain`, where its annotations point), and a pure function from
// (Config, measurements) to checks. Adding a gate is one file in src/judge/
// plus its line in gates.ts; the registry (registry.ts) answers every question
// about an id from these declarations.
import type { Config } from '../config/index.js';
import type { OptionName } from '../config/options.js';
import type { CheckFamily, CheckId } from '../model/checks.js';
import type { Measurements } from '../model/measurements.js';
import type { Verdicts } from '../model/report-building.js';

/**
 * Where a failed check's annotations point besides the failure's own place and
 * its findings' Dockerfile lines: `grown-layers`, also each layer that grew
 * against the baseline (the view shows the paths that grew beside it);
 * `warnings-too`, a warning is annotated at its findings' lines as a failure is.
 */
export type AnnotationPlace = 'grown-layers' | 'warnings-too';

/** One check a gate can emit, declared once. */
export interface GateCheck extends CheckId {
  /** What to do when it fails: the sentence after "what failed". */
  readonly remedy?: string;
  /**
   * For `explain`: what passes, with its threshold, when a run with this config
   * judges it; undefined when it would not. skip-checks and skip-e2e are the
   * registry's to apply.
   */
  readonly explain?: (config: Config) => string | undefined;
  readonly annotate?: AnnotationPlace;
}

/** A family of checks, one per item of a list option (`forbid-package:pytest`), with its remedy. */
export interface GateFamily extends CheckFamily {
  readonly list: OptionName;
  /** `names`: the failed members' names, in backticks and joined in words (`` `a` and `b` ``). */
  remedy(names: string): string;
  /** For `explain`: each member a run with this config judges, by name, with what passes. */
  explain?(config: Config): { name: string; rule: string }[];
}

export interface Gate {
  /** For the reader of the code: `size`, `timing`, `cache-shared`. */
  readonly family: string;
  /** Every check it can emit, in the order it emits them. */
  readonly checks: readonly GateCheck[];
  /** Its families of checks, when it emits one check per item of a list option. */
  readonly families?: readonly GateFamily[];
  /** Its failures that are not checks (a failed build, a failed phase), by gate, with their remedy. */
  readonly failureRemedies?: Readonly<Record<string, string>>;
  /** Pure: no Docker, no files, no clock. Returns nothing when its measurements are absent. */
  judge(config: Config, measured: Measurements): Partial<Verdicts>;
}
