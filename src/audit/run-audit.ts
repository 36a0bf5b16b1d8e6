// `worker-gate audit`: the live containers the filters select, held against the
// worker spec. Reads inspect data (and, through a container that never starts,
// an image's /etc/passwd): it never execs in a worker nor changes one.
import { engineFilters } from '../config/filters.js';
import { type Config, InputError } from '../config/index.js';
import { describeEngine, type Engine } from '../docker/engine.js';
import { inspectImage } from '../docker/images.js';
import { RUN_LABEL } from '../docker/labels.js';
import type { Log } from '../log.js';
import { addFailure } from '../report/report.js';
import type { AuditReport, Report } from '../report/types.js';
import { auditGate } from '../report/view/audit.js';
import { gatherFacts } from './facts.js';
import { auditFleet } from './fleet.js';
import { layoutCostFromReport } from './layout-cost.js';

export interface AuditDeps {
  log: Log;
  runId: string;
  env?: NodeJS.ProcessEnv;
}

type AuditConfig = Pick<Config, 'filters' | 'expectImage' | 'baselineReport' | 'skipChecks'>;

function nothingMatches(filters: readonly string[], engine: string): InputError {
  const message =
    filters.length === 0
      ? `no container is running on ${engine}: nothing to audit`
      : `no container on ${engine} matches the filters ${filters.join(', ')} (docker ps ${filters.map((f) => `--filter ${f}`).join(' ')} lists the same): nothing to audit; check the filters`;
  return new InputError(message, { input: 'filters' });
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
  if (config.baselineReport) audit.layoutCost = layoutCostFromReport(config.baselineReport);
  if (config.expectImage) {
    const facts = await inspectImage(engine, config.expectImage);
    if (!facts) {
      throw new InputError(
        `expect-image ${config.expectImage} is not on the engine ${audit.engine}: name the image the workers should run as that engine knows it (docker images)`,
        { input: 'expect-image' },
      );
    }
    audit.expectImage = { ref: config.expectImage, id: facts.id };
  }
  const filters = engineFilters(config.filters);
  // As docker ps: running containers, unless the filters ask for a status.
  const listed = await engine.listContainers({ all: 'status' in filters, filters: JSON.stringify(filters) });
  const ids = listed.filter((c) => c.Labels?.[RUN_LABEL] !== deps.runId).map((c) => c.Id);
  if (ids.length === 0) throw nothingMatches(config.filters, audit.engine);
  const workers = await gatherFacts(engine, ids, deps.runId, (id) =>
    deps.log.warn(`container ${id.slice(0, 12)} went away before it could be inspected: left out`),
  );
  if (workers.length === 0) throw nothingMatches(config.filters, audit.engine);
  workers.sort((a, b) => a.name.localeCompare(b.name));
  const fleet = auditFleet({
    workers,
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
    deps.log.info(`${c.name} (${c.image.ref}): ${verdict}${warnings}`);
  }
}
