// The baseline from baseline-report (read before the engine is contacted) or
// baseline-ref (its commit found before, its image built once the engine
// answers); baseline-image is loaded by the contract, beside its probes. And
// the baseline image's uv version, for uv-version-change.
import type { ResolvedBackend } from '../build/backend.js';
import type { BuildOptions } from '../build/buildx.js';
import type { Config } from '../config/index.js';
import type { Engine } from '../docker/engine-api.js';
import type { Command } from '../model/command.js';
import type { BaselineImage, MeasuredBaseline } from '../model/facts/baseline.js';
import type { Log } from '../model/log.js';
import type { RunProcess } from '../process/run.js';
import {
  type BuiltBaseline,
  buildBaselineAtRef,
  type LocatedRef,
  locateBaselineRef,
} from './baseline-ref.js';
import { baselineFromReport, type ReportBaseline } from './baseline-report.js';
import { hostGit } from './git.js';
import { probeUvVersion } from './uv-version.js';

export interface ResolvedBaseline {
  baseline: BaselineImage;
  /** baseline-ref: the image built at the ref, removed at the end. */
  built?: BuiltBaseline;
  setup?: ReportBaseline['setup'];
  uvVersion?: string;
}

/** What the baseline needs from files and git, before the engine: an earlier report, or the ref's commit. */
export interface BaselineInput {
  fromReport?: ReportBaseline;
  located?: LocatedRef;
}

/** Bad input here (an unreadable report, a ref git does not know) stops the run before anything starts. */
export async function readBaselineInput(
  command: Command,
  config: Config,
  runProcess: RunProcess,
): Promise<BaselineInput> {
  if (command === 'build') return {};
  if (config.baselineReport)
    return { fromReport: baselineFromReport(config.baselineReport, config.spelled['baseline-report']) };
  if (config.baselineRef && command === 'verify')
    return { located: await locateBaselineRef(config.dockerfile, config.baselineRef, hostGit(runProcess)) };
  return {};
}

/** The baseline an earlier report or a git ref gives; `dockerfile`: the image under test's, rebuilt at the ref. */
export async function resolveBaseline(
  engine: Engine,
  command: Command,
  config: Config,
  run: {
    log: Log;
    runId: string;
    runProcess: RunProcess;
    backend: ResolvedBackend;
    buildOptions: BuildOptions;
  },
  input: BaselineInput,
  dockerfile: string | undefined,
): Promise<ResolvedBaseline | undefined> {
  if (input.fromReport) {
    const { baseline, setup, uvVersion } = input.fromReport;
    return { baseline, ...(setup ? { setup } : {}), ...(uvVersion ? { uvVersion } : {}) };
  }
  if (config.baselineRef && command === 'verify') {
    const built = await run.log.group(`baseline at ${config.baselineRef}`, () =>
      buildBaselineAtRef(
        engine,
        {
          ref: config.baselineRef ?? '',
          dockerfile: dockerfile ?? config.dockerfile,
          context: config.context,
          buildArgs: { ...config.buildArgs },
          runId: run.runId,
          ...(input.located ? { located: input.located } : {}),
          runProcess: run.runProcess,
          backend: run.backend,
          options: run.buildOptions,
        },
        run.log,
      ),
    );
    return { baseline: built.baseline, built };
  }
  return undefined;
}

/** The baseline's uv version into `measured`: from baseline-report, else probed in the baseline image. */
export async function measureBaselineUv(
  engine: Engine,
  config: Config,
  resolved: ResolvedBaseline | undefined,
  run: { log: Log; runId: string },
  measured: MeasuredBaseline | undefined,
): Promise<void> {
  if (!measured) return;
  const uv =
    resolved?.uvVersion ??
    (measured.image.source === 'report'
      ? undefined
      : await probeUvVersion(
          engine,
          resolved?.built?.imageId ?? measured.image.ref,
          run.runId,
          config,
          run.log,
        ));
  if (uv) measured.uvVersion = uv;
}
