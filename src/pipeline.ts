// The engine behind both front doors: config in, one Report out.
// Measure (build or an existing image → baseline → contract → end to end),
// judge (src/judge), assemble the Report; whatever a run created on the
// engine is removed at the end. The loop between measuring and judging is
// written here: the contract gates' drafts decide which layers are read
// (measureContract).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runAudit } from './audit/run-audit.js';
import { auditHosts } from './audit/run-hosts.js';
import { baselineEntry } from './baseline/baseline.js';
import type { BuiltBaseline } from './baseline/baseline-ref.js';
import {
  measureBaselineUv,
  type ResolvedBaseline,
  readBaselineInput,
  resolveBaseline,
} from './baseline/resolve.js';
import { CLASSIC, inspectBuilder, type ResolvedBackend, resolveBackend } from './build/backend.js';
import { buildImage } from './build/build.js';
import { buildContextsProblem } from './build/build-contexts.js';
import type { BuildOptions } from './build/buildx.js';
import { cacheExportProblems } from './build/cache-options.js';
import { toReportImage } from './build/image-info.js';
import { platformProblem } from './build/platform.js';
import { readBuildSecrets } from './build/secrets.js';
import { targetEnv } from './config/docker-contexts.js';
import { engineEndpoint } from './config/engine-endpoint.js';
import { checkEngineInputs, type EngineView } from './config/engine-inputs.js';
import type { Config } from './config/index.js';
import {
  attributeLayers,
  type ContractInput,
  readLayerContents,
  runContract,
  withContractFacts,
} from './contract/contract.js';
import { type ConnectOptions, connectEngine, watchEngine } from './docker/engine.js';
import type { Engine } from './docker/engine-api.js';
import { abortReason, Ledger } from './docker/guard.js';
import { ensureImage, type PullContext } from './docker/pull.js';
import { type E2eHooks, type E2eResult, runE2e } from './e2e/run/run-e2e.js';
import {
  type ContractMeasured,
  contractDrafts,
  layerContentsNeeded,
  pathsToAttribute,
  probeNeeds,
} from './judge/draft.js';
import { GATES } from './judge/gates.js';
import { judgeEach } from './judge/judge.js';
import { UV_VERSION_CHANGE } from './judge/uv-version.js';
import { isSkipped } from './model/checks.js';
import type { Command } from './model/command.js';
import { describeError, InfraError, InputError } from './model/errors.js';
import type { BaselineImage } from './model/facts/baseline.js';
import type { DockerfileSource } from './model/facts/contract.js';
import type { InspectedImage } from './model/facts/image.js';
import { recordedHeadline } from './model/figures/proved-runs.js';
import type { Log } from './model/log.js';
import type { Measurements } from './model/measurements.js';
import { type Redactor, redactingLog, redactorFor } from './model/redact.js';
import type { Report, ReportImage } from './model/report.js';
import { addVerdicts, finishReport, newReport, type Verdicts } from './model/report-building.js';
import { listWords } from './model/text.js';
import { processRunner, type RunProcess } from './process/run.js';
import { sweep } from './run/cleanup.js';

export interface PipelineDeps {
  log: Log;
  runId: string;
  connect?: (options: ConnectOptions) => Promise<Engine>;
  /** The environment the host's index, proxy and TLS settings come from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Aborted by a signal (its reason an Interrupted): the run stops, cleans up and reports `error`. */
  signal?: AbortSignal;
  /** The one redaction step (src/model/redact.ts); made from the config when not given. */
  redactor?: Redactor;
  /** For tests only: look inside the workers between phases. */
  e2eHooks?: E2eHooks;
}

/** The redactor of a run: the credentials of its URLs, its token, its secret build arguments. */
export function runRedactor(config: Config, env: Readonly<Record<string, string | undefined>>): Redactor {
  return redactorFor({
    template: config.template,
    githubToken: config.githubToken,
    buildArgs: config.buildArgs,
    env,
    buildSecrets: readBuildSecrets(config.secrets, env).values,
  });
}

/** The deps every stage of one run gets: the caller's, and the run's one way to run a program on the host. */
interface RunDeps extends PipelineDeps {
  runProcess: RunProcess;
}

