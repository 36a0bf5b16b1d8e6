// The image contract stage measures: probes in one container (plus one for
// the cache volume) and the one comparison with the baseline; then, when the
// pipeline asks for them, the layer archives (waste, what grew) and the layers
// that added the failed checks' paths. Knowing what fails is the judge's: the
// loop between the two is the pipeline's (measureContract in src/pipeline.ts).
import path from 'node:path';
import { compareWithBaseline } from '../baseline/baseline.js';
import type { Config } from '../config/index.js';
import type { Engine } from '../docker/engine-api.js';
import { ensureImage, type PullContext } from '../docker/pull.js';
import { InfraError } from '../model/errors.js';
import type { BaselineImage, MeasuredBaseline } from '../model/facts/baseline.js';
import type {
  Attribution,
  ContractMeasurements,
  DockerfileSource,
  ProbeNeeds,
  ProbeViews,
  VolumeProbe,
} from '../model/facts/contract.js';
import type { InspectedImage } from '../model/facts/image.js';
import type { Log } from '../model/log.js';
import type { Baseline, Layer, ReportImage, Waste } from '../model/report.js';
import { uvCacheDir } from '../model/uv-cache-dir.js';
import { extractVersion } from '../model/versions.js';
import type { RunProcess } from '../process/run.js';
import { probeCacheVolume } from './cache-dir.js';
import { attributePaths } from './layer-attribution.js';
import { inspectLayerContents } from './layer-contents.js';
import { runProbes } from './probe-container.js';
import { type ProbePlan, probeFragments, splitPath } from './probe-script.js';

export interface ContractInput {
  imageRef: string;
  facts: InspectedImage;
  /** ReportImage.layers: oldest first, with Dockerfile lines when known. */
  layers: readonly Layer[];
  dockerfile?: DockerfileSource;
  config: Config;
  /** What the contract gates that are on need probed (the pipeline asks them: probeNeeds). */
  needs: ProbeNeeds;
  runId: string;
  log: Log;
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

/** What the probes must look at: what the gates that are on need, and the versions the report shows. */
export function probePlan(needs: ProbeNeeds, facts: InspectedImage): ProbePlan {
  return {
    require: [...needs.require],
    info: ['python3', 'uv'].filter((name) => !needs.require.includes(name)),
    forbidCommands: [...needs.forbidCommands],
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
  const { imageRef, facts, config, runId, dockerfile, needs } = input;
  const plan = probePlan(needs, facts);
  const cacheOn = needs.cacheVolume;
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
  if (!baselineImage) return { contract };
  // The one comparison with the baseline; the layer archives may add the paths that grew.
  const compared = compareWithBaseline({ sizeBytes: facts.sizeBytes, layers: input.layers }, baselineImage);
  return { contract, baseline: { image: baselineImage, compared } };
}

/** The layer archives, read: the waste, and the comparison with the paths that grew in each grown layer. */
export async function readLayerContents(
  engine: Engine,
  contract: ContractMeasurements,
  baseline: MeasuredBaseline | undefined,
): Promise<{ waste: Waste; compared?: Baseline }> {
  const { facts, layers } = contract;
  const compared = baseline?.compared;
  const contents = await inspectLayerContents(engine, {
    imageRef: facts.id,
    imageSizeBytes: facts.sizeBytes,
    layers,
    ...(baseline && compared ? { baseline: { image: baseline.image, compared } } : {}),
  });
  return contents.compared
    ? { waste: contents.waste, compared: contents.compared }
    : { waste: contents.waste };
}

/** The layer that added each path, from one export of the image (nothing to export for no path). */
export function attributeLayers(
  engine: Engine,
  contract: ContractMeasurements,
  paths: readonly string[],
): Promise<Attribution> {
  return attributePaths(engine, contract.facts.id, paths);
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
