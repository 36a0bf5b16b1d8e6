// The e2e stage: the plan's two-worker scenario in worker containers, per
// cache layout, measured and proved; everything it creates is removed at the
// end, pass or fail. It measures only: the report's e2e section and the facts
// the e2e gates judge (src/judge/), which the pipeline hands to `judge`.

import { removeContainer } from '../../docker/containers.js';
import type { Engine } from '../../docker/engine-api.js';
import { findLabelled, isKept, removeLabelled } from '../../docker/labelled.js';
import { runLabels } from '../../docker/labels.js';
import { removeVolume } from '../../docker/volumes.js';
import { InfraError, InputError } from '../../model/errors.js';
import { describeUncommitted, type E2eFacts, type UncommittedTemplate } from '../../model/facts/e2e.js';
import type { InspectedImage } from '../../model/facts/image.js';
import { e2eFigures, summarizeLayout } from '../../model/figures/layout-figures.js';
import { overheadLine } from '../../model/figures/overhead-line.js';
import { askedKinds } from '../../model/fix-kinds.js';
import type { Log } from '../../model/log.js';
import type { CacheLayout, E2eReport, KeptWorker } from '../../model/report.js';
import { parseSecondsRange } from '../../model/units.js';
import type { RunProcess } from '../../process/run.js';
import { tryFixes } from '../fixes/try-fixes.js';
import { rankSpeedups } from '../profile/speedups.js';
import { templateSource } from '../template/template-source.js';
import { prepareTemplate, type TemplateUpload } from '../template/template-upload.js';
import { agentCacheDir, workerVariables } from '../worker/agent-env.js';
import { carriedEnv } from '../worker/host-env.js';
import { createRunNetwork } from '../worker/network.js';
import { probeImage, type Worker } from '../worker/worker.js';
import { compareWithLone } from './concurrent.js';
import { originVolume, planLayout } from './layout-plan.js';
import { OverheadClock } from './overhead.js';
import { runScenario } from './run-scenario.js';
import {
  type E2eHooks,
  type ScaffolderImage,
  Scenario,
  type ScenarioContext,
  type ScenarioOptions,
  type ScenarioResult,
} from './scenario.js';
import { runWiper, wipeVolumes } from './wipe.js';
import { type KeptContainer, WorkerPool } from './worker-pool.js';

export type { E2eHooks };

/** The e2e fields of Config (src/config/config.ts), by the same names. */
export interface E2eOptions extends ScenarioOptions {
  /** A folder or a git URL. */
  template: string;
  /** The scaffolder's image (an image the engine has); unset: the image under test. */
  scaffolderImage?: string;
  /** The image under test as the user named it (`image`), when named. */
  image?: string;
  /** The CA bundle's bytes, read and checked by config. */
  caPem?: Buffer;
  cacheLayout: CacheLayout | 'both';
  /** The setups the user expects, `15-35` seconds: recorded beside the measured ones, never checked. */
  expectColdSetupSeconds?: string;
  expectWarmSetupSeconds?: string;
}

export interface E2eInput {
  imageRef: string;
  facts: Pick<InspectedImage, 'user' | 'env'>;
  options: E2eOptions;
  runId: string;
  log: Log;
  /** The host environment the index, proxy and TLS settings come from; defaults to process.env. */
  hostEnv?: Readonly<Record<string, string | undefined>>;
  /** Runs git on the host for a local template repository (the run's deadline, abort and redactor). */
  runProcess: RunProcess;
  /** The baseline's image (baseline-image, baseline-ref): with concurrent-workers, one of them runs it. */
  baselineImageRef?: string;
  /** The image user's HOME as the contract's probe read it: then the e2e does not probe the image again. */
  userHome?: string;
  /** For tests only. */
  hooks?: E2eHooks;
}

export interface E2eResult {
  e2e: E2eReport;
  facts: E2eFacts;
}

/** try-fixes measures at least this many pairs: fewer has no interval. */
const MIN_PAIRS = 2;

/** Who commits in the workers: the scenario's own identity, never the host's. */
const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'worker-gate',
  GIT_AUTHOR_EMAIL: 'worker-gate@localhost',
  GIT_COMMITTER_NAME: 'worker-gate',
  GIT_COMMITTER_EMAIL: 'worker-gate@localhost',
};

function layoutsOf(cacheLayout: E2eOptions['cacheLayout']): CacheLayout[] {
  return cacheLayout === 'both' ? ['separate', 'shared'] : [cacheLayout];
}

