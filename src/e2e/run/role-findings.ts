import { setupSeconds } from '../../model/figures/proved-runs.js';
import { roundSeconds, spread } from '../../model/figures/stats.js';
import { round } from '../../model/numbers.js';
import type { CacheVolumeFacts } from '../../model/report.js';
import { callOutcomes } from '../evidence/removed-tool-calls.js';
import { mapToTemplate } from '../template/template-map.js';
import type { Scenario } from './scenario.js';

/** Each bare call of a removed tool with what it did here, mapped to the template's file when local. */
export function describeProjectCalls(scn: Scenario): void {
  if (!scn.removedToolCalls) return;
  const calls = callOutcomes(scn.removedToolCalls, {
    notFound: scn.notFound,
    provided: scn.provided ?? new Map(),
  });
  const scripts = scn.ctx.template.scripts;
  scn.result.projectCalls = scripts ? mapToTemplate(calls, scripts) : calls;
}

/** Whether developer A's setup was cold, why, and what that cost beside a warm one (figures from the runs). */
export function describeFirstDeveloper(scn: Scenario): void {
  const scaffolder = scn.result.scaffolder;
  if (!scaffolder) return;
  const a = scn.result.runs.find((r) => r.layout === scaffolder.layout && r.worker === 'A');
  if (!a) return;
  const warm = scn.result.runs
    .filter((r) => r.layout === a.layout && r.worker === 'B' && r.provedState === 'warm')
    .map(setupSeconds)
    .filter((s): s is number => s !== undefined);
  const mid = spread(warm)?.median;
  const seconds = setupSeconds(a);
  const own = scaffolder.cacheVolume;
  const workers = scaffolder.workersCacheVolume;
  const uid = (v?: CacheVolumeFacts) =>
    v?.ownerUid === null || v?.ownerUid === undefined ? 'owner unknown' : `owner uid ${v.ownerUid}`;
  const cold = a.kind === 'cold';
  const because = cold
    ? `the scaffolder's uv cache (${own.name} at ${own.mountPoint}, ${uid(own)}) is another volume than the workers' (${workers?.name ?? 'their cache'} at ${workers?.mountPoint ?? '?'}, ${uid(workers)}), so nothing it downloaded warmed developer A`
    : `the scaffolder set up on the workers' uv cache (${own.name}), so developer A found it warm`;
  scaffolder.firstDeveloper = {
    cold,
    because,
    ...(seconds !== undefined ? { setupSeconds: seconds } : {}),
    ...(mid !== undefined ? { warmMedianSeconds: roundSeconds(mid) } : {}),
    ...(seconds !== undefined && mid !== undefined ? { costSeconds: round(seconds - mid, 2) } : {}),
  };
}
