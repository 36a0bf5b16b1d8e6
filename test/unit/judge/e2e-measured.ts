// Measurements of the e2e stage as the judge receives them, and the judge's
// verdicts on them: the e2e gate families are tested through `judge`, never
// one by one, so that a gate missing from the list fails its tests.
import type { Config } from '../../../src/config/index.js';
import { judge } from '../../../src/judge/judge.js';
import type { E2eFacts } from '../../../src/model/facts/e2e.js';
import { e2eFigures, summarizeLayout } from '../../../src/model/figures/layout-figures.js';
import type { Check, E2eReport, E2eRun, Failure } from '../../../src/model/report.js';

/** The Config fields the e2e gates read; the rest are not read by them. */
export type GateConfig = Partial<
  Pick<
    Config,
    | 'skipChecks'
    | 'allowPythonMismatch'
    | 'maxWarmSetupSeconds'
    | 'minSetupSpeedup'
    | 'maxLayoutRatio'
    | 'timingNoisePercent'
  >
>;

export function facts(over: Partial<E2eFacts> = {}): E2eFacts {
  return { finished: true, uvDisagreements: [], failedPhases: [], ...over };
}

/** An e2e report of these runs, with the figures the stage computes from them and records. */
export function e2eOf(runs: E2eRun[]): E2eReport {
  const extras = { cacheBytesAfterScaffold: 1, cacheBytesAfterCold: 2, floorSeconds: 2.5 };
  const layouts = [...new Set(runs.map((r) => r.layout))].map((l) =>
    summarizeLayout(l, { runs: runs }, extras),
  );
  return { template: { source: 't', ref: 'HEAD', data: {} }, runs, ...e2eFigures(layouts) };
}

export function verdicts(
  e2e: E2eReport | undefined,
  e2eFacts: E2eFacts | undefined,
  config: GateConfig = {},
): { checks: Check[]; failures: Failure[] } {
  const full = {
    skipChecks: [],
    allowPythonMismatch: false,
    timingNoisePercent: 10,
    ...config,
  } as unknown as Config;
  const out = judge(full, { command: 'e2e', ...(e2e ? { e2e } : {}), ...(e2eFacts ? { e2eFacts } : {}) });
  return { checks: out.checks.map((j) => j.check), failures: out.failures };
}

/** The one check of this id the judge gives, or undefined. */
export function checkOf(
  id: string,
  e2e: E2eReport | undefined,
  e2eFacts: E2eFacts,
  config: GateConfig = {},
): Check | undefined {
  const found = verdicts(e2e, e2eFacts, config).checks.filter((c) => c.id === id);
  if (found.length > 1) throw new Error(`the judge gave ${found.length} checks ${id}`);
  return found[0];
}