/** The image under test: its Report entry and the engine's facts. */
export interface ImageUnderTest {
  info: ReportImage;
  facts: InspectedImage;
  dockerfile?: DockerfileSource;
}

/**
 * Measure (the image, its baseline, the contract, the end to end, the
 * regression run), judge, assemble the Report, clean up. The Report comes
 * back redacted, and every log line went through the same redactor.
 */
export async function runPipeline(command: Command, config: Config, given: PipelineDeps): Promise<Report> {
  if (command === 'audit' && config.engineTargets && config.engineTargets.length > 0)
    return auditEachEngine(config, config.engineTargets, given);
  const redactor = given.redactor ?? runRedactor(config, given.env ?? process.env);
  // Aborted by the caller's signal, or by the watchdog when the engine stops answering.
  const hang = new AbortController();
  const signal = given.signal ? AbortSignal.any([given.signal, hang.signal]) : hang.signal;
  const deps: RunDeps = {
    ...given,
    log: redactingLog(given.log, redactor),
    runProcess: processRunner({ timeoutSeconds: config.engineTimeoutSeconds, signal, redactor }),
  };
  const report = newReport(command);
  if (config.cell) report.cell = config.cell;
  // Each stage puts what it measured here as it finishes, so an error keeps what came before it.
  const measured: Measurements = { command };
  let error: Report['error'];
  const ledger = new Ledger();
  let engine: Engine | undefined;
  let watchdog: { stop(): void } | undefined;
  let baseline: ResolvedBaseline | undefined;
  try {
    // What needs no engine is read first: a bad baseline is refused before anything starts.
    const baselineInput = await readBaselineInput(command, config, deps.runProcess);
    const builds = (command === 'build' || command === 'verify') && (!config.image || config.baselineRef);
    const backend = builds
      ? await resolveBackend(config.buildBackend, deps.runProcess, deps.env ?? process.env)
      : CLASSIC;
    if (builds) await refuseBuildOptions(config, backend, deps);
    engine = await (deps.connect ?? ((o) => connectEngine(deps.env ?? process.env, o)))({
      timeoutSeconds: config.engineTimeoutSeconds,
      signal,
      ledger,
    });
    watchdog = watchEngine(engine, config.engineTimeoutSeconds, (err) => hang.abort(err));
    // Which engine answered, so a merged matrix says where each cell ran.
    report.engine = { endpoint: engineEndpoint(deps.env ?? process.env), ...(await engine.identity()) };
    if (command === 'audit') await runAudit(engine, config, deps, report);
    else await checkEngineInputs(command, config, engineView(engine, deps));
    const target =
      command === 'audit'
        ? undefined
        : await measureTarget(engine, command, config, { ...deps, backend }, measured);
    if (target) {
      baseline = await resolveBaseline(
        engine,
        command,
        config,
        { ...deps, backend, buildOptions: buildOptions(config) },
        baselineInput,
        target.dockerfile?.path,
      );
      if (command === 'check' || command === 'verify') {
        await measureContract(engine, target, config, deps, measured, baseline?.baseline);
        if (!isSkipped(UV_VERSION_CHANGE.id, config.skipChecks))
          await measureBaselineUv(engine, config, baseline, deps, measured.baseline);
      }
      if (command === 'e2e' || (command === 'verify' && !config.skipE2e)) {
        await measureE2e(
          engine,
          target,
          config,
          deps,
          measured,
          baseline?.built?.imageId ?? config.baselineImage,
        );
        if (baseline?.built && config.maxWarmSetupRegression !== undefined && config.baselineRef) {
          await measureWarmRegression(engine, baseline.built, config, deps, measured);
        }
      }
      // Shown beside this run's figures once its end to end finished.
      if (baseline?.setup && measured.baseline) measured.baseline.setup = baseline.setup;
    }
    if (signal.aborted) throw abortReason(signal);
  } catch (err) {
    error = describeError(signal.aborted ? abortReason(signal) : err);
    if (
      !signal.aborted &&
      !(err instanceof InputError || err instanceof InfraError) &&
      err instanceof Error &&
      err.stack
    ) {
      error = { message: `internal error: ${err.message}`, detail: err.stack };
    }
  } finally {
    watchdog?.stop();
    if (engine) await cleanUp(engine, deps, measured.e2e?.kept !== undefined);
    await baseline?.built
      ?.dispose()
      .catch((err: unknown) => deps.log.warn(`baseline clean-up: ${describeError(err).message}`));
  }
  // What was measured is judged even after an error: its checks stay in the Report beside the error.
  assembleReport(report, measured, judgeEach(config, measured));
  if (error) report.error = error;
  const left = ledger.entries();
  if (report.error && left.length > 0) {
    // Volumes and networks by name, containers by their short id, as docker ps shows them.
    const objects = left
      .map((e) => `${e.kind} ${e.kind === 'container' ? e.id.slice(0, 12) : e.id}`)
      .join(', ');
    const advice = `objects of run ${deps.runId} may be left on the engine (${objects}): remove them with \`worker-gate clean --run ${deps.runId}\` once the engine answers`;
    report.error.detail = report.error.detail ? `${report.error.detail}\n${advice}` : advice;
  }
  return redactor.deep(finishReport(report));
}