/** Uncommitted changes of a local template repository were left out: the report says how many. */
function uncommittedOf(upload: TemplateUpload): UncommittedTemplate | undefined {
  if (!upload.uncommitted) return undefined;
  return { template: upload.label, count: upload.uncommitted.count, commit: upload.uncommitted.commit };
}

export async function runE2e(engine: Engine, input: E2eInput): Promise<E2eResult> {
  const { options, runId, log } = input;
  const clock = new OverheadClock();
  const template = await prepareTemplate(
    templateSource(options.template),
    options.templateRef,
    input.runProcess,
  );
  const { caPem } = options;
  const layouts = layoutsOf(options.cacheLayout);
  const workers = new Set<Worker>();
  const volumes: string[] = [];
  const labels = runLabels(runId, options.keep);
  let pool: WorkerPool | undefined;
  let network: string | undefined;
  let cleaned = false;
  // Once, on success before the report's figures are taken (its time is part of them), else on the way out.
  // `wipe`: the last volumes are emptied first, several deletions at once and beside the last
  // containers' removal (wipe.ts); not on the way out of an error, where the engine may be the problem.
  const finish = async ({ wipe = false } = {}): Promise<void> => {
    if (cleaned) return;
    cleaned = true;
    const kept = pool?.kept;
    await clock.time('clean-up', async () => {
      // The volumes removed during the run are gone (or failed to go) before the last ones are known.
      await pool?.settleRemovals();
      const last = volumes.filter((v) => !kept?.volumes.includes(v) && !pool?.removedEarly.has(v));
      // Every phase is over: the volumes can be emptied while the released workers are still being
      // removed (the run's last worker unreaped: what its leftovers write meanwhile, the volumes'
      // removal deletes), by the wiper started ahead when it holds them all.
      const ahead = await pool?.takeWiper();
      const holdsAll = ahead !== undefined && last.every((v) => ahead.volumes.includes(v));
      const wiping =
        !wipe || last.length === 0
          ? undefined
          : ahead && holdsAll
            ? timed(runWiper(ahead), 'told the wiper started ahead')
            : timed(
                wipeVolumes(
                  engine,
                  { image: input.imageRef, user: input.facts.user, runId, limits: options },
                  last,
                ),
                'a wiper of its own',
              );
      // Not told: it goes with the containers, before the volumes it holds.
      const untold = ahead && !(wiping && holdsAll) ? [{ container: ahead.container, role: 'e2e-wipe' }] : [];
      await pool?.settle();
      await pool?.removeUnusedHelper();
      await cleanUp(
        engine,
        runId,
        [...[...workers].filter((w) => w !== kept?.worker), ...untold],
        last,
        log,
        {
          keepLabelled: kept !== undefined,
          removedEarly: pool?.removedEarly.size ?? 0,
          ...(network ? { network } : {}),
          ...(wiping ? { wiping } : {}),
        },
      );
    });
    if (kept) {
      const k = keptWorker(kept, runId);
      log.info(
        `--keep: the failed worker ${k.container} and its volumes ${k.volumes.join(', ')} stay on the engine. ` +
          `Enter it: ${k.execCommand}  Remove them: ${k.cleanCommand}`,
      );
    }
  };
  try {
    const uncommitted = uncommittedOf(template);
    if (uncommitted) log.warn(describeUncommitted(uncommitted));
    const cacheDir = await agentCacheDir(
      input.facts.env,
      options,
      async () =>
        input.userHome || (await probeImage(engine, input.imageRef, input.facts.user, runId, options)).home,
    );
    // The run's network, the origin's volume and the scaffolder's image, at once; whatever of them
    // was made before one failed carries the run's label and goes with the rest.
    const [madeNetwork, scaffolder] = await Promise.all([
      createRunNetwork(engine, runId, options.keep),
      scaffolderImage(engine, input),
      engine.volumes.create(originVolume(runId), labels).then(() => {
        volumes.push(originVolume(runId));
      }),
    ]);
    network = madeNetwork;
    log.info(
      `e2e on ${input.imageRef}: cache folder ${cacheDir}, layouts ${layouts.join(' then ')}, ` +
        `${options.coldRuns} cold and ${options.warmRuns} warm run(s) each`,
    );
    const workerEnv = workerVariables(
      {
        ...carriedEnv(input.hostEnv ?? process.env, caPem !== undefined),
        ...GIT_IDENTITY,
        UV_PYTHON_DOWNLOADS: 'never',
      },
      options,
    );
    pool = new WorkerPool({
      engine,
      imageRef: input.imageRef,
      imageUser: input.facts.user,
      workerEnv,
      caPem,
      template,
      options,
      runId,
      network,
      log,
      track: (w) => workers.add(w),
      trackVolume: (v) => volumes.push(v),
      clock,
    });
    const ctx: ScenarioContext = {
      imageRef: input.imageRef,
      scaffolder,
      imageEnv: input.facts.env,
      workerEnv,
      template,
      options,
      runId,
      log,
      hooks: input.hooks ?? {},
      pool,
      clock,
      ...(input.baselineImageRef ? { baselineImageRef: input.baselineImageRef } : {}),
    };
    const scenario = await runScenario(ctx, layouts, cacheDir);
    const e2e = e2eReport(options, template, scenario);
    if (options.tryFixes.length > 0 && scenario.finished && e2e.speedups && e2e.headlineLayout) {
      // The trials' own scenario: their phases never count in the layouts' runs or the judged facts.
      const trial = {
        scn: new Scenario(ctx),
        plan: planLayout(e2e.headlineLayout, runId, cacheDir),
        pairs: Math.max(options.warmRuns, MIN_PAIRS),
      };
      await tryFixes(trial, e2e.speedups, askedKinds(options.tryFixes));
    }
    // A reap that failed as its worker was released fails the run here; an unused helper goes.
    await pool.finish();
    if (e2e.advice) log.info(`advice: ${e2e.advice}`);
    if (scenario.probe?.uv) e2e.uvVersion = scenario.probe.uv;
    if (pool.kept) e2e.kept = keptWorker(pool.kept, runId);
    const { finished, python, uvDisagreements, failedPhases, offlineUnproved } = scenario;
    const facts: E2eFacts = {
      finished,
      uvDisagreements,
      failedPhases,
      ...(python ? { python } : {}),
      ...(offlineUnproved ? { offlineUnproved } : {}),
      ...(uncommitted ? { uncommitted } : {}),
    };
    await finish({ wipe: true });
    e2e.overhead = clock.figures();
    log.info(overheadLine(e2e.overhead));
    return { e2e, facts };
  } catch (err) {
    if (err instanceof InfraError || err instanceof InputError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new InfraError(
      `the e2e stage failed on ${input.imageRef}: ${message}`,
      err instanceof Error ? err.stack : undefined,
    );
  } finally {
    await finish();
  }
}

/** The scaffolder's image (scaffolder-image, else the one under test) and user (root, else the image's). */
async function scaffolderImage(engine: Engine, input: E2eInput): Promise<ScaffolderImage> {
  const { options } = input;
  const ref = options.scaffolderImage;
  const root = options.scaffolderUser === 'root';
  const who = (user: string) => ({ user: root ? '0:0' : user, userName: root ? 'root' : user || 'root' });
  // The image under test as the user named it (its id when it was built here).
  const label = options.image ?? input.imageRef;
  if (!ref) return { image: input.imageRef, label, sameImage: true, ...who(input.facts.user) };
  const [facts, underTest] = await Promise.all([
    engine.images.inspect(ref),
    engine.images.inspect(input.imageRef),
  ]);
  if (!facts) throw new InfraError(`scaffolder-image ${ref} is not in the engine`);
  return { image: facts.id, label: ref, sameImage: facts.id === underTest?.id, ...who(facts.user) };
}

/** The report's view of a kept worker: the commands that enter it and remove it. */
function keptWorker(kept: KeptContainer, runId: string): KeptWorker {
  const container = kept.worker.container.id.slice(0, 12);
  const { user } = kept;
  return {
    container,
    volumes: kept.volumes,
    execCommand: `docker exec -it -u ${user} -w ${kept.workdir} ${container} sh`,
    cleanCommand: `worker-gate clean --run ${runId}`,
  };
}

function e2eReport(options: E2eOptions, template: TemplateUpload, scenario: ScenarioResult): E2eReport {
  const results = [...scenario.extras].map(([layout, extras]) => summarizeLayout(layout, scenario, extras));
  const e2e: E2eReport = {
    template: {
      source: template.label,
      ref: options.templateRef,
      data: { ...options.data },
    },
    runs: scenario.runs,
    ...e2eFigures(results),
  };
  e2e.scaffoldCache = options.scaffoldCache;
  e2e.handoff = options.handoff;
  if (options.expectColdSetupSeconds && options.expectWarmSetupSeconds)
    e2e.expected = {
      coldSeconds: parseSecondsRange(options.expectColdSetupSeconds),
      warmSeconds: parseSecondsRange(options.expectWarmSetupSeconds),
    };
  if (scenario.handedOver) e2e.handedOver = scenario.handedOver;
  if (scenario.projectCalls) e2e.projectCalls = scenario.projectCalls;
  if (scenario.scaffolder) e2e.scaffolder = scenario.scaffolder;
  if (Object.keys(options.env).length > 0 || options.unsetEnv.length > 0) {
    e2e.agentEnv = { set: Object.keys(options.env).sort(), unset: [...options.unsetEnv] };
  }
  if (scenario.concurrent.length > 0) {
    for (const batch of scenario.concurrent) {
      compareWithLone(batch, results.find((r) => r.layout === batch.layout)?.warmSetupSeconds?.median);
    }
    e2e.concurrent = scenario.concurrent;
  }
  const speedups = rankSpeedups(e2e);
  if (speedups.length > 0) e2e.speedups = speedups;
  return e2e;
}

/** A promise's result with how long it took from now, in seconds. */
async function timed<T>(work: Promise<T>, by: string): Promise<{ value: T; seconds: number; by: string }> {
  const started = performance.now();
  const value = await work;
  return { value, seconds: (performance.now() - started) / 1000, by };
}

/**
 * Workers first (they hold the volumes), then the run's network beside the volumes' emptying
 * (`wiping`, begun by the caller), then the volumes, then anything else the run label names.
 */
async function cleanUp(
  engine: Engine,
  runId: string,
  workers: Pick<Worker, 'container' | 'role'>[],
  volumes: string[],
  log: Log,
  {
    keepLabelled,
    removedEarly,
    network,
    wiping,
  }: {
    keepLabelled: boolean;
    removedEarly: number;
    network?: string;
    wiping?: Promise<{ value: Awaited<ReturnType<typeof wipeVolumes>>; seconds: number; by: string }>;
  },
): Promise<void> {
  const started = performance.now();
  const problems: string[] = [];
  // Containers first (they hold the volumes and the network), all at once.
  await Promise.all(
    workers.map((worker) =>
      removeContainer(worker.container).catch((err: Error) =>
        problems.push(`container ${worker.role}: ${err.message}`),
      ),
    ),
  );
  const containersDone = performance.now();
  // The network goes while the volumes are emptied; one that does not is the sweep's below
  // (a kept worker still holds it).
  const networkGone = network && !keepLabelled ? engine.networks.remove(network).catch(() => {}) : undefined;
  const wiped = wiping ? await wiping : undefined;
  await networkGone;
  const wipeDone = performance.now();
  // Deleting a volume full of venvs takes a second or so: side by side, not one after the other.
  await Promise.all(
    volumes.map((volume) =>
      removeVolume(engine, volume).catch((err: Error) => problems.push(`volume ${volume}: ${err.message}`)),
    ),
  );
  const volumesDone = performance.now();
  // Anything else the run label names (the network, when it did not go above); the baseline
  // image and worktree stay for the rest of the run.
  try {
    const left = (await findLabelled(engine, runId)).filter(
      (o) => o.kind !== 'image' && !(keepLabelled && isKept(o)),
    );
    problems.push(...(await removeLabelled(engine, left)).errors);
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  }
  const done = performance.now();
  const secs = (from: number, to: number) => ((to - from) / 1000).toFixed(1);
  const emptied = wiped?.value;
  log.info(
    `e2e clean-up: ${workers.length} worker containers and ${volumes.length} volumes removed in ${secs(started, done)} s ` +
      `(containers ${secs(started, containersDone)} s, ` +
      (wiped
        ? `the volumes emptied beside them in ${wiped.seconds.toFixed(1)} s, ${wiped.by}${emptied ? ` (${emptied.wiped} paths, ${emptied.left} left)` : ' (it did not finish)'}, ` +
          `waited for ${secs(containersDone, wipeDone)} s, `
        : '') +
      `volumes ${secs(wipeDone, volumesDone)} s, the rest ${secs(volumesDone, done)} s)` +
      (removedEarly > 0 ? `; ${removedEarly} volumes were removed during the run` : ''),
  );
  if (problems.length > 0) {
    log.warn(
      `e2e clean-up left something behind (remove it by the label worker-gate.run=${runId}): ${problems.join('; ')}`,
    );
  }
}
