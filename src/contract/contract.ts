// The image contract stage: probes in one container (plus one for the cache
// volume), checks from what they print, layers worked out only for what
// failed. The pipeline adds each check with report.ts `addCheck`.
import path from 'node:path';
import { largestLayers } from '../build/image-info.js';
import { extractVersion } from '../config/versions.js';
import type { Engine } from '../docker/engine.js';
import type { ImageFacts } from '../docker/images.js';
import { ensureImage, type PullContext } from '../docker/pull.js';
import { InfraError } from '../errors.js';
import type { Log } from '../log.js';
import type { Baseline, Finding, Layer, Waste } from '../report/types.js';
import { uvCacheDir } from '../uv-cache-dir.js';
import { cacheDirCheck, probeCacheVolume, type VolumeProbe } from './cache-dir.js';
import { forbidCommandCheck, requireCheck } from './command-checks.js';
import { describeLayer } from './describe.js';
import { distributions } from './distributions.js';
import { envLeaksCheck } from './env-leaks-check.js';
import { attributePaths } from './layer-attribution.js';
import { inspectLayerContents, wantsLayerContents } from './layer-contents.js';
import { forbidPackageCheck } from './package-checks.js';
import { pinnedImagesCheck } from './pinned-check.js';
import { type ProbeViews, runProbes } from './probe-container.js';
import { type ProbePlan, probeFragments, splitPath } from './probe-script.js';
import { compareWithBaseline, maxImageSizeCheck, maxSizeIncreaseCheck } from './size-checks.js';
import {
  type ContractCheck,
  type ContractOptions,
  type DockerfileSource,
  type DraftCheck,
  isSkipped,
} from './types.js';
import { describeUser, nonRootUserCheck } from './user-check.js';