/** audit over several engines: each one's audit, on its own environment and connection, then the fleet's Report. */
function auditEachEngine(
  config: Config,
  targets: NonNullable<Config['engineTargets']>,
  given: PipelineDeps,
): Promise<Report> {
  const one: Config = { ...config, engineTargets: [] };
  return auditHosts({
    targets,
    skipChecks: config.skipChecks,
    ...(given.signal ? { signal: given.signal } : {}),
    runOne: (target) => {
      const env = targetEnv(given.env ?? process.env, target);
      return runPipeline('audit', one, { ...given, env, connect: (o) => connectEngine(env, o) });
    },
  });
}

/** The measured parts the Report shows as they are, then every gate's verdicts in report order. */
function assembleReport(report: Report, measured: Measurements, verdicts: readonly Verdicts[]): void {
  if (measured.image) report.image = measured.image;
  if (measured.build) report.build = measured.build;
  const baseline = baselineEntry(measured);
  if (baseline) report.baseline = baseline;
  if (measured.e2e) report.e2e = measured.e2e;
  addVerdicts(report, verdicts);
}

/**
 * The contract, and the contract gates' loop back to the engine (src/judge/draft.ts), paid only
 * for what the gates need: the probes and the comparison with the baseline; then, when a gate
 * asks (a size that failed, a waste gate that is set), the layer archives; then one export of
 * the image for the layers that added the failed drafts' paths. The judge finishes the drafts
 * with those layers. Then the image with the versions the probes read.
 */
export async function measureContract(
  engine: Engine,
  target: ImageUnderTest,
  config: Config,
  deps: RunDeps,
  measured: Measurements,
  baseline: BaselineImage | undefined,
): Promise<void> {
  const input: ContractInput = {
    imageRef: target.facts.id,
    facts: target.facts,
    layers: target.info.layers,
    config,
    needs: probeNeeds(config, GATES),
    runId: deps.runId,
    log: deps.log,
    env: deps.env ?? process.env,
    runProcess: deps.runProcess,
  };
  if (target.dockerfile) input.dockerfile = target.dockerfile;
  if (baseline) input.baseline = baseline;
  await deps.log.group(`contract ${target.info.ref}`, async () => {
    const probed = await runContract(engine, input);
    const { contract } = probed;
    measured.contract = contract;
    if (probed.baseline) measured.baseline = probed.baseline;
    const drafting = (): ContractMeasured => ({ ...measured, contract });
    if (layerContentsNeeded(config, drafting(), GATES)) {
      const contents = await readLayerContents(engine, contract, measured.baseline);
      contract.waste = contents.waste;
      if (contents.compared && measured.baseline) measured.baseline.compared = contents.compared;
    }
    const drafts = contractDrafts(config, drafting(), GATES);
    contract.attribution = await attributeLayers(engine, contract, pathsToAttribute(drafts));
    const failed = drafts.filter((d) => d.status === 'fail').length;
    deps.log.info(`contract of ${target.facts.id}: ${drafts.length} checks, ${failed} failed`);
    measured.image = withContractFacts(target.info, contract);
  });
}

