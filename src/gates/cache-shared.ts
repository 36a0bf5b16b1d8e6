// cache-shared (on by default): the plan's closing criterion, that the uv cache
// is shared between workers, holds only when a warm run was proved warm from
// the cache's own contents, and only when the evidence of every setup could be
// gathered (a setup whose evidence is missing proves nothing either way).
import type { Check, E2eReport, E2eRun } from '../report/types.js';

export const CACHE_SHARED = 'cache-shared';

function ranSetup(run: E2eRun): boolean {
  return run.phases.some((p) => p.name === 'setup');
}

export function cacheSharedGate(e2e: E2eReport): Check {
  const setups = e2e.runs.filter(ranSetup);
  const blind = setups.filter((r) => r.downloads === undefined);
  if (blind.length > 0) {
    return {
      id: CACHE_SHARED,
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
      id: CACHE_SHARED,
      status: 'fail',
      detail: `no warm run was proved warm${why.length > 0 ? `: ${why.join(', ')}` : ' (no warm run set up)'}`,
    };
  }
  return {
    id: CACHE_SHARED,
    status: 'pass',
    detail: `${proved.length} of ${warm.length} warm ${warm.length === 1 ? 'run' : 'runs'} downloaded nothing: the uv cache is shared between workers`,
  };
}
