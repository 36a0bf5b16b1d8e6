// What the profiler costs (issues 14 and 25): make through the timing shell
// (make-profiled.sh) against plain make, in interleaved pairs (the order
// swapped every pair) in worker B of one e2e on the shipped template (1 CPU,
// the cache proved warm), after its floor:
//   (a) per recipe line: Makefiles of 200 trivial lines, one that make runs
//       without a shell (`true`) and one it gives the shell (`true && true`);
//   (b) the whole warm setup: `make setup` in a fresh clone of the origin;
//   (c) the model: the recipe lines a profiled setup ran (its wg-begin
//       markers) × the per-line cost, beside (b)'s measured difference.
// Each with the pairs' differences: median, min–max, sd and the bootstrap 95 %
// interval of their median (src/model/figures/stats.ts). Target: the profiler
// costs at most 2 % of a warm setup. Not a test: it prints.
//   node bench/run.mjs bench/profile.bench.ts
// WG_BENCH_PAIRS=N setup pairs (default 6), WG_BENCH_LINE_PAIRS=N pairs per
// trivial Makefile (default 20). Needs the engine and the slim test image.
import { profiledMake } from '../src/e2e/profile/install.js';
import { MARKER_START } from '../src/e2e/profile/markers.js';
import { type LayoutPlan, WORKSPACE } from '../src/e2e/run/layout-plan.js';
import type { Worker } from '../src/e2e/worker/worker.js';
import type { Spread } from '../src/model/report.js';
import { modelled, type PairedCost, pairedCost, pairsToResolve, perUnit, verdict } from './paired-cost.js';
import { execOk, shippedE2e, slimEngine } from './warm-worker.js';

const SETUP_PAIRS = Number(process.env.WG_BENCH_PAIRS ?? 6);
const LINE_PAIRS = Number(process.env.WG_BENCH_LINE_PAIRS ?? 20);
const LINES = 200;
const TARGET = 0.02;
// The separate layout: every developer's workspace volume is at WORKSPACE.
const DIR = `${WORKSPACE}/bench`;

// Two kinds of recipe line: with SHELL /bin/sh, GNU make runs a line with no shell metacharacter
// itself (fork and exec) and gives any other to the shell; profiled, every line goes through the
// timing shell, which runs it with the Makefile's shell.
const TRIVIAL = { 'no shell': 'true', shell: 'true && true' } as const;
type Kind = keyof typeof TRIVIAL;

/** plain and wrapped seconds of `pairs` pairs, the order swapped every pair (drift falls on both sides). */
async function pairs(
  n: number,
  run: (profiled: boolean) => Promise<number>,
): Promise<{ plain: number[]; profiled: number[] }> {
  const plain: number[] = [];
  const profiled: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const p of i % 2 ? [true, false] : [false, true]) (p ? profiled : plain).push(await run(p));
  }
  return { plain, profiled };
}

const make = (profiled: boolean, target = '') =>
  profiled ? profiledMake(...(target ? [target] : [])).join(' ') : `make ${target}`.trim();

async function perLine(worker: Worker): Promise<Record<Kind, PairedCost>> {
  await worker.put(WORKSPACE, [
    { name: 'bench/', type: 'directory' },
    { name: 'bench/lines/', type: 'directory' },
    ...Object.entries(TRIVIAL).flatMap(([kind, line]) => [
      { name: `bench/lines/${kind.replace(' ', '-')}/`, type: 'directory' as const },
      {
        name: `bench/lines/${kind.replace(' ', '-')}/Makefile`,
        content: `all:\n${`\t${line}\n`.repeat(LINES)}`,
      },
    ]),
  ]);
  const out = {} as Record<Kind, PairedCost>;
  for (const kind of Object.keys(TRIVIAL) as Kind[]) {
    const dir = `${DIR}/lines/${kind.replace(' ', '-')}`;
    const r = await pairs(LINE_PAIRS, async (p) => (await execOk(worker, `cd ${dir} && ${make(p)}`)).seconds);
    out[kind] = pairedCost(r.plain, r.profiled);
  }
  return out;
}

/** Plain and profiled `make setup`, each in a fresh clone; the recipe lines each profiled setup ran. */
async function setups(worker: Worker, origin: string): Promise<{ cost: PairedCost; lines: number[] }> {
  const lines: number[] = [];
  const r = await pairs(SETUP_PAIRS, async (p) => {
    await execOk(worker, `rm -rf ${DIR}/clone && git clone -q ${origin} ${DIR}/clone && sync`);
    const result = await execOk(worker, `cd ${DIR}/clone && ${make(p, 'setup')}`);
    if (p) lines.push(result.output.split(`${MARKER_START}begin `).length - 1);
    return result.seconds;
  });
  return { cost: pairedCost(r.plain, r.profiled), lines };
}