/** The end to end on the image under test. */
async function measureE2e(
  engine: Engine,
  target: ImageUnderTest,
  config: Config,
  deps: RunDeps,
  measured: Measurements,
  baselineImageRef: string | undefined,
): Promise<void> {
  // verify: the contract's probe already read the user's HOME, which the e2e's cache folder may need.
  const userHome = measured.contract?.views.user.identity?.home;
  const result = await runE2eOn(engine, target.facts.id, target.facts, config, deps, {
    baselineImageRef,
    userHome,
  });
  measured.e2e = result.e2e;
  measured.e2eFacts = result.facts;
}

function runE2eOn(
  engine: Engine,
  imageRef: string,
  facts: InspectedImage,
  config: Config,
  deps: RunDeps,
  known: { baselineImageRef?: string | undefined; userHome?: string | undefined } = {},
): Promise<E2eResult> {
  const { baselineImageRef, userHome } = known;
  return runE2e(engine, {
    imageRef,
    facts,
    options: config,
    runId: deps.runId,
    log: deps.log,
    hostEnv: deps.env ?? process.env,
    runProcess: deps.runProcess,
    ...(baselineImageRef ? { baselineImageRef } : {}),
    ...(userHome ? { userHome } : {}),
    ...(deps.e2eHooks ? { hooks: deps.e2eHooks } : {}),
  });
}

/** For max-warm-setup-regression: the same scenario on the baseline image, in this run, side by side. */
async function measureWarmRegression(
  engine: Engine,
  built: BuiltBaseline,
  config: Config,
  deps: RunDeps,
  measured: Measurements,
): Promise<void> {
  const facts = await engine.images.inspect(built.imageId);
  if (!facts) throw new InfraError(`the baseline image ${built.imageId} vanished from the engine`);
  const result = await deps.log.group(`e2e on the baseline at ${config.baselineRef}`, () =>
    runE2eOn(engine, built.imageId, facts, config, deps),
  );
  if (measured.baseline)
    measured.baseline.warmRun = {
      medianSeconds: result.e2e.setup?.warmSeconds?.median,
      runs: recordedHeadline(result.e2e)?.warmSetupSeconds?.runs ?? [],
    };
}

/** What checkEngineInputs asks the engine. */
function engineView(engine: Engine, deps: RunDeps): EngineView {
  return {
    cpuCount: () => engine.cpuCount(),
    // Pulled when missing; a pull that fails is the input's problem, in the pull's own words.
    obtainImage: async (ref, input) => {
      try {
        await ensureImage(engine, ref, pullContext(deps), {
          what: input.replace('-', ' '),
        });
        return undefined;
      } catch (err) {
        if (err instanceof InfraError) return err.message;
        throw err;
      }
    },
  };
}

