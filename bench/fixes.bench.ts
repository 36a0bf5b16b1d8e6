// What try-fixes finds and what it costs (issue 25 point 5), on the shipped
// template or the one WORKER_GATE_BENCH_TEMPLATE names (a folder; e.g.
// test/fixtures/e2e/templates/local-package, whose local package both
// local-package fixes apply to): one e2e with try-fixes all, one layout, 3 warm runs (so 3
// interleaved pairs per fix). Prints each advice as the report reads it
// (measured with its interval, or why not tried), the wall time the trials
// took per fix tried, and the profiler's own cost as a share of a warm setup
// (plain and profiled make setup alternating in fresh clones, as
// bench/profile.bench.ts does; target ≤ 2 %). Not a test: it prints.
//   node bench/run.mjs bench/fixes.bench.ts
//   WORKER_GATE_BENCH_TEMPLATE=test/fixtures/e2e/templates/local-package node bench/run.mjs bench/fixes.bench.ts
// Needs the engine and the slim image (the engine tests' global set-up builds it).
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveConfig } from '../src/config/index.js';
import { shippedTemplate, toolRoot } from '../src/config/shipped.js';
import { connectEngine } from '../src/docker/engine.js';
import { newRunId } from '../src/docker/labels.js';
import { profiledMake } from '../src/e2e/profile/install.js';
import { type LayoutPlan, workerHome } from '../src/e2e/run/layout-plan.js';
import { runE2e } from '../src/e2e/run/run-e2e.js';
import type { E2eHooks } from '../src/e2e/run/scenario.js';
import type { Worker } from '../src/e2e/worker/worker.js';
import { CHECKS } from '../src/judge/registry.js';
import { median } from '../src/model/figures/stats.js';
import { silentLog } from '../src/model/log.js';
import { formatSeconds } from '../src/model/numbers.js';
import type { E2eReport } from '../src/model/report.js';
import { trialText } from '../src/report/view/profile.js';
import setup from '../test/engine/global-setup.js';
import { SLIM_IMAGE } from '../test/engine/images.js';
import { runProcess } from '../test/engine/run-process.js';

const WARM_RUNS = '3';
const TEMPLATE = process.env.WORKER_GATE_BENCH_TEMPLATE
  ? path.resolve(process.env.WORKER_GATE_BENCH_TEMPLATE)
  : shippedTemplate();
const PROFILER_RUNS = 3;

const engine = await connectEngine();
if (!(await engine.images.inspect(SLIM_IMAGE))) await setup();
const inspected = await engine.images.inspect(SLIM_IMAGE);
if (!inspected) throw new Error(`${SLIM_IMAGE} is missing`);
const facts = inspected;

async function exec(worker: Worker, script: string): Promise<number> {
  const result = await worker.exec(['sh', '-c', script], { timeoutSeconds: 600 });
  if (result.exitCode !== 0)
    throw new Error(`bench step failed (${result.exitCode}): ${script}\n${result.output.slice(-2000)}`);
  return result.seconds;
}

async function e2e(tryFixes: string[], hooks: E2eHooks = {}): Promise<{ e2e: E2eReport; seconds: number }> {
  const options = resolveConfig({
    frontDoor: 'cli',
    command: 'e2e',
    overrides: {
      image: SLIM_IMAGE,
      template: TEMPLATE,
      'warm-runs': WARM_RUNS,
      'try-fixes': tryFixes,
    },
    env: process.env,
    cwd: tmpdir(),
    assetsDir: toolRoot(),
    checks: CHECKS,
  });
  const started = performance.now();
  const result = await runE2e(engine, {
    imageRef: SLIM_IMAGE,
    facts,
    options,
    runId: newRunId(),
    log: silentLog,
    runProcess,
    hooks,
  });
  return { e2e: result.e2e, seconds: (performance.now() - started) / 1000 };
}

// One e2e with try-fixes all. After the last floor (the layout's runs done, the trials not yet
// begun) the profiler's cost: plain and profiled make setup alternating in fresh clones; then the
// trials, whose span (from the end of that hook to the last trial phase) is try-fixes' cost.
let plan: LayoutPlan | undefined;
const plain: number[] = [];
const profiled: number[] = [];
let trialsFrom = 0;
let trialsTo = 0;
const on = await e2e(['all'], {
  async beforePhases(_worker, _run, p) {
    plan = p;
  },
  async afterPhase(worker, phase, run) {
    if (run.index < 0 && run.worker !== 'scaffolder') trialsTo = performance.now();
    if (phase.name !== 'floor' || !plan) return;
    const dir = `${workerHome(plan, `b${WARM_RUNS}`)}/bench`;
    for (let i = 0; i < PROFILER_RUNS; i++) {
      for (const [times, make] of [
        [plain, 'make setup'],
        [profiled, profiledMake('setup').join(' ')],
      ] as const) {
        await exec(worker, `rm -rf ${dir} && git clone -q ${plan.originRepo} ${dir} && sync`);
        times.push(await exec(worker, `cd ${dir} && ${make}`));
      }
    }
    trialsFrom = performance.now();
  },
});

const tried = (on.e2e.speedups ?? []).filter((s) => s.tried);
const templateName = process.env.WORKER_GATE_BENCH_TEMPLATE ? path.basename(TEMPLATE) : 'shipped';
console.log(`fixes bench: ${templateName} template, separate layout, warm-runs ${WARM_RUNS}, try-fixes all`);
for (const s of on.e2e.speedups ?? [])
  console.log(
    `  ${s.kind.padEnd(22)} ${formatSeconds(s.seconds).padStart(7)} ${s.basis.padEnd(9)} ${trialText(s) ?? '(not asked)'}`,
  );
const cost = (trialsTo - trialsFrom) / 1000;
console.log(
  `  e2e wall time ${formatSeconds(on.seconds)}; try-fixes ${formatSeconds(cost)}` +
    (tried.length
      ? `, ${formatSeconds(cost / tried.length)} per fix tried (${tried.length}: ${tried.map((s) => s.kind).join(', ')})`
      : ''),
);
// The share is of the plain setup measured beside it (fresh clones of the same worker), not of the e2e's warm runs.
const base = median(plain);
const profilerCost = median(profiled) - base;
console.log(
  `  profiler: plain make setup median ${formatSeconds(base)} (${plain.map((v) => v.toFixed(2)).join(', ')}), ` +
    `profiled ${formatSeconds(median(profiled))} (${profiled.map((v) => v.toFixed(2)).join(', ')}): ` +
    `${profilerCost.toFixed(3)} s, ${((profilerCost / base) * 100).toFixed(1)} % of the plain setup (target ≤ 2 %; ` +
    `the e2e's warm median ${formatSeconds(on.e2e.setup?.warmSeconds?.median)})`,
);
