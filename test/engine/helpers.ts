// Shared by engine test files: the engine's leftovers check (every test must
// leave the unfiltered container and volume lists as it found them) and
// fixture images built on top of the shared slim image.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { expect } from 'vitest';
import { baselineEntry } from '../../src/baseline/baseline.js';
import { CLASSIC } from '../../src/build/backend.js';
import { buildImage } from '../../src/build/build.js';
import { toReportImage } from '../../src/build/image-info.js';
import type { ReadFile } from '../../src/config/file.js';
import { type Config, type RawValues, resolveConfig } from '../../src/config/index.js';
import { toolRoot } from '../../src/config/shipped.js';
import { engineOptions } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { newRunId } from '../../src/docker/labels.js';
import { judgeEach } from '../../src/judge/judge.js';
import { CHECKS } from '../../src/judge/registry.js';
import type { DockerfileSource } from '../../src/model/facts/contract.js';
import { silentLog } from '../../src/model/log.js';
import type { Measurements } from '../../src/model/measurements.js';
import type { Baseline, Report, ReportImage } from '../../src/model/report.js';
import { addVerdicts, finishReport, type Judged, newReport } from '../../src/model/report-building.js';
import { validateReport } from '../../src/model/report-schema.js';
import { measureContract } from '../../src/pipeline.js';
import { SLIM_IMAGE } from './images.js';
import { runProcess } from './run-process.js';

/**
 * The engine straight through dockerode, for what a test sets up or looks at that worker-gate
 * itself never does (load or import an image, watch events, tag, push).
 */
export function rawDocker(): Docker {
  return new Docker(engineOptions(process.env));
}

export interface EngineState {
  containers: string[];
  volumes: string[];
  networks: string[];
}

/** Every container (running or not), volume and network the engine has, by id/name, sorted. */
export async function engineState(engine: Engine): Promise<EngineState> {
  const containers = (await engine.containers.list({ all: true })).map((c) => c.id).sort();
  const volumes = (await engine.volumes.list()).map((v) => v.name).sort();
  const networks = (await engine.networks.list()).map((n) => n.name).sort();
  return { containers, volumes, networks };
}

/** Assert that the engine holds exactly what it held before. */
export async function expectEngineState(engine: Engine, before: EngineState): Promise<void> {
  expect(await engineState(engine)).toEqual(before);
}

export const FIXTURE_IMAGES = path.join(toolRoot(), 'test', 'fixtures', 'images');

/**
 * Build test/fixtures/images/<name> with BASE_IMAGE = the slim image (by id, so
 * the fixture's FROM is pinned), tagged worker-gate-test/<name>:fixture.
 */
export async function buildFixture(
  engine: Engine,
  name: string,
): Promise<{
  ref: string;
  image: ReportImage;
  dockerfile: { path: string; text: string; buildArgs: Record<string, string> };
}> {
  const slim = await engine.images.inspect(SLIM_IMAGE);
  if (!slim) throw new Error(`${SLIM_IMAGE} is missing: the engine tests' global set-up builds it`);
  const dir = path.join(FIXTURE_IMAGES, name);
  const dockerfile = path.join(dir, 'Dockerfile');
  const buildArgs = { BASE_IMAGE: slim.id };
  const ref = `worker-gate-test/${name}:fixture`;
  const result = await buildImage(
    engine,
    { dockerfile, context: dir, tag: ref, buildArgs, labels: {}, runProcess, backend: CLASSIC },
    silentLog,
  );
  if (!result.ok) throw new Error(`fixture image ${name} does not build: ${result.failure.message}`);
  return {
    ref,
    image: result.image,
    dockerfile: { path: dockerfile, text: readFileSync(dockerfile, 'utf8'), buildArgs },
  };
}

/**
 * The contract's options as the CLI would resolve them: the defaults plus
 * `overrides` by option name, raw strings as typed (`{ 'max-image-size': '10MB' }`).
 * No config file is read.
 */
export function contractOptions(overrides: RawValues = {}): Config {
  const noFiles: ReadFile = (file) => {
    throw Object.assign(new Error(`ENOENT: no such file, open '${file}'`), { code: 'ENOENT' });
  };
  return resolveConfig({
    frontDoor: 'cli',
    command: 'check',
    overrides: { image: 'unused', ...overrides },
    env: {},
    cwd: tmpdir(),
    assetsDir: toolRoot(),
    checks: CHECKS,
    readFile: noFiles,
  });
}

export interface ContractRun {
  /** The checks the judge made of the contract's measurements, the versions probed, the baseline entry. */
  result: { checks: Judged[]; pythonVersion?: string; uvVersion?: string; baseline?: Baseline };
  /** Checks by id. */
  byId: Map<string, Judged>;
  /** The result put into a Report, which must validate against the schema. */
  report: Report;
}

/**
 * Run the contract on an image the engine has, as the pipeline does (its loop of
 * drafts and layers included), and prove it left nothing behind: the engine's
 * containers and volumes after equal those before. Its measurements are judged
 * and put into a Report as the pipeline does.
 */
export async function runContractChecked(
  engine: Engine,
  ref: string,
  options: Config,
  dockerfile?: DockerfileSource,
): Promise<ContractRun> {
  const facts = await engine.images.inspect(ref);
  if (!facts) throw new Error(`test image ${ref} is missing`);
  const info = toReportImage(ref, facts, dockerfile);
  const before = await engineState(engine);
  const measured: Measurements = { command: 'check', image: info };
  const target = { info, facts, ...(dockerfile ? { dockerfile } : {}) };
  await measureContract(
    engine,
    target,
    options,
    { runId: newRunId(), log: silentLog, runProcess },
    measured,
    undefined,
  );
  await expectEngineState(engine, before);
  if (!measured.image) throw new Error('the contract left no image entry');
  const verdicts = judgeEach(options, measured);
  const report = newReport('check');
  report.image = measured.image;
  const baseline = baselineEntry(measured);
  if (baseline) report.baseline = baseline;
  addVerdicts(report, verdicts);
  finishReport(report);
  expect(validateReport(report)).toEqual([]);
  const checks = verdicts.flatMap((v) => v.checks);
  const { pythonVersion, uvVersion } = measured.image;
  const result: ContractRun['result'] = {
    checks,
    ...(pythonVersion ? { pythonVersion } : {}),
    ...(uvVersion ? { uvVersion } : {}),
    ...(baseline ? { baseline } : {}),
  };
  return { result, byId: new Map(checks.map((c) => [c.check.id, c])), report };
}

export interface FullEngineState extends EngineState {
  networks: string[];
  images: string[];
}

/** Containers, volumes, networks and images: everything a run could leave. */
export async function fullEngineState(engine: Engine): Promise<FullEngineState> {
  const networks = (await engine.networks.list()).map((n) => n.id).sort();
  // Intermediate images too: the engine interface lists only tagged and labelled ones.
  const images = (await rawDocker().listImages({ all: true })).map((i) => i.Id).sort();
  return { ...(await engineState(engine)), networks, images };
}
