// What profiling costs (issue 14): make through the timing shell against plain
// make, side by side in the same worker, alternating, medians of 5 with their
// spread. (1) a recipe of 200 trivial lines; (2) the shipped template's warm
// setup (a fresh clone on the warm cache of the e2e that prepared it). Target:
// the wrapper costs at most 2 % of a warm setup. Not a test: it prints.
//   node bench/run.mjs bench/profile.bench.ts
// Needs the engine and the slim image (the engine tests' global set-up builds it).
import { tmpdir } from 'node:os';
import { resolveConfig } from '../src/config/index.js';
import { shippedTemplate, toolRoot } from '../src/config/shipped.js';
import { connectEngine } from '../src/docker/engine.js';
import { newRunId } from '../src/docker/labels.js';
import { profiledMake } from '../src/e2e/profile/install.js';
import type { LayoutPlan } from '../src/e2e/run/layout-plan.js';
import { workerHome } from '../src/e2e/run/layout-plan.js';
import { runE2e } from '../src/e2e/run/run-e2e.js';
import type { Worker } from '../src/e2e/worker/worker.js';
import { CHECKS } from '../src/judge/registry.js';
import { silentLog } from '../src/model/log.js';
import setup from '../test/engine/global-setup.js';
import { SLIM_IMAGE } from '../test/engine/images.js';
import { runProcess } from '../test/engine/run-process.js';

const RUNS = 5;
const LINES = 200;

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const fmt = (v: number[]) =>
  `median ${median(v).toFixed(3)} s (min ${Math.min(...v).toFixed(3)}, max ${Math.max(...v).toFixed(3)})`;

async function exec(worker: Worker, script: string): Promise<number> {
  const result = await worker.exec(['sh', '-c', script], { timeoutSeconds: 600 });
  if (result.exitCode !== 0)
    throw new Error(`bench step failed (${result.exitCode}): ${script}\n${result.output.slice(-2000)}`);
  return result.seconds;
}

/** Plain and profiled, alternating, RUNS each: [plain, profiled]. */
async function sideBySide(run: (profiled: boolean) => Promise<number>): Promise<[number[], number[]]> {
  const plain: number[] = [];
  const profiled: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    plain.push(await run(false));
    profiled.push(await run(true));
  }
  return [plain, profiled];
}

function print(title: string, [plain, profiled]: [number[], number[]], warmMedian?: number): void {
  const cost = median(profiled) - median(plain);
  console.log(`${title}\n  plain make     ${fmt(plain)}\n  profiled make  ${fmt(profiled)}`);
  const per = title.startsWith('200') ? `, ${((cost / LINES) * 1000).toFixed(2)} ms per line` : '';
  const share = warmMedian
    ? `, ${((cost / warmMedian) * 100).toFixed(2)} % of the warm setup (target ≤ 2 %)`
    : '';
  console.log(`  cost: ${cost.toFixed(3)} s${per}${share}`);
}

const engine = await connectEngine();
if (!(await engine.images.inspect(SLIM_IMAGE))) await setup();
const facts = await engine.images.inspect(SLIM_IMAGE);
if (!facts) throw new Error(`${SLIM_IMAGE} is missing`);
const options = resolveConfig({
  frontDoor: 'cli',
  command: 'e2e',
  overrides: { image: SLIM_IMAGE, template: shippedTemplate(), 'warm-runs': '1' },
  env: process.env,
  cwd: tmpdir(),
  assetsDir: toolRoot(),
  checks: CHECKS,
});

let plan: LayoutPlan | undefined;
let trivial: [number[], number[]] | undefined;
let warm: [number[], number[]] | undefined;
await runE2e(engine, {
  imageRef: SLIM_IMAGE,
  facts,
  options,
  runId: newRunId(),
  log: silentLog,
  runProcess,
  hooks: {
    async beforePhases(_worker, _run, p) {
      plan = p;
    },
    // After worker B's floor: its cache is warm and the origin holds the project.
    async afterPhase(worker, phase) {
      if (phase.name !== 'floor' || !plan) return;
      const dir = `${workerHome(plan, 'b1')}/bench`;
      const recipe = Array.from({ length: LINES }, (_, i) => `\t@: line ${i}`).join('\n');
      await exec(
        worker,
        `mkdir -p ${dir}/trivial && printf 'all:\\n%s\\n' '${recipe}' > ${dir}/trivial/Makefile`,
      );
      trivial = await sideBySide((p) =>
        exec(worker, `cd ${dir}/trivial && ${p ? profiledMake().join(' ') : 'make'}`),
      );
      const origin = plan.originRepo;
      warm = await sideBySide((p) =>
        exec(worker, `rm -rf ${dir}/clone && git clone -q ${origin} ${dir}/clone && sync`).then(() =>
          exec(worker, `cd ${dir}/clone && ${p ? profiledMake('setup').join(' ') : 'make setup'}`),
        ),
      );
    },
  },
});
if (!trivial || !warm) throw new Error('the e2e stopped before the floor: no figures');
console.log(`profile bench: ${RUNS} runs each, alternating, one worker (1 CPU)`);
print(`${LINES} trivial recipe lines`, trivial);
print('shipped template, warm setup in a fresh clone', warm, median(warm[0]));
