// try-fixes: each speed-up the profile advised, of a kind the user asked for,
// applied to a throwaway copy of the generated project (a fresh clone in a
// fresh worker, committed on a local branch, never pushed) or set in the fixed
// side's environment (the advice's setting, `UV_LINK_MODE=copy`), and measured
// against the project as it is: warm setups interleaved in pairs (as-is,
// fixed, as-is, fixed, …) on the layout's proved-warm cache. The fixed project
// must still pass lint and test, or the fix is reported as breaking it.

import type { PhaseName } from '../../model/facts/e2e.js';
import { pairedChange, roundSeconds } from '../../model/figures/stats.js';
import type { FixKind } from '../../model/fix-kinds.js';
import type { E2eRun, Speedup, TriedFix } from '../../model/report.js';
import { fixedProjectDir, type LayoutPlan, projectDir, workerHome } from '../run/layout-plan.js';
import { cloneCommand } from '../run/phase-commands.js';
import type { Runner, Scenario } from '../run/scenario.js';
import type { Worker } from '../worker/worker.js';
import { withCacheKeys } from './cache-keys.js';
import { editableDirs, lockedInstalls, lockedNames, projectName, skippedReason } from './locked-install.js';

/**
 * A fix applied in a worker: the exact change (a unified diff, or the setting) with the variables
 * the fixed side's phases run with, or why there was nothing to change.
 */
type Applied = { patch: string; env?: Record<string, string> } | { nothing: string };

interface Fix {
  apply(worker: Worker, project: string): Promise<Applied>;
}

/** The fixed copy's commit is the same in every worker, so uv's commit key is too. */
const FIX_COMMIT_ENV = {
  GIT_AUTHOR_DATE: '2000-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2000-01-01T00:00:00Z',
};

/** A file of the project, or undefined when it cannot be read. */
async function readFile(worker: Worker, project: string, file: string): Promise<string | undefined> {
  const read = await worker.exec(['cat', file], { workdir: project, timeoutSeconds: 60 });
  return read.exitCode === 0 ? read.output : undefined;
}

const localRebuilds: Fix = {
  async apply(worker, project) {
    const listed = await worker.exec(['git', 'ls-files', '*pyproject.toml'], {
      workdir: project,
      timeoutSeconds: 60,
    });
    const files = listed.output.split('\n').filter(Boolean);
    const entries = [];
    for (const file of files) {
      const text = await readFile(worker, project, file);
      const fixed = text === undefined ? undefined : withCacheKeys(text);
      if (fixed !== undefined) entries.push({ name: file, content: fixed });
    }
    if (entries.length === 0)
      return {
        nothing: `no local package's pyproject.toml lacks cache-keys (${files.length} pyproject.toml in the project)`,
      };
    await worker.put(project, entries);
    return { patch: await commitFix(worker, project, 'local-rebuilds') };
  },
};

const editableRebuilds: Fix = {
  async apply(worker, project) {
    const makefile = await readFile(worker, project, 'Makefile');
    if (makefile === undefined) return { nothing: 'the project has no Makefile at its root' };
    const lock = await readFile(worker, project, 'uv.lock');
    const names = new Map<string, string | undefined>();
    for (const dir of editableDirs(makefile)) {
      const pyproject = await readFile(worker, project, `${dir}/pyproject.toml`);
      names.set(dir, pyproject === undefined ? undefined : projectName(pyproject));
    }
    const result = lockedInstalls(makefile, lock === undefined ? undefined : lockedNames(lock), (d) =>
      names.get(d),
    );
    if (result.rewritten.length === 0) return { nothing: skippedReason(result) };
    await worker.put(project, [{ name: 'Makefile', content: result.text }]);
    return { patch: await commitFix(worker, project, 'editable-rebuilds') };
  },
};

