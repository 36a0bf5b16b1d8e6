// `worker-gate audit`: the live containers the filters select, held against the
// worker spec, and the scaffolders beside them (scaffolder-filters), held against
// the workers' uv cache. Reads inspect data (and, through a container that never starts,
// an image's /etc/passwd): it never execs in a worker nor changes one.
import { engineFilters } from '../config/filters.js';
import type { Config } from '../config/index.js';
import { describeEngine } from '../docker/engine.js';
import type { Engine } from '../docker/engine-api.js';
import { RUN_LABEL } from '../docker/labels.js';
import { InputError } from '../model/errors.js';
import type { Log } from '../model/log.js';
import type { AuditReport, Report } from '../model/report.js';
import { addFailure } from '../model/report-building.js';
import { auditGate } from './checks.js';
import { gatherFacts } from './facts.js';
import { auditFleet } from './fleet.js';
import { layoutCostFromReport } from './layout-cost.js';

export interface AuditDeps {
  log: Log;
  runId: string;
  env?: NodeJS.ProcessEnv;
}

type AuditConfig = Pick<
  Config,
  'filters' | 'scaffolderFilters' | 'expectImage' | 'baselineReport' | 'skipChecks' | 'spelled'
>;

/** `docker ps` flags that list the same containers. */
const psFlags = (filters: readonly string[]) => filters.map((f) => `--filter ${f}`).join(' ');

function nothingMatches(filters: readonly string[], engine: string, scaffolders: number): InputError {
  const besides = scaffolders > 0 ? ' besides the scaffolders' : '';
  const message =
    filters.length === 0
      ? `no container${besides} is running on ${engine}: nothing to audit`
      : `no container${besides} on ${engine} matches the filters ${filters.join(', ')} (docker ps ${psFlags(filters)} lists the same): nothing to audit; check the filters`;
  return new InputError(message, { input: 'filters' });
}

function noScaffolder(filters: readonly string[], engine: string): InputError {
  return new InputError(
    `no container on ${engine} matches the scaffolder filters ${filters.join(', ')} (docker ps ${psFlags(filters)} lists the same): check the scaffolder-filters`,
    { input: 'scaffolder-filters' },
  );
}

/** The running containers (as docker ps) the filters select, id → name; never this run's own. */
async function listMatching(
  engine: Engine,
  given: readonly string[],
  runId: string,
): Promise<Map<string, string>> {
  const filters = engineFilters(given);
  const listed = await engine.containers.list({ all: 'status' in filters, filters });
  const others = listed.filter((c) => c.labels[RUN_LABEL] !== runId);
  return new Map(others.map((c) => [c.id, c.name]));
}

/**
 * The workers (filters) and the scaffolders (scaffolder-filters). A container both
 * select is a scaffolder: the worker filters are the broad ones (none at all
 * selects every running container), the scaffolder filters name it.
 */
async function selectContainers(
  engine: Engine,
  config: AuditConfig,
  deps: AuditDeps,
  audit: AuditReport,
): Promise<{ workerIds: string[]; scaffolderIds: string[] }> {
  let scaffolders = new Map<string, string>();
  if (config.scaffolderFilters.length > 0) {
    audit.scaffolderFilters = [...config.scaffolderFilters];
    scaffolders = await listMatching(engine, config.scaffolderFilters, deps.runId);
    if (scaffolders.size === 0) throw noScaffolder(config.scaffolderFilters, audit.engine);
  }
  const workerIds: string[] = [];
  for (const [id, name] of await listMatching(engine, config.filters, deps.runId)) {
    if (!scaffolders.has(id)) workerIds.push(id);
    else
      deps.log.info(`${name}: selected by the filters and the scaffolder filters; audited as a scaffolder`);
  }
  if (workerIds.length === 0) throw nothingMatches(config.filters, audit.engine, scaffolders.size);
  return { workerIds, scaffolderIds: [...scaffolders.keys()] };
}

export async function runAudit(
  engine: Engine,
  config: AuditConfig,
  deps: AuditDeps,
  report: Report,
): Promise<void> {
  await deps.log.group(`audit of the workers on ${describeEngine(deps.env)}`, () =>
    auditWorkers(engine, config, deps, report),
  );
}

async function auditWorkers(
  engine: Engine,
  config: AuditConfig,
  deps: AuditDeps,
  report: Report,
): Promise<void> {
  const audit: AuditReport = {
    engine: describeEngine(deps.env),
    filters: [...config.filters],
    containers: [],
  };
  report.audit = audit;
  if (config.baselineReport)
    audit.layoutCost = layoutCostFromReport(config.baselineReport, config.spelled['baseline-report']);
  if (config.expectImage) {
    const facts = await engine.images.inspect(config.expectImage);
    if (!facts) {
      throw new InputError(
        `expect-image ${config.expectImage} is not on the engine ${audit.engine}: name the image the workers should run as that engine knows it (docker images)`,
        { input: 'expect-image' },
      );
    }
    audit.expectImage = { ref: config.expectImage, id: facts.id };
  }
  const { workerIds, scaffolderIds } = await selectContainers(engine, config, deps, audit);
  const onGone = (id: string) =>
    deps.log.warn(`container ${id.slice(0, 12)} went away before it could be inspected: left out`);
  const workers = await gatherFacts(engine, workerIds, deps.runId, onGone);
  if (workers.length === 0) throw nothingMatches(config.filters, audit.engine, scaffolderIds.length);
  const scaffolders = await gatherFacts(engine, scaffolderIds, deps.runId, onGone);
  if (config.scaffolderFilters.length > 0 && scaffolders.length === 0)
    throw noScaffolder(config.scaffolderFilters, audit.engine);
  workers.sort((a, b) => a.name.localeCompare(b.name));
  scaffolders.sort((a, b) => a.name.localeCompare(b.name));
  const fleet = auditFleet({
    workers,
    scaffolders,
    ...(audit.expectImage ? { expectImage: audit.expectImage } : {}),
    ...(audit.layoutCost ? { layoutCost: audit.layoutCost } : {}),
    skipChecks: config.skipChecks,
  });
  audit.containers = fleet.containers;
  if (fleet.cacheVolume) audit.cacheVolume = fleet.cacheVolume;
  for (const c of fleet.containers) {
    const failed = c.checks.filter((check) => check.status === 'fail');
    const warned = c.checks.filter((check) => check.status === 'warn');
    for (const check of failed)
      addFailure(report, { gate: auditGate(check.id, c.name), message: check.detail });
    const verdict = failed.length > 0 ? `fails ${failed.map((f) => f.id).join(', ')}` : 'passes';
    const warnings = warned.length > 0 ? `; warns ${warned.map((w) => w.id).join(', ')}` : '';
    const role = c.role === 'scaffolder' ? ', scaffolder' : '';
    deps.log.info(`${c.name} (${c.image.ref}${role}): ${verdict}${warnings}`);
  }
}
