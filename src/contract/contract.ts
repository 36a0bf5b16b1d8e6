// The image contract stage measures: probes in one container (plus one for
// the cache volume), and the layers only for what fails. Knowing what fails
// is the judge's, so this is the one stage that asks it: it drafts the
// contract gates (pure) on what the probes printed, exports the image once for
// the failed drafts' paths, and reads the layer archives when a size gate
// failed or a waste gate is set (src/judge/draft.ts). The checks themselves
// are made when the pipeline runs the judge.
import path from 'node:path';
import { compareWithBaseline } from '../baseline/baseline.js';
import type { Config } from '../config/index.js';
import type { RequireSpec } from '../config/versions.js';
import { extractVersion } from '../config/versions.js';
import type { Engine } from '../docker/engine.js';
import { ensureImage, type PullContext } from '../docker/pull.js';
import { type ContractMeasured, contractDrafts, pathsToAttribute } from '../judge/draft.js';
import { GATES } from '../judge/gates.js';
import { wasteGateSet } from '../judge/waste.js';
import { isSkipped } from '../model/checks.js';
import { InfraError } from '../model/errors.js';
import type { BaselineImage, MeasuredBaseline } from '../model/facts/baseline.js';
import type {
  ContractMeasurements,
  DockerfileSource,
  ProbeViews,
  VolumeProbe,
} from '../model/facts/contract.js';
import type { InspectedImage } from '../model/facts/image.js';
import type { Log } from '../model/log.js';
import type { Measurements } from '../model/measurements.js';
import type { Baseline, Layer, ReportImage } from '../model/report.js';
import { uvCacheDir } from '../model/uv-cache-dir.js';
import type { RunProcess } from '../process/run.js';
import { probeCacheVolume } from './cache-dir.js';
import { attributePaths } from './layer-attribution.js';
import { inspectLayerContents } from './layer-contents.js';
import { runProbes } from './probe-container.js';
import { type ProbePlan, probeFragments, splitPath } from './probe-script.js';

/** What the probe plan reads of Config (src/config); the gates' limits are the judge's. */
export interface ContractOptions {
  require: readonly RequireSpec[];
  forbidCommands: readonly string[];
  /** Check ids (`non-root-user`, `forbid-command:ruff`) or whole families (`forbid-command`). */
  skipChecks: readonly string[];
}

export interface ContractInput {
  imageRef: string;
  facts: InspectedImage;
  /** ReportImage.layers: oldest first, with Dockerfile lines when known. */
  layers: readonly Layer[];
  dockerfile?: DockerfileSource;
  config: Config;
  runId: string;
  log: Log;
  /** What the run measured before the contract: the gates draft from it too. */
  measured: Measurements;
  /** A baseline measured elsewhere (baseline-ref, baseline-report); else baseline-image is loaded here. */
  baseline?: BaselineImage;
  /** Where registry credentials for pulling baseline-image come from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Runs a credential helper for that pull. */
  runProcess: RunProcess;
}

export interface ContractResult {
  contract: ContractMeasurements;
  /** The baseline and how the image compares with it, with the paths that grew when the layer archives were read. */
  baseline?: { image: BaselineImage; compared: Baseline };
}

/** What the probes must look at, with skipped checks left out. */
export function probePlan(options: ContractOptions, facts: InspectedImage): ProbePlan {
  const skip = (id: string) => isSkipped(id, options.skipChecks);
  const require = options.require.filter((s) => !skip(`require:${s.name}`)).map((s) => s.name);
  return {
    require,
    info: ['python3', 'uv'].filter((name) => !require.includes(name)),
    forbidCommands: options.forbidCommands.filter((name) => !skip(`forbid-command:${name}`)),
    configPath: splitPath(facts.env.PATH),
  };
}

/** baseline-image, pulled when the engine does not have it (a failed pull: exit 2, like --image). */
async function loadBaseline(engine: Engine, ref: string, ctx: PullContext): Promise<BaselineImage> {
  const facts = await ensureImage(engine, ref, ctx, {
    what: 'baseline image',
    where: ' (--baseline-image / baseline-image)',
  });
  return { source: 'image', ref, sizeBytes: facts.sizeBytes, layers: [...facts.history].reverse() };
}