/** The diff of the fix, then the fix committed on a local branch (never pushed). */
async function commitFix(worker: Worker, project: string, kind: FixKind): Promise<string> {
  const diff = await worker.exec(['git', 'diff', '--no-color'], { workdir: project, timeoutSeconds: 60 });
  const commit = await worker.exec(
    [
      'sh',
      '-c',
      `git checkout -q -b worker-gate/try-fix-${kind} && git commit -q --no-verify -am "worker-gate try-fix: ${kind}"`,
    ],
    { workdir: project, timeoutSeconds: 60, env: FIX_COMMIT_ENV },
  );
  if (diff.exitCode !== 0 || commit.exitCode !== 0)
    throw new Error(
      `try-fix ${kind}: git diff or commit failed in ${project}: ${diff.output}${commit.output}`,
    );
  return diff.output;
}

/** The advice's setting (`NAME=value`) in the fixed side's environment: the project is unchanged. */
function settingFix(setting: string): Fix {
  const at = setting.indexOf('=');
  const env = { [setting.slice(0, at)]: setting.slice(at + 1) };
  return { apply: async () => ({ patch: setting, env }) };
}

const PROJECT_SETTING =
  'the project sets it where no variable of the worker overrides it (the advice says where), and try-fixes patches no file for it';

/** How each kind of advice is tried when it names no setting (settingFix when it does), or why it is not. */
const FIXES: Record<Speedup['kind'], Fix | { notTried: string }> = {
  'local-rebuilds': localRebuilds,
  'editable-rebuilds': editableRebuilds,
  'link-mode': { notTried: PROJECT_SETTING },
  'compile-bytecode': { notTried: PROJECT_SETTING },
  layout: {
    notTried:
      'cache-layout both measures it: the same setups with the cache and the workspace on one mount, side by side',
  },
  'uncacheable-commands': { notTried: 'no setting or patch does less work: only the template can' },
};

export interface TrialSetup {
  scn: Scenario;
  plan: LayoutPlan;
  pairs: number;
}

/** Each advice whose kind is asked: tried and measured, or told why not. */
export async function tryFixes(
  trial: TrialSetup,
  speedups: Speedup[],
  asked: ReadonlySet<FixKind>,
): Promise<void> {
  for (const advice of speedups) {
    if (!(asked as ReadonlySet<string>).has(advice.kind)) continue;
    const fix = advice.setting ? settingFix(advice.setting) : FIXES[advice.kind];
    if ('notTried' in fix) {
      advice.notTried = fix.notTried;
      continue;
    }
    const outcome = await measureFix(trial, advice.kind as FixKind, fix);
    if ('notTried' in outcome) {
      advice.notTried = outcome.notTried;
      continue;
    }
    advice.tried = outcome;
    if (!outcome.brokeProject && outcome.changeSeconds) {
      advice.basis = 'measured';
      advice.seconds = Math.max(0, roundSeconds(-outcome.changeSeconds.median));
    }
  }
  speedups.sort((a, b) => b.seconds - a.seconds);
}

/**
 * One fresh worker on the layout's cache, with a clone of the origin: as-is at the developers'
 * path, or fixed at the fixed copies' own path (made the worker's, as the pool makes the other).
 */
async function trialWorker(
  trial: TrialSetup,
  dir: string,
  title: string,
  fixed: boolean,
): Promise<{ runner: Runner; run: E2eRun; project: string }> {
  const { scn, plan } = trial;
  const worker = await scn.pool.start(plan, dir);
  const project = fixed ? fixedProjectDir(plan, dir) : projectDir(plan, dir);
  if (fixed) await worker.put('/', [{ name: `${project.slice(1)}/`, type: 'directory', mode: 0o755 }]);
  const run: E2eRun = { index: -1, worker: 'B', kind: 'warm', layout: plan.layout, phases: [] };
  const runner: Runner = {
    worker,
    role: { worker: 'B', layout: plan.layout, title },
    phases: run.phases,
    hookRun: { worker: 'B', layout: plan.layout, index: -1, kind: 'warm' },
    layout: plan.layout,
  };
  return { runner, run, project };
}

type Trial = TriedFix | { notTried: string };