export interface ContractInput {
  imageRef: string;
  facts: ImageFacts;
  /** ImageInfo.layers: oldest first, with Dockerfile lines when known. */
  layers: readonly Layer[];
  dockerfile?: DockerfileSource;
  options: ContractOptions;
  runId: string;
  log: Log;
  /** A baseline measured elsewhere (baseline-ref, baseline-report); else baseline-image is loaded here. */
  baseline?: BaselineImage;
  /** Where registry credentials for pulling baseline-image come from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** What the image is compared with: its size and layers, and where they came from. */
export interface BaselineImage {
  source: Baseline['source'];
  /** The git ref (source `ref`) or the report file (source `report`). */
  origin?: string;
  ref: string;
  sizeBytes: number;
  layers: Layer[];
}

export interface ContractResult {
  /** In report order; add each with `addCheck(report, c.check, c.annotate)`. */
  checks: ContractCheck[];
  pythonVersion?: string;
  uvVersion?: string;
  baseline?: Baseline;
  /** The five largest layers, biggest first. */
  largestLayers: Layer[];
  /** Read from the layer archives when a waste gate is set or a size gate failed. */
  waste?: Waste;
}

/** What the probes must look at, with skipped checks left out. */
export function probePlan(options: ContractOptions, facts: ImageFacts): ProbePlan {
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
  const { imageRef, facts, options, runId, dockerfile } = input;
  const skip = (id: string) => isSkipped(id, options.skipChecks);
  const plan = probePlan(options, facts);
  const cacheOn = !skip('cache-dir-writable');
  const knownDir = uvCacheDir(facts.env)?.path;

  // The cache volume container starts beside the probe container when the
  // image config names the folder; otherwise it waits for the user's HOME.
  const [views, earlyVolume, baselineImage] = await settled<
    [ProbeViews, VolumeProbe | undefined, Awaited<ReturnType<typeof loadBaseline>> | undefined]
  >([
    runProbes(engine, imageRef, runId, probeFragments(plan), options),
    cacheOn && knownDir
      ? probeCacheVolume(engine, imageRef, knownDir, runId, options)
      : Promise.resolve(undefined),
    input.baseline
      ? Promise.resolve(input.baseline)
      : options.baselineImage
        ? loadBaseline(engine, options.baselineImage, { log: input.log, env: input.env ?? process.env })
        : Promise.resolve(undefined),
  ]);
  let volume = earlyVolume;
  if (cacheOn && !volume) {
    const dir = views.user.cacheDir?.path;
    if (!dir)
      throw new InfraError(`the contract probe in ${imageRef} did not say where the uv cache folder is`);
    volume = await probeCacheVolume(engine, imageRef, dir, runId, options);
  }

  const file = dockerfile ? path.relative(process.cwd(), dockerfile.path) || dockerfile.path : undefined;
  const who = `the image's user ${describeUser(facts.user, views.user)}`;
  const drafts: DraftCheck[] = [];
  for (const spec of options.require) {
    if (plan.require.includes(spec.name)) drafts.push(requireCheck(spec, views.user, who));
  }
  for (const name of plan.forbidCommands) drafts.push(forbidCommandCheck(name, views.user, views.root, who));
  // Both views may print the same venv on PATH: one entry per folder.
  const sites = [
    ...new Map([...views.root.sites, ...views.user.sites].map((site) => [site.path, site])).values(),
  ];
  const installed = distributions([...views.root.metadata, ...views.user.metadata]);
  const forbidden = new Set(options.forbidPackages);
  for (const name of forbidden) {
    if (!skip(`forbid-package:${name}`)) {
      drafts.push(forbidPackageCheck(name, installed, sites, forbidden, options.allowPackages));
    }
  }
  if (!skip('non-root-user')) drafts.push(nonRootUserCheck(facts.user, views.user, dockerfile?.text));
  if (volume) drafts.push(cacheDirCheck(volume, views.user.cacheDir, who));
  const leaks = skip('env-leaks') ? undefined : envLeaksCheck(facts.env);
  if (leaks) drafts.push(leaks);
  if (options.maxImageSize !== undefined && !skip('max-image-size')) {
    drafts.push(maxImageSizeCheck(facts.sizeBytes, options.maxImageSize, input.layers, file));
  }
  const baseline = baselineImage
    ? compareWithBaseline({ sizeBytes: facts.sizeBytes, layers: input.layers }, baselineImage)
    : undefined;
  if (options.maxSizeIncrease && !skip('max-size-increase')) {
    drafts.push(
      baseline
        ? maxSizeIncreaseCheck(baseline, options.maxSizeIncrease, file)
        : {
            id: 'max-size-increase',
            status: 'warn',
            summary:
              'max-size-increase is set but there is no baseline to compare with (baseline-image, baseline-ref or baseline-report)',
          },
    );
  }
  if (dockerfile && file && !skip('pinned-images')) {
    drafts.push(pinnedImagesCheck({ ...dockerfile, path: file }, options.requirePinnedImages));
  }

  let waste: Waste | undefined;
  if (wantsLayerContents(options, drafts)) {
    const contents = await inspectLayerContents(engine, {
      imageRef,
      imageSizeBytes: facts.sizeBytes,
      layers: input.layers,
      options,
      drafts,
      ...(baseline ? { baseline } : {}),
      ...(baselineImage && baselineImage.source !== 'report' ? { baselineImage } : {}),
      ...(file ? { dockerfile: file } : {}),
    });
    drafts.push(...contents.drafts);
    waste = contents.waste;
  }

  const checks = await finishChecks(engine, imageRef, drafts, input.layers, file);
  const failed = checks.filter((c) => c.check.status === 'fail').length;
  input.log.info(`contract of ${imageRef}: ${checks.length} checks, ${failed} failed`);

  const result: ContractResult = {
    checks,
    largestLayers: largestLayers([...input.layers]),
  };
  const versionOf = (name: string) => {
    const probe = views.user.versions.find((v) => v.name === name && v.exitCode === 0);
    return probe ? extractVersion(probe.output) : undefined;
  };
  const pythonVersion = versionOf('python3');
  const uvVersion = versionOf('uv');
  if (pythonVersion) result.pythonVersion = pythonVersion;
  if (uvVersion) result.uvVersion = uvVersion;
  if (baseline) result.baseline = baseline;
  if (waste) result.waste = waste;
  return result;
}

/** Layers for what failed (one image export for all of it), then the final words and annotations. */
async function finishChecks(
  engine: Engine,
  imageRef: string,
  drafts: readonly DraftCheck[],
  layers: readonly Layer[],
  file: string | undefined,
): Promise<ContractCheck[]> {
  const wanted = new Set<string>();
  for (const draft of drafts) {
    if (draft.status !== 'fail') continue;
    for (const item of draft.items ?? [])
      if (item.finding.path.startsWith('/')) wanted.add(item.finding.path);
    for (const p of draft.attributePaths ?? []) wanted.add(p);
  }
  const attributed = await attributePaths(engine, imageRef, [...wanted]);
  const layerOf = (p: string): Finding['layer'] | undefined => {
    const historyIndex = attributed.indexOf.get(p);
    if (historyIndex === undefined) return undefined;
    // Our layers come from the engine's history of the same image: one per entry.
    const index = historyIndex + (layers.length - attributed.historyLength);
    const layer = layers[index];
    if (!layer) return undefined;
    return layer.dockerfileLine
      ? { index, createdBy: layer.createdBy, dockerfileLine: layer.dockerfileLine }
      : { index, createdBy: layer.createdBy };
  };
  const addedBy = (layer: Finding['layer']): string =>
    layer ? `, added by layer ${layer.index} ${describeLayer(layer, file)}` : '';

  return drafts.map((draft): ContractCheck => {
    const fails = draft.status === 'fail';
    let line = draft.line;
    const texts: string[] = [];
    const found: Finding[] = [];
    for (const item of draft.items ?? []) {
      const finding = { ...item.finding };
      const layer = fails ? layerOf(finding.path) : undefined;
      if (layer) finding.layer = layer;
      line ??= layer?.dockerfileLine;
      found.push(finding);
      if (item.text) texts.push(`${item.text}${addedBy(layer)}`);
    }
    let detail = texts.length > 0 ? `${draft.summary}: ${texts.join('; ')}` : draft.summary;
    if (fails) {
      for (const p of draft.attributePaths ?? []) {
        const layer = layerOf(p);
        detail += addedBy(layer);
        line ??= layer?.dockerfileLine;
      }
    }
    const check: ContractCheck['check'] = { id: draft.id, status: draft.status, detail };
    if (found.length > 0) check.found = found;
    const out: ContractCheck = { check };
    if (file) out.annotate = line ? { file, line } : { file };
    return out;
  });
}
