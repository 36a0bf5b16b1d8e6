// What a gate family is: the check ids it emits, the remedy a reader needs
// when one fails, and a pure function from (Config, measurements) to checks.
// Adding a gate is one file in src/judge/ plus its line in gates.ts.
import type { Config } from '../config/index.js';
import type { CheckFamily, CheckId } from '../model/checks.js';
import type { Measurements } from '../model/measurements.js';
import type { Verdicts } from '../model/report-building.js';

/** A family of checks, one per item of a list option (`forbid-package:pytest`), with its remedy. */
export interface GateFamily extends CheckFamily {
  /** `names`: the failed members' names, in backticks and joined in words (`` `a` and `b` ``). */
  remedy(names: string): string;
}

export interface Gate {
  /** For the reader of the code and of `explain`: `size`, `timing`, `cache-shared`. */
  readonly family: string;
  /** Every check id it can emit, with where it runs and what turns it off (src/checks/ids.ts reads them). */
  readonly ids: readonly CheckId[];
  /** What to do when the gate fails, by check id: the sentence after "what failed". */
  readonly remedies: Readonly<Record<string, string>>;
  /** Its families of checks, when it emits one check per item of a list option. */
  readonly families?: readonly GateFamily[];
  /** Pure: no Docker, no files, no clock. Returns nothing when its measurements are absent. */
  judge(config: Config, measured: Measurements): Partial<Verdicts>;
}
