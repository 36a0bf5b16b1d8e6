// The engine behind both front doors: config in, one Report out.
// build (or an existing image) → contract → end to end; every stage adds to
// the Report; whatever a run created on the engine is removed at the end.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runAudit } from './audit/run-audit.js';
import {
  type BuiltBaseline,
  buildBaselineAtRef,
  type LocatedRef,
  locateBaselineRef,
} from './baseline/baseline-ref.js';
import { baselineFromReport, type ReportBaseline } from './baseline/baseline-report.js';
import { hostGit } from './baseline/git.js';
import { probeUvVersion, uvVersionCheck } from './baseline/uv-version.js';
import { buildImage } from './build/build.js';
import { toImageInfo } from './build/image-info.js';
import { isSkipped } from './checks/ids.js';
import { checkEngineInputs, type EngineView } from './config/engine-inputs.js';
import { type Config, InputError } from './config/index.js';
import { type BaselineImage, type ContractInput, runContract } from './contract/contract.js';
import { sweep } from './docker/cleanup.js';
import { type ConnectOptions, connectEngine, type Engine, watchEngine } from './docker/engine.js';
import { abortReason, Ledger } from './docker/guard.js';
import { type ImageFacts, inspectImage } from './docker/images.js';
import { ensureImage, type PullContext } from './docker/pull.js';
import { type E2eHooks, type E2eResult, runE2e } from './e2e/run-e2e.js';
import { describeError, InfraError } from './errors.js';
import { warmRegressionCheck, warmSetupRatio } from './gates/regression.js';
import { judge } from './judge/judge.js';
import type { Log } from './log.js';
import { type Redactor, redactingLog, redactorFor } from './report/redact.js';
import { addCheck, addFailure, type Command, finishReport, newReport } from './report/report.js';
import type { ImageInfo, Report } from './report/types.js';

export interface PipelineDeps {
  log: Log;
  runId: string;
  connect?: (options: ConnectOptions) => Promise<Engine>;
  /** The environment the host's index, proxy and TLS settings come from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Aborted by a signal (its reason an Interrupted): the run stops, cleans up and reports `error`. */
  signal?: AbortSignal;
  /** The one redaction step (src/report/redact.ts); made from the config when not given. */
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
  });
}

/** The image under test: its Report entry and the engine's facts. */
export interface Target {
  info: ImageInfo;
  facts: ImageFacts;
  dockerfile?: { path: string; text: string; buildArgs: Record<string, string> };
}

/** The Report comes back redacted, and every log line went through the same redactor. */
export async function runPipeline(command: Command, config: Config, given: PipelineDeps): Promise<Report> {
  const redactor = given.redactor ?? runRedactor(config, given.env ?? process.env);
  const deps: PipelineDeps = { ...given, log: redactingLog(given.log, redactor) };
  const report = newReport(command);
  // Aborted by the caller's signal, or by the watchdog when the engine stops answering.
  const hang = new AbortController();
  const signal = deps.signal ? AbortSignal.any([deps.signal, hang.signal]) : hang.signal;
  const ledger = new Ledger();
  let engine: Engine | undefined;
  let watchdog: { stop(): void } | undefined;
  let baseline: ResolvedBaseline | undefined;
  try {
    // What needs no engine is read first: a bad baseline is refused before anything starts.
    const baselineInput = await readBaselineInput(command, config);
    engine = await (deps.connect ?? ((o) => connectEngine(deps.env ?? process.env, o)))({
      timeoutSeconds: config.engineTimeoutSeconds,
      signal,
      ledger,
    });
    watchdog = watchEngine(engine, config.engineTimeoutSeconds, (err) => hang.abort(err));
    if (command === 'audit') await runAudit(engine, config, deps, report);
    else await checkEngineInputs(command, config, engineView(engine, deps));
    const target =
      command === 'audit' ? undefined : await resolveTarget(engine, command, config, deps, report);
    if (target) {
      report.image = target.info;
      baseline = await resolveBaseline(engine, command, config, deps, target, baselineInput);
      if (command === 'check' || command === 'verify') {
        await runContractStage(engine, target, config, deps, report, baseline?.baseline);
        if (!isSkipped('uv-version-change', config.skipChecks))
          await checkUvVersion(engine, config, target, baseline, deps, report);
      }
      if (command === 'e2e' || (command === 'verify' && !config.skipE2e)) {
        const e2e = await runE2eStage(engine, target.facts.id, target.facts, config, deps, report, command, {
          baselineImageRef: baseline?.built?.imageId ?? config.baselineImage,
        });
        if (baseline?.built && config.maxWarmSetupRegression !== undefined && config.baselineRef) {
          await gateWarmRegression(engine, baseline.built, e2e, config, deps, report);
        }
      }
      if (baseline?.setup && report.baseline) report.baseline.setup = baseline.setup;
    }
    if (signal.aborted) throw abortReason(signal);
  } catch (err) {
    report.error = describeError(signal.aborted ? abortReason(signal) : err);
    if (
      !signal.aborted &&
      !(err instanceof InputError || err instanceof InfraError) &&
      err instanceof Error &&
      err.stack
    ) {
      report.error = { message: `internal error: ${err.message}`, detail: err.stack };
    }
  } finally {
    watchdog?.stop();
    if (engine) await cleanUp(engine, deps, report.e2e?.kept !== undefined);
    await baseline?.built
      ?.dispose()
      .catch((err: unknown) => deps.log.warn(`baseline clean-up: ${describeError(err).message}`));
  }
  const left = ledger.entries();
  if (report.error && left.length > 0) {
    const objects = left.map((e) => `${e.kind} ${e.id.slice(0, 24)}`).join(', ');
    const advice = `objects of run ${deps.runId} may be left on the engine (${objects}): remove them with \`worker-gate clean --run ${deps.runId}\` once the engine answers`;
    report.error.detail = report.error.detail ? `${report.error.detail}\n${advice}` : advice;
  }
  return redactor.deep(finishReport(report));
}

