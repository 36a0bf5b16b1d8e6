// The scenario's order: the scaffolder once (its setup on its own cache or on
// the first layout's), then every layout in order, each on a cache volume of
// its own, until a phase stops the run; then what the roles tell.
import type { CacheLayout } from '../../model/report.js';
import { firstDeveloper, prepareDeveloper, runLayout } from './developers.js';
import { type LayoutPlan, planLayout, planScaffolder, scaffolderWorkspaceVolume } from './layout-plan.js';
import { describeFirstDeveloper, describeProjectCalls } from './role-findings.js';
import { scaffold } from './scaffolder.js';
import { Scenario, type ScenarioContext, type ScenarioResult } from './scenario.js';

/** The scaffolder once, then every layout in order, each on a cache volume of its own, until one stops. */
export async function runScenario(
  ctx: ScenarioContext,
  layouts: readonly CacheLayout[],
  cacheDir: string,
): Promise<ScenarioResult> {
  const scenario = new Scenario(ctx);
  const plans = layouts.map((layout) => planLayout(layout, ctx.runId, cacheDir));
  const first = plans[0];
  if (!first) return scenario.result;
  const splan = planScaffolder(first, ctx.runId, {
    scaffoldCache: ctx.options.scaffoldCache,
    root: ctx.options.scaffolderUser === 'root',
  });
  await ctx.pool.createVolume(scaffolderWorkspaceVolume(ctx.runId), splan.cacheVolume);
  // A's cold setup is the layout's first, unless the scaffolder set up on the workers' cache.
  const aIsCold = (plan: LayoutPlan) => !splan.sharesWorkersCache || plan !== first;
  // Developer A's worker starts beside the scaffold; not on the scaffolder's cache, which may
  // still be empty then: a container made on an empty volume fills it from its image's folder,
  // after the scaffolder proved it fresh.
  if (!splan.sharesWorkersCache) prepareDeveloper(scenario, first, firstDeveloper(scenario, aIsCold(first)));
  await scaffold(scenario, first, splan);
  for (const [i, plan] of plans.entries()) {
    if (scenario.stopped) break;
    if (plan.cacheVolume !== splan.cacheVolume) await ctx.pool.createVolume(plan.cacheVolume);
    const next = plans[i + 1];
    await runLayout(scenario, plan, aIsCold(plan), next && { plan: next, aIsCold: aIsCold(next) });
  }
  // Every setup's proof came (each in its worker's next phase, or before the worker went).
  await scenario.allProved();
  describeFirstDeveloper(scenario);
  describeProjectCalls(scenario);
  return scenario.result;
}