/** Settle every promise before acting on any failure, so no container outlives the stage. */
async function settled<T extends readonly unknown[]>(
  promises: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

export async function runContract(engine: Engine, input: ContractInput): Promise<ContractResult> {
  const { imageRef, facts, config, runId, dockerfile } = input;
  const plan = probePlan(config, facts);
  const cacheOn = !isSkipped('cache-dir-writable', config.skipChecks);
  const knownDir = uvCacheDir(facts.env)?.path;

  // The cache volume container starts beside the probe container when the
  // image config names the folder; otherwise it waits for the user's HOME.
  const [views, earlyVolume, baselineImage] = await settled<
    [ProbeViews, VolumeProbe | undefined, BaselineImage | undefined]
  >([
    runProbes(engine, imageRef, runId, probeFragments(plan), config),
    cacheOn && knownDir
      ? probeCacheVolume(engine, imageRef, knownDir, runId, config)
      : Promise.resolve(undefined),
    input.baseline
      ? Promise.resolve(input.baseline)
      : config.baselineImage
        ? loadBaseline(engine, config.baselineImage, {
            log: input.log,
            env: input.env ?? process.env,
            runProcess: input.runProcess,
          })
        : Promise.resolve(undefined),
  ]);
  let volume = earlyVolume;
  if (cacheOn && !volume) {
    const dir = views.user.cacheDir?.path;
    if (!dir)
      throw new InfraError(`the contract probe in ${imageRef} did not say where the uv cache folder is`);
    volume = await probeCacheVolume(engine, imageRef, dir, runId, config);
  }

  const file = dockerfile ? path.relative(process.cwd(), dockerfile.path) || dockerfile.path : undefined;
  const contract: ContractMeasurements = {
    facts,
    layers: input.layers,
    views,
    attribution: { indexOf: new Map(), historyLength: 0 },
  };
  if (dockerfile && file) contract.dockerfile = { ...dockerfile, path: file };
  if (volume) contract.volume = volume;
  // The one comparison with the baseline; the layer archives may add the paths that grew.
  let compared = baselineImage
    ? compareWithBaseline({ sizeBytes: facts.sizeBytes, layers: input.layers }, baselineImage)
    : undefined;
  const draftOn = (c: Baseline | undefined) =>
    contractDrafts(config, draftMeasurements(input.measured, contract, baselineImage, c), GATES);

  const sizeFailed = draftOn(compared).some((d) => SIZE_GATES.includes(d.id) && d.status === 'fail');
  if (wasteGateSet(config) || sizeFailed) {
    const contents = await inspectLayerContents(engine, {
      imageRef,
      imageSizeBytes: facts.sizeBytes,
      layers: input.layers,
      ...(baselineImage && compared ? { baseline: { image: baselineImage, compared } } : {}),
    });
    contract.waste = contents.waste;
    compared = contents.compared ?? compared;
  }
  const drafts = draftOn(compared);
  contract.attribution = await attributePaths(engine, imageRef, pathsToAttribute(drafts));

  const failed = drafts.filter((d) => d.status === 'fail').length;
  input.log.info(`contract of ${imageRef}: ${drafts.length} checks, ${failed} failed`);
  return baselineImage && compared
    ? { contract, baseline: { image: baselineImage, compared } }
    : { contract };
}

const SIZE_GATES = ['max-image-size', 'max-size-increase'];

/** The measurements the contract gates draft from, before the pipeline has them all. */
function draftMeasurements(
  measured: Measurements,
  contract: ContractMeasurements,
  image: BaselineImage | undefined,
  compared: Baseline | undefined,
): ContractMeasured {
  const baseline: MeasuredBaseline | undefined = image && compared ? { image, compared } : undefined;
  return { ...measured, contract, ...(baseline ? { baseline } : {}) };
}

/** The image as the Report shows it once the contract ran: the versions it probed, the waste it read. */
export function withContractFacts(info: ReportImage, contract: ContractMeasurements): ReportImage {
  const versionOf = (name: string) => {
    const probe = contract.views.user.versions.find((v) => v.name === name && v.exitCode === 0);
    return probe ? extractVersion(probe.output) : undefined;
  };
  const out: ReportImage = { ...info };
  const pythonVersion = versionOf('python3');
  const uvVersion = versionOf('uv');
  if (pythonVersion) out.pythonVersion = pythonVersion;
  if (uvVersion) out.uvVersion = uvVersion;
  if (contract.waste) out.waste = contract.waste;
  return out;
}
