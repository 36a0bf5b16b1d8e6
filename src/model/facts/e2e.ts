// What the end to end measured for its gates besides the Report's e2e section
// (src/judge/: template, python-fit, cache-evidence, cache-shared, timing,
// phases). The scenario and the stage (src/e2e/run/) fill these; the shapes
// live here so that the judge and the Measurements depend down on them, with
// the words for an uncommitted template that the stage and the gate share.
import type { Phase } from '../report.js';

/** What the e2e gates judge besides the report. */
export interface E2eFacts {
  /** Every phase of every layout ran: no phase failed and the Python fit. */
  finished: boolean;
  /** The worker's Python against what the project asks, read once after the scaffold. */
  python?: PythonFacts;
  /** Setups whose uv summary lines disagree with the cache evidence: `run 1 (developer B …): …`. */
  uvDisagreements: string[];
  failedPhases: FailedPhase[];
  /** The offline worker after the concurrent ones added to the cache. */
  offlineUnproved?: OfflineUnproved;
  /** A local template repository's uncommitted changes, left out of the upload. */
  uncommitted?: UncommittedTemplate;
}

export type PhaseName = 'scaffold' | 'clone' | 'fixup' | 'setup' | 'lint' | 'test' | 'push' | 'floor';

/** The scaffolder; A and B: the sequential developers; concurrent and offline: concurrent-workers' batch and its proof. */
export type WorkerName = 'scaffolder' | 'A' | 'B' | 'concurrent' | 'offline';

/** A phase that failed, as the judge needs it for the failure `e2e:<worker>:<phase>`. */
export interface FailedPhase {
  worker: WorkerName;
  /** Who ran it (`developer A (cold, separate layout, clone)`, `the scaffolder (root, on its own cache)`). */
  title: string;
  name: PhaseName;
  label: string;
  /** The phase-timeout it ran under. */
  timeoutSeconds: number;
  /** The recorded phase: its exit code, timeout, profile and the last lines of output (logTail). */
  phase: Phase;
}

/** The offline worker's setup passed but added to the cache (or left no evidence): `e2e:offline:downloads`. */
export interface OfflineUnproved {
  title: string;
  /** Distributions it added; absent when the cache evidence could not be gathered. */
  downloads?: number;
}

/** template-uncommitted: a local template repository is uploaded at its commit, without its uncommitted changes. */
export interface UncommittedTemplate {
  /** The template as the report names it. */
  template: string;
  count: number;
  /** The commit the workers scaffold from. */
  commit: string;
}

/** What was left out, in the words the stage logs when it starts and the check reports. */
export function describeUncommitted({ template, count, commit }: UncommittedTemplate): string {
  return (
    `${count} uncommitted ${count === 1 ? 'change' : 'changes'} (modified, staged or untracked files) in the template ` +
    `repository ${template} ${count === 1 ? 'was' : 'were'} left out: the workers scaffold from commit ${commit.slice(0, 12)} only`
  );
}

/** python-fits-template: the worker's Python and what the scaffolded project asks of it. */
export interface PythonFacts {
  /** The worker's Python (`3.12.1`); absent when it has no python3 on PATH (then nothing else is read). */
  python?: string;
  /** What the project asks, when its files could be read. */
  ask?: PythonAsk;
  /** Why they could not be read, when they could not. */
  unreadable?: string;
}

export interface PythonAsk {
  /** `services/orders/pyproject.toml` → `>=3.12`. */
  requiresPython: { file: string; spec: string }[];
  /** The minor the template asks for (`3.12`) and where it says so. */
  minor?: { version: string; source: string };
}