/** A setup in a fresh worker (fixed when `fix` is given): its seconds, or the phase that failed. */
async function setupOnce(
  trial: TrialSetup,
  dir: string,
  title: string,
  fix: { kind: FixKind; apply: Fix } | undefined,
  check: boolean,
): Promise<{
  seconds?: number;
  patch?: string;
  nothing?: string;
  failed?: { phase: PhaseName; exitCode: number | null };
}> {
  const { scn, plan } = trial;
  const { runner, run, project } = await trialWorker(trial, dir, title, fix !== undefined);
  try {
    const clone = await scn.phase(
      runner,
      'clone',
      `git clone ${plan.originRepo}`,
      cloneCommand(plan.originRepo, project),
      workerHome(plan, dir),
    );
    if (clone.failed) return { failed: { phase: 'clone', exitCode: clone.phase.exitCode } };
    let patch: string | undefined;
    let env: Record<string, string> | undefined;
    if (fix) {
      const applied = await fix.apply.apply(runner.worker, project);
      if ('nothing' in applied) return { nothing: applied.nothing };
      ({ patch, env } = applied);
    }
    const setup = await scn.setup(runner, run, plan.cacheDir, project, {
      freshCache: false,
      sized: false,
      ...(env ? { env } : {}),
    });
    // Its proof now (provedState), in an exec of its own.
    await scn.settleEvidence(runner.worker);
    await setup.proved;
    if (setup.outcome.failed)
      return {
        ...(patch ? { patch } : {}),
        failed: { phase: 'setup', exitCode: setup.outcome.phase.exitCode },
      };
    if (run.provedState !== 'warm')
      scn.ctx.log.warn(`${title}: the setup was not proved warm (${run.provedState ?? 'no evidence'})`);
    if (check) {
      for (const [name, target] of [
        ['lint', scn.ctx.options.lintTarget],
        ['test', scn.ctx.options.testTarget],
      ] as const) {
        const outcome = await scn.phase(runner, name, `make ${target}`, ['make', target], project, {
          ...(env ? { env } : {}),
        });
        if (outcome.failed)
          return { ...(patch ? { patch } : {}), failed: { phase: name, exitCode: outcome.phase.exitCode } };
      }
    }
    return { seconds: setup.outcome.phase.seconds, ...(patch ? { patch } : {}) };
  } finally {
    scn.pool.release(runner.worker, undefined);
  }
}

/**
 * The fixed copy once first (its setup builds what the fix keys anew, then lint and test
 * judge it; unmeasured, it primes the cache as the fleet's first clone of a commit would),
 * then `pairs` pairs: as-is, fixed, each in a fresh worker.
 */
async function measureFix(trial: TrialSetup, kind: FixKind, fix: Fix): Promise<Trial> {
  const apply = { kind, apply: fix };
  const first = await setupOnce(
    trial,
    `fix-${kind}-0`,
    `try-fix ${kind}: the fixed copy, lint and test`,
    apply,
    true,
  );
  if (first.nothing) return { notTried: first.nothing };
  const patch = first.patch ?? '';
  if (first.failed) {
    const { phase, exitCode } = first.failed;
    if (phase === 'clone') return { notTried: `the fixed copy's clone failed (exit ${exitCode})` };
    return { pairs: 0, patch, brokeProject: { phase: phase as 'setup' | 'lint' | 'test', exitCode } };
  }
  const asIs: number[] = [];
  const fixed: number[] = [];
  for (let i = 1; i <= trial.pairs; i++) {
    const before = await setupOnce(
      trial,
      `fix-${kind}-${i}a`,
      `try-fix ${kind}: pair ${i} of ${trial.pairs}, as it is`,
      undefined,
      false,
    );
    if (before.seconds === undefined)
      return { notTried: `the project as it is failed its setup in pair ${i}` };
    const after = await setupOnce(
      trial,
      `fix-${kind}-${i}b`,
      `try-fix ${kind}: pair ${i} of ${trial.pairs}, fixed`,
      apply,
      false,
    );
    if (after.seconds === undefined) {
      const exitCode = after.failed?.exitCode ?? null;
      return { pairs: i - 1, patch, brokeProject: { phase: 'setup', exitCode } };
    }
    asIs.push(before.seconds);
    fixed.push(after.seconds);
  }
  return { pairs: trial.pairs, changeSeconds: pairedChange(asIs, fixed), patch };
}