// One minus sign, as the project prints figures (src/model/numbers.ts).
const signed = (text: string) => text.replace(/^-/, '−');
const ms = (s: number) => signed(`${(s * 1000).toFixed(2)} ms`);
const sec = (s: number) => signed(`${s.toFixed(3)} s`);
const pct = (f: number) => signed(`${(f * 100).toFixed(2)} %`);
const range = (low: number, high: number, f: (v: number) => string) => `${f(low)} … ${f(high)}`;
const figures = (s: Spread, f: (v: number) => string) =>
  `median ${f(s.median)} (${range(s.min, s.max, f)}, sd ${f(s.sd ?? 0)}, n ${s.n})`;

const engine = await slimEngine();
let plan: LayoutPlan | undefined;
let lineCosts: Record<Kind, PairedCost> | undefined;
let setup: { cost: PairedCost; lines: number[] } | undefined;
const { e2e } = await shippedE2e(
  engine,
  { 'warm-runs': '1' },
  {
    async beforePhases(_worker, _run, p) {
      plan = p;
    },
    // After worker B's floor: its cache is warm and the origin holds the project.
    async afterPhase(worker, phase, run) {
      if (phase.name !== 'floor' || run.index < 0 || !plan) return;
      lineCosts = await perLine(worker);
      setup = await setups(worker, plan.originRepo);
    },
  },
);
if (!lineCosts || !setup) throw new Error('the e2e stopped before the floor: no figures');

console.log(
  `profile bench: plain against profiled make, interleaved pairs in worker B (1 CPU, warm cache); ` +
    `the e2e's warm setup ${e2e.setup?.warmSeconds?.median ?? '—'} s`,
);
const perLineFigures = (Object.keys(TRIVIAL) as Kind[]).map((kind) => {
  const c = lineCosts?.[kind] as PairedCost;
  const line = perUnit(c, LINES);
  const i = line.interval;
  console.log(
    `  ${LINES} × \`${TRIVIAL[kind]}\` (${kind}), ${c.plain.n} pairs: plain ${figures(c.plain, sec)}; ` +
      `profiled ${figures(c.wrapped, sec)}\n` +
      `    per line ${ms(line.median)}${i ? ` (95 % ${range(i.low, i.high, ms)})` : ''}, ` +
      `differences ${figures(c.differences, (v) => ms(v / LINES))}`,
  );
  return line;
});
const c = setup.cost;
const si = c.shareInterval;
console.log(
  `  make setup in a fresh clone, ${c.plain.n} pairs: plain ${figures(c.plain, sec)}; ` +
    `profiled ${figures(c.wrapped, sec)}\n` +
    `    cost ${sec(c.cost)}${c.interval ? ` (95 % ${range(c.interval.low, c.interval.high, sec)})` : ''}, ` +
    `differences ${figures(c.differences, sec)}\n` +
    `    share of the plain median ${pct(c.share)}${si ? ` (95 % ${range(si.low, si.high, pct)})` : ''}: ` +
    `${verdict(c, TARGET)} the target ≤ ${pct(TARGET)}`,
);
const lines = Math.max(...setup.lines);
const model = modelled(lines, perLineFigures, c);
console.log(
  `  model: ${lines} recipe lines per profiled setup (${setup.lines.join(', ')}) × the per-line cost = ` +
    `${range(model.low, model.high, ms)}, ${range(model.share.low, model.share.high, pct)} of the plain median; ` +
    (model.explains === undefined
      ? 'no interval to compare it with'
      : model.explains
        ? 'it meets the measured interval: the model explains the difference'
        : 'it misses the measured interval: the model does not explain the difference'),
);
const direct = verdict(c, TARGET);
const byModel = model.share.high <= TARGET ? 'within' : 'over';
console.log(
  `  verdict (≤ ${pct(TARGET)} of a warm setup): measured directly ${direct}` +
    (direct === 'undecided'
      ? ` (resolving ±${pct(TARGET)} would take about ${pairsToResolve(c.differences.sd ?? 0, TARGET * c.plain.median)} pairs at this spread)`
      : '') +
    `; by the model ${byModel}`,
);