interface ResolvedBaseline {
  baseline: BaselineImage;
  /** baseline-ref: the image built at the ref, removed at the end. */
  built?: BuiltBaseline;
  setup?: ReportBaseline['setup'];
  uvVersion?: string;
}

/** What the baseline needs from files and git, before the engine: an earlier report, or the ref's commit. */
interface BaselineInput {
  fromReport?: ReportBaseline;
  located?: LocatedRef;
}

async function readBaselineInput(command: Command, config: Config): Promise<BaselineInput> {
  if (command === 'build') return {};
  if (config.baselineReport) return { fromReport: baselineFromReport(config.baselineReport) };
  if (config.baselineRef && command === 'verify')
    return {
      located: await locateBaselineRef(
        config.dockerfile,
        config.baselineRef,
        hostGit(config.engineTimeoutSeconds),
      ),
    };
  return {};
}

/** The one baseline the config names: an image, a git ref built now, or an earlier report. */
async function resolveBaseline(
  engine: Engine,
  command: Command,
  config: Config,
  deps: PipelineDeps,
  target: Target,
  input: BaselineInput,
): Promise<ResolvedBaseline | undefined> {
  if (input.fromReport) {
    const { baseline, setup, uvVersion } = input.fromReport;
    return { baseline, ...(setup ? { setup } : {}), ...(uvVersion ? { uvVersion } : {}) };
  }
  if (config.baselineRef && command === 'verify') {
    const built = await deps.log.group(`baseline at ${config.baselineRef}`, () =>
      buildBaselineAtRef(
        engine,
        {
          ref: config.baselineRef ?? '',
          dockerfile: target.dockerfile?.path ?? config.dockerfile,
          context: config.context,
          buildArgs: { ...config.buildArgs },
          runId: deps.runId,
          ...(input.located ? { located: input.located } : {}),
          timeoutSeconds: config.engineTimeoutSeconds,
        },
        deps.log,
      ),
    );
    return { baseline: built.baseline, built };
  }
  return undefined;
}

async function runContractStage(
  engine: Engine,
  target: Target,
  config: Config,
  deps: PipelineDeps,
  report: Report,
  baseline: BaselineImage | undefined,
): Promise<void> {
  const input: ContractInput = {
    imageRef: target.facts.id,
    facts: target.facts,
    layers: target.info.layers,
    options: config,
    runId: deps.runId,
    log: deps.log,
    env: deps.env ?? process.env,
  };
  if (target.dockerfile) input.dockerfile = target.dockerfile;
  if (baseline) input.baseline = baseline;
  const result = await deps.log.group(`contract ${target.info.ref}`, () => runContract(engine, input));
  for (const c of result.checks) addCheck(report, c.check, c.annotate);
  if (result.pythonVersion) target.info.pythonVersion = result.pythonVersion;
  if (result.uvVersion) target.info.uvVersion = result.uvVersion;
  if (result.waste) target.info.waste = result.waste;
  if (result.baseline) report.baseline = result.baseline;
}

/** The baseline's uv version into the report, and uv-version-change when it differs from the image's. */
async function checkUvVersion(
  engine: Engine,
  config: Config,
  target: Target,
  resolved: ResolvedBaseline | undefined,
  deps: PipelineDeps,
  report: Report,
): Promise<void> {
  const current = target.info.uvVersion;
  if (!report.baseline) return;
  const uv =
    resolved?.uvVersion ??
    (report.baseline.source === 'report'
      ? undefined
      : await probeUvVersion(
          engine,
          resolved?.built?.imageId ?? report.baseline.image.ref,
          deps.runId,
          config,
          deps.log,
        ));
  if (!uv) return;
  report.baseline.uvVersion = uv;
  const check = current
    ? uvVersionCheck(current, uv, report.baseline.ref ?? report.baseline.image.ref)
    : undefined;
  if (check) addCheck(report, check);
}

