// What try-fixes finds and what it costs (issue 25 point 5), on the shipped
// template or the one WORKER_GATE_BENCH_TEMPLATE names (a folder; e.g.
// test/fixtures/e2e/templates/local-package, whose local package both
// local-package fixes apply to): one e2e with try-fixes all, one layout, 3 warm runs (so 3
// interleaved pairs per fix). Prints each advice as the report reads it
// (measured with its interval, or why not tried) and the wall time the trials
// took per fix tried. The profiler's own cost has a bench of its own
// (bench/profile.bench.ts). Not a test: it prints.
//   node bench/run.mjs bench/fixes.bench.ts
//   WORKER_GATE_BENCH_TEMPLATE=test/fixtures/e2e/templates/local-package node bench/run.mjs bench/fixes.bench.ts
// Needs the engine and the slim image (the engine tests' global set-up builds it).
import path from 'node:path';
import { shippedTemplate } from '../src/config/shipped.js';
import { formatSeconds } from '../src/model/numbers.js';
import { trialText } from '../src/report/view/profile.js';
import { shippedE2e, slimEngine } from './warm-worker.js';

const WARM_RUNS = '3';
const TEMPLATE = process.env.WORKER_GATE_BENCH_TEMPLATE
  ? path.resolve(process.env.WORKER_GATE_BENCH_TEMPLATE)
  : shippedTemplate();

// One e2e with try-fixes all. The trials begin after the last floor (the layout's runs done); their
// span, from the end of that floor to the last trial phase, is try-fixes' cost.
let trialsFrom = 0;
let trialsTo = 0;
const on = await shippedE2e(
  await slimEngine(),
  { template: TEMPLATE, 'warm-runs': WARM_RUNS, 'try-fixes': ['all'] },
  {
    async afterPhase(_worker, phase, run) {
      if (run.index < 0 && run.worker !== 'scaffolder') trialsTo = performance.now();
      if (phase.name === 'floor' && run.index >= 0) trialsFrom = performance.now();
    },
  },
);

const tried = (on.e2e.speedups ?? []).filter((s) => s.tried);
console.log(
  `fixes bench: ${path.relative(process.cwd(), TEMPLATE)}, separate layout, warm-runs ${WARM_RUNS}, try-fixes all`,
);
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
