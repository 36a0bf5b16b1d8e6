// cache-shared (on by default): the plan's closing criterion, that the uv cache
// is shared between workers, holds only when a warm run was proved warm from
// the cache's own contents, and only when the evidence of every setup could be
// gathered (a setup whose evidence is missing proves nothing either way). It
// judges a scenario that ran to its end; skip-checks turns it off.
import { isSkipped } from '../model/checks.js';
import type { Check, E2eReport, E2eRun } from '../model/report.js';
import type { Gate, GateCheck } from './gate.js';

const CHECK: GateCheck = {
  id: 'cache-shared',
  stage: 'e2e',
  off: 'skip',
  remedy:
    'Read the warm runs’ new distributions (under End to end): a warm setup that downloads means the second worker did not get the first one’s cache (check that the same `uv-cache` volume is mounted at `UV_CACHE_DIR`, and that the project pins what it installs). Missing evidence means the worker lost its python3 or the evidence could not run. If the cache is not meant to be shared, add `cache-shared` to `skip-checks`.',
  explain: () => 'a proved warm run downloads nothing',
};

function ranSetup(run: E2eRun): boolean {
  return run.phases.some((p) => p.name === 'setup');
}

function cacheSharedCheck(e2e: E2eReport): Check {
  const setups = e2e.runs.filter(ranSetup);
  const blind = setups.filter((r) => r.downloads === undefined);
  if (blind.length > 0) {
    return {
      id: CHECK.id,
      status: 'fail',
      detail: `the cache evidence of ${blind.length === 1 ? 'run' : 'runs'} ${blind
        .map((r) => `${r.index} (worker ${r.worker}, ${r.layout} layout)`)
        .join(', ')} could not be gathered, so no warm run can be trusted`,
    };
  }
  const warm = setups.filter((r) => r.kind === 'warm');
  const proved = warm.filter((r) => r.provedState === 'warm');
  if (proved.length === 0) {
    const why = warm.map(
      (r) => `run ${r.index} ${r.provedState ?? 'not measured'} (${r.downloads} downloads)`,
    );
    return {
      id: CHECK.id,
      status: 'fail',
      detail: `no warm run was proved warm${why.length > 0 ? `: ${why.join(', ')}` : ' (no warm run set up)'}`,
    };
  }
  return {
    id: CHECK.id,
    status: 'pass',
    detail: `${proved.length} of ${warm.length} warm ${warm.length === 1 ? 'run' : 'runs'} downloaded nothing: the uv cache is shared between workers`,
  };
}

export const CACHE_SHARED: Gate = {
  family: CHECK.id,
  checks: [CHECK],
  judge(config, { e2e, e2eFacts }) {
    if (!e2e || !e2eFacts?.finished || isSkipped(CHECK.id, config.skipChecks)) return {};
    return { checks: [{ check: cacheSharedCheck(e2e) }] };
  },
};