/** The end to end on one image; its figures and verdicts go into the Report of `into` unless it is 'measure-only'. */
async function runE2eStage(
  engine: Engine,
  imageRef: string,
  facts: ImageFacts,
  config: Config,
  deps: PipelineDeps,
  report: Report,
  into: Command | 'measure-only',
  extra: { baselineImageRef?: string | undefined } = {},
): Promise<E2eResult> {
  const result = await runE2e(engine, {
    imageRef,
    facts,
    options: config,
    runId: deps.runId,
    log: deps.log,
    hostEnv: deps.env ?? process.env,
    ...(extra.baselineImageRef ? { baselineImageRef: extra.baselineImageRef } : {}),
    ...(deps.e2eHooks ? { hooks: deps.e2eHooks } : {}),
  });
  if (into !== 'measure-only') {
    report.e2e = result.e2e;
    const verdicts = judge(config, { command: into, e2e: result.e2e, e2eFacts: result.facts });
    for (const c of verdicts.checks) addCheck(report, c.check, c.annotate);
    for (const failure of verdicts.failures) addFailure(report, failure);
  }
  return result;
}

/** max-warm-setup-regression: the same scenario on the baseline image, in this run, side by side. */
async function gateWarmRegression(
  engine: Engine,
  built: BuiltBaseline,
  current: E2eResult,
  config: Config,
  deps: PipelineDeps,
  report: Report,
): Promise<void> {
  const facts = await inspectImage(engine, built.imageId);
  if (!facts) throw new InfraError(`the baseline image ${built.imageId} vanished from the engine`);
  const measured = await deps.log.group(`e2e on the baseline at ${config.baselineRef}`, () =>
    runE2eStage(engine, built.imageId, facts, config, deps, report, 'measure-only'),
  );
  const check = warmRegressionCheck({
    current: current.e2e.setup?.warmSeconds?.median,
    baseline: measured.e2e.setup?.warmSeconds?.median,
    baselineRef: config.baselineRef ?? '',
    maxRatio: config.maxWarmSetupRegression ?? 1,
    noisePercent: config.timingNoisePercent,
  });
  addCheck(report, check);
  const a = current.e2e.setup?.warmSeconds?.median;
  const b = measured.e2e.setup?.warmSeconds?.median;
  if (report.baseline && a !== undefined && b !== undefined && b > 0)
    report.baseline.warmSetupRatio = warmSetupRatio(a, b);
}

/** What checkEngineInputs asks the engine. */
function engineView(engine: Engine, deps: PipelineDeps): EngineView {
  return {
    cpuCount: async () => (await engine.info()).NCPU as number,
    // Pulled when missing; a pull that fails is the input's problem, in the pull's own words.
    obtainImage: async (ref, input) => {
      try {
        await ensureImage(engine, ref, pullContext(deps), {
          what: input === 'image' ? 'image' : 'baseline image',
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
function givenDockerfile(config: Config): Target['dockerfile'] {
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

function pullContext(deps: PipelineDeps): PullContext {
  return { log: deps.log, env: deps.env ?? process.env };
}

/** Everything the run labelled, except what --keep kept after a failed phase. */
async function cleanUp(engine: Engine, deps: PipelineDeps, skipKept: boolean): Promise<void> {
  try {
    const swept = await sweep(engine, { runId: deps.runId }, { skipKept });
    for (const error of swept.errors) deps.log.warn(`clean-up: ${error}`);
  } catch (err) {
    deps.log.warn(`clean-up of run ${deps.runId} failed: ${describeError(err).message}`);
  }
}

export function defaultTag(dockerfile: string): string {
  const folder = path
    .basename(path.dirname(path.resolve(dockerfile)))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-');
  return `worker-gate/${folder || 'worker'}:local`;
}

/** Build the image (build, verify) or find the one named by --image. */
async function resolveTarget(
  engine: Engine,
  command: Command,
  config: Config,
  deps: PipelineDeps,
  report: Report,
): Promise<Target | undefined> {
  if (config.image) {
    const facts = await ensureImage(engine, config.image, pullContext(deps), {
      what: 'image',
      where: ' (--image / image)',
    });
    const dockerfile = givenDockerfile(config);
    return {
      info: toImageInfo(config.image, facts, dockerfile),
      facts,
      ...(dockerfile ? { dockerfile } : {}),
    };
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
    { dockerfile, context, tag, buildArgs: config.buildArgs, labels: {}, env: deps.env ?? process.env },
    deps.log,
  );
  if (!result.ok) {
    addFailure(report, result.failure);
    return undefined;
  }
  return {
    info: result.image,
    facts: result.facts,
    dockerfile: { path: dockerfile, text: result.dockerfileText, buildArgs: { ...config.buildArgs } },
  };
}
