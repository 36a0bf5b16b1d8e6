// `worker-gate matrix` without --list: the matrix file's cells run here, each a
// verify whose cold and warm runs stay on one engine, `jobs` at a time over the
// `--engine` endpoints (cell i on engine i mod n), then merged. A cell that
// cannot start (bad input, an engine that does not answer) is an error cell,
// not a crash; an abort (Ctrl-C) reaches every cell's run, which cleans its own
// engine.

import { type EngineTarget, targetEnv } from './config/docker-contexts.js';
import { engineEndpoint } from './config/engine-endpoint.js';
import { type Config, resolveConfig } from './config/index.js';
import type { MatrixFile } from './config/matrix-file.js';
import { toolRoot } from './config/shipped.js';
import type { ConnectOptions } from './docker/engine.js';
import type { Engine } from './docker/engine-api.js';
import { newRunId } from './docker/labels.js';
import { CHECKS } from './judge/registry.js';
import { type MergeInput, mergeReports } from './matrix/merge.js';
import { describeError, InputError } from './model/errors.js';
import type { Log } from './model/log.js';
import type { Report } from './model/report.js';
import { finishReport, newReport } from './model/report-building.js';
import { runPipeline, runRedactor } from './pipeline.js';

export interface MatrixRunInput {
  file: MatrixFile;
  /** The engines (an endpoint, or a Docker context's); none: the environment's engine. */
  engines: readonly EngineTarget[];
  jobs: number;
  cwd: string;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** Each cell's log: lines carry its id. */
  log: (cell: string) => Log;
  warn: (message: string) => void;
  /** The engine a cell's env names (unit tests: a fake per endpoint); default: connectEngine. */
  connect?: (env: NodeJS.ProcessEnv, options: ConnectOptions) => Promise<Engine>;
}

/** More cells at once than engines: some share one, and their timings distort each other. */
export function sharingWarning(jobs: number, engines: number, cells: number): string | undefined {
  const atOnce = Math.min(jobs, cells);
  if (atOnce <= Math.max(engines, 1)) return undefined;
  return `--jobs ${jobs} runs ${atOnce} cells at once on ${Math.max(engines, 1)} engine${engines > 1 ? 's' : ''}: cells that share an engine distort each other's timings (give one engine per job for figures worth comparing)`;
}

async function runCell(input: MatrixRunInput, index: number): Promise<MergeInput> {
  const plan = input.file.cells[index];
  if (!plan) throw new Error(`internal: no cell ${index}`);
  const target = input.engines.length > 0 ? input.engines[index % input.engines.length] : undefined;
  const env = target ? targetEnv(input.env, target) : input.env;
  const context = target?.context ? { context: target.context } : {};
  const { values: _values, ...coordinates } = plan;
  let config: Config;
  try {
    config = resolveConfig({
      frontDoor: 'cli',
      command: 'verify',
      overrides: { cell: plan.id, 'matrix-file': input.file.path },
      env,
      cwd: input.cwd,
      assetsDir: toolRoot(),
      checks: CHECKS,
    });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const report: Report = { ...newReport('verify'), cell: coordinates, error: describeError(err) };
    return { report: finishReport(report) };
  }
  const report = await runPipeline('verify', config, {
    log: input.log(plan.id),
    runId: newRunId(),
    env,
    signal: input.signal,
    redactor: runRedactor(config, env),
    ...(input.connect
      ? {
          connect: (options: ConnectOptions) =>
            (input.connect as NonNullable<typeof input.connect>)(env, options),
        }
      : {}),
  });
  // An engine that never answered has no identity: the cell still says where it was sent.
  report.engine = { ...(report.engine ?? { endpoint: engineEndpoint(env) }), ...context };
  return { report };
}

/** Every cell, `jobs` at a time; the merged Report (command `matrix`). */
export async function runMatrix(input: MatrixRunInput): Promise<Report> {
  const startedAt = new Date();
  const count = input.file.cells.length;
  const warning = sharingWarning(input.jobs, input.engines.length, count);
  if (warning) input.warn(warning);
  const results: MergeInput[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await runCell(input, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.jobs, count) }, worker));
  return mergeReports(results, { command: 'matrix', startedAt });
}