/** The Dockerfile behind an existing image: only one the user named (not the shipped default). */
function givenDockerfile(config: Config): ImageUnderTest['dockerfile'] {
  if (config.sources.dockerfile === 'default' || config.sources.dockerfile === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(config.dockerfile, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read the Dockerfile ${config.dockerfile}: ${describeError(err).message}`, {
      input: 'dockerfile',
    });
  }
  return { path: config.dockerfile, text, buildArgs: { ...config.buildArgs } };
}

function pullContext(deps: RunDeps): PullContext {
  return { log: deps.log, env: deps.env ?? process.env, runProcess: deps.runProcess };
}

/** Everything the run labelled, except what --keep kept after a failed phase. */
async function cleanUp(engine: Engine, deps: RunDeps, skipKept: boolean): Promise<void> {
  try {
    const swept = await sweep(engine, { runId: deps.runId }, { skipKept, runProcess: deps.runProcess });
    for (const error of swept.errors) deps.log.warn(`clean-up: ${error}`);
  } catch (err) {
    deps.log.warn(`clean-up of run ${deps.runId} failed: ${describeError(err).message}`);
  }
}

/** What the user asked of the build besides its arguments; the baseline is built the same way. */
function buildOptions(config: Config): BuildOptions {
  return {
    ...(config.target ? { target: config.target } : {}),
    cache: config.buildCache,
    pull: config.pull,
    secrets: config.secrets,
    cacheFrom: config.cacheFrom,
    cacheTo: config.cacheTo,
    buildContexts: config.buildContexts,
    ssh: config.ssh,
    ...(config.platform ? { platform: config.platform } : {}),
  };
}

/**
 * Secrets that cannot be read, what the classic builder cannot do, caches the
 * builder's driver cannot write, named contexts and a platform it cannot read or
 * build for: refused
 * together before anything starts.
 */
async function refuseBuildOptions(config: Config, backend: ResolvedBackend, deps: RunDeps): Promise<void> {
  const env = deps.env ?? process.env;
  const problems = readBuildSecrets(config.secrets, env).problems;
  if (backend.backend === 'classic') {
    const given = {
      secrets: config.secrets.length,
      'cache-from': config.cacheFrom.length,
      'cache-to': config.cacheTo.length,
      'build-contexts': Object.keys(config.buildContexts).length,
      ssh: config.ssh.length,
    } as const;
    const needBuildkit = (Object.keys(given) as (keyof typeof given)[])
      .filter((name) => given[name] > 0)
      .map((name) => config.spelled[name]);
    if (needBuildkit.length > 0) {
      problems.unshift(
        `${listWords(needBuildkit)} need${needBuildkit.length === 1 ? 's' : ''} BuildKit, which the classic builder is not (${backend.reason}): install docker buildx, or set ${config.spelled['build-backend']} buildkit`,
      );
    }
  } else if (config.cacheTo.length > 0 || config.platform || Object.keys(config.buildContexts).length > 0) {
    const builder = await inspectBuilder(deps.runProcess, env);
    const contexts = buildContextsProblem(config.buildContexts, builder, config.spelled['build-contexts']);
    if (contexts) problems.push(contexts);
    problems.push(...cacheExportProblems(config.cacheTo, builder.driver, config.spelled['cache-to']));
    const platform = config.platform && platformProblem(config.platform, builder, config.spelled.platform);
    if (platform) problems.push(platform);
  }
  if (problems.length > 0) {
    throw new InputError(problems[0] ?? '', { input: 'build options', details: problems.slice(1) });
  }
}

function defaultTag(dockerfile: string): string {
  const folder = path
    .basename(path.dirname(path.resolve(dockerfile)))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-');
  return `worker-gate/${folder || 'worker'}:local`;
}

/** Build the image (build, verify) or find the one named by --image; a build that fails is measured too. */
async function measureTarget(
  engine: Engine,
  command: Command,
  config: Config,
  deps: RunDeps & { backend: ResolvedBackend },
  measured: Measurements,
): Promise<ImageUnderTest | undefined> {
  if (config.image) {
    const facts = await ensureImage(engine, config.image, pullContext(deps), {
      what: 'image',
      where: ' (--image / image)',
    });
    const dockerfile = givenDockerfile(config);
    measured.image = toReportImage(config.image, facts, dockerfile);
    return { info: measured.image, facts, ...(dockerfile ? { dockerfile } : {}) };
  }
  if (command === 'check' || command === 'e2e') {
    throw new InputError(`\`${command}\` needs --image REF (the image to test); \`verify\` builds one`, {
      input: 'image',
    });
  }
  const { dockerfile, context } = config;
  const tag = config.tag ?? defaultTag(dockerfile);
  const result = await buildImage(
    engine,
    {
      dockerfile,
      context,
      tag,
      buildArgs: config.buildArgs,
      labels: { ...config.labels },
      env: deps.env ?? process.env,
      runProcess: deps.runProcess,
      backend: deps.backend,
      options: buildOptions(config),
      spelled: config.spelled,
    },
    deps.log,
  );
  measured.build = result.build;
  if (!result.ok) {
    measured.buildFailure = result.failure;
    return undefined;
  }
  measured.image = result.image;
  return {
    info: result.image,
    facts: result.facts,
    dockerfile: { path: dockerfile, text: result.dockerfileText, buildArgs: { ...config.buildArgs } },
  };
}
