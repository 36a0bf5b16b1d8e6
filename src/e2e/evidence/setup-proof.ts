// A setup's evidence turned into what its run proves (pure): the distributions
// it added to the cache and the cache state that proves, uv's own summary, how
// uv linked the files, and where uv's summary lines disagree with the cache.

import { roundSeconds } from '../../model/figures/stats.js';
import type { E2eRun } from '../../model/report.js';
import { type CacheListing, describeEntry, newDistributions, provedState } from './cache-state.js';
import { configuredCompile } from './compile-bytecode.js';
import type { ProjectEvidence } from './evidence.js';
import { configuredLinkMode, decideLinkMode, type LinkVerdict } from './link-mode.js';
import { disagreement, readUvOutput, type UvSummary } from './uv-output.js';

export interface SetupEvidence {
  /** The cache before and after the setup; absent when the evidence could not be gathered. */
  before?: CacheListing;
  after?: CacheListing;
  /** The project after the setup: its installs, link samples and configuration files. */
  project?: ProjectEvidence;
  /** uv's summary lines of the setup's output. */
  uvLines: string;
  /** The cache volume was empty before the scaffold (only a cold run can be proved then). */
  freshCache: boolean;
  /** The variables uv sees besides the project's files: the image's (less unset-env) and the worker's. */
  env: { image: Readonly<Record<string, string>>; worker: Readonly<Record<string, string>> };
}

export interface SetupProof {
  uv: UvSummary;
  link: LinkVerdict;
  /** uv's summary against the cache evidence, when they disagree. */
  disagreement?: string;
}

/** What a setup's proof fills: a run's fields (a developer's run, or the scaffolder's setup as one). */
export type SetupRecord = Pick<
  E2eRun,
  | 'kind'
  | 'downloads'
  | 'newDistributions'
  | 'provedState'
  | 'uvSummary'
  | 'installs'
  | 'linkMode'
  | 'linkModeEvidence'
  | 'uvSettings'
>;

/** Fills the run's downloads, proved state, uv summary, installs and link mode from the evidence. */
export function proveSetup(run: SetupRecord, evidence: SetupEvidence): SetupProof {
  const { before, after, project } = evidence;
  if (before && after) {
    const added = newDistributions(before, after);
    run.downloads = added.length;
    run.newDistributions = added.slice(0, 100).map(describeEntry);
  }
  run.provedState = provedState(run.kind, run.downloads, evidence.freshCache);
  const uv = readUvOutput(evidence.uvLines);
  run.uvSummary = {
    downloaded: uv.downloaded,
    prepared: uv.prepared,
    installed: uv.installed,
    audited: uv.audited,
    prepareSeconds: roundSeconds(uv.prepareSeconds),
    installSeconds: roundSeconds(uv.installSeconds),
  };
  if (project) run.installs = project.installs;
  const configured = configuredLinkMode(project?.config ?? [], evidence.env);
  const link = decideLinkMode({
    hardlinkFailed: uv.hardlinkFailed,
    samples: project?.samples ?? [],
    configured,
  });
  run.linkMode = link.mode;
  run.linkModeEvidence = link.because;
  const compile = configuredCompile(project?.config ?? [], evidence.env);
  if (configured || compile)
    run.uvSettings = {
      ...(configured
        ? { linkMode: { value: configured.mode, source: configured.source, from: configured.from } }
        : {}),
      ...(compile ? { compileBytecode: { value: 'true', ...compile } } : {}),
    };
  const differs = run.downloads !== undefined ? disagreement(run.downloads, uv) : undefined;
  return { uv, link, ...(differs ? { disagreement: differs } : {}) };
}
