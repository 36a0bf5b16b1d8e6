// The contract stage's input and output, narrowed to the Config fields it reads.
import type { SizeOrPercent } from '../config/units.js';
import type { RequireSpec } from '../config/versions.js';
import type { Check, CheckStatus, Finding } from '../report/types.js';

/** The contract fields of Config (src/config), as validated there. */
export interface ContractOptions {
  require: readonly RequireSpec[];
  forbidCommands: readonly string[];
  /** PEP 503 normalised. */
  forbidPackages: readonly string[];
  /** Normalised name → the reason it is allowed. */
  allowPackages: Readonly<Record<string, string>>;
  /** Check ids (`non-root-user`, `forbid-package:pytest`) or whole families (`forbid-package`). */
  skipChecks: readonly string[];
  maxImageSize?: number;
  baselineImage?: string;
  maxSizeIncrease?: SizeOrPercent;
  requirePinnedImages: boolean;
  maxWastedBytes?: SizeOrPercent;
  minEfficiencyPercent?: number;
  /** The probe containers get a worker's limits. */
  memoryBytes: number;
  cpus: number;
}

export interface DockerfileSource {
  path: string;
  text: string;
  buildArgs: Record<string, string>;
}

/** A check with where an annotation should point (set when the Dockerfile is known). */
export interface ContractCheck {
  check: Check;
  annotate?: { file: string; line?: number };
}

/** One thing a check found, with the words that say it; the layer is added when the check fails. */
export interface DraftItem {
  finding: Finding;
  /** Empty when the summary already says it all. */
  text: string;
}

/** A check before layer attribution. */
export interface DraftCheck {
  id: string;
  status: CheckStatus;
  summary: string;
  items?: DraftItem[];
  /** Paths to attribute to layers when the check fails (besides the items' paths). */
  attributePaths?: string[];
  /** A Dockerfile line known without attribution (a USER or FROM line). */
  line?: number;
}

// The registry of check ids owns skipping; re-exported for the contract's code.
export { isSkipped } from '../checks/ids.js';
