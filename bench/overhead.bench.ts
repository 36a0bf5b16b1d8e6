// worker-gate's own time in an e2e run (issue 25, point 4): `e2e` on the slim
// test image and the shipped template, one layout, one warm run, repeated; for
// each run the report's overhead (wall time minus the phases, by stage), then
// the medians with their min–max. Not a test: it prints, and says how far the
// median is from the target (≤ 5 % of the run). Another template with
// --template, like bench/templates/backend (a real-sized one).
//   node bench/run.mjs bench/overhead.bench.ts [extra e2e options]
// WG_BENCH_RUNS=N runs (default 3). Needs the engine and the test images (the engine tier's set-up).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { E2eOverhead, Report } from '../src/model/report.js';
import { SLIM_IMAGE } from '../test/engine/images.js';
import { cli, s as seconds } from './bench-cli.js';

const extra = process.argv.slice(3);
const runs = Number(process.env.WG_BENCH_RUNS ?? 3);
const dir = mkdtempSync(path.join(tmpdir(), 'wg-bench-overhead-'));
const TARGET_PERCENT = 5;
// The template the runs scaffold, as the title names it: the last --template given, else the shipped one.
const templateAt = extra.reduce<string | undefined>(
  (found, arg, i) =>
    arg === '--template' ? extra[i + 1] : arg.startsWith('--template=') ? arg.slice(11) : found,
  undefined,
);
const templateName = templateAt ? `the template ${templateAt}` : 'the shipped template';

const median = (v: number[]) => {
  const sorted = [...v].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const spread = (v: number[], unit: string, digits = 2) =>
  `${median(v).toFixed(digits)}${unit} (${Math.min(...v).toFixed(digits)}–${Math.max(...v).toFixed(digits)})`;
// A setup's spread over the runs that measured one ('—' when none did).
const setupSpread = (v: (number | null)[]) => {
  const known = v.filter((x): x is number => x !== null);
  return known.length ? spread(known, ' s') : '—';
};

try {
  const measured: E2eOverhead[] = [];
  // The layout's cold and warm setup of each run, to say what size of project the overhead is of.
  const setups: { cold: number | null; warm: number | null }[] = [];
  for (let i = 0; i < runs; i++) {
    const file = path.join(dir, `report-${i}.json`);
    const run = await cli([
      'e2e',
      '--image',
      SLIM_IMAGE,
      '--cache-layout',
      'separate',
      '--warm-runs',
      '1',
      '--report',
      file,
      ...extra,
    ]);
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
    const overhead = report.e2e?.overhead;
    if (!overhead)
      throw new Error(`run ${i}: no overhead in the report (exit ${run.code}):\n${run.err.slice(-2000)}`);
    measured.push(overhead);
    const layout = report.e2e?.layouts[0];
    const setup = {
      cold: layout?.coldSetupSeconds ?? null,
      warm: layout?.warmSetupSeconds?.median ?? null,
    };
    setups.push(setup);
    // The clean-up's own split (containers, volumes, the rest), as the run logged it.
    const cleanUp = /e2e clean-up: .*/.exec(run.err)?.[0];
    if (cleanUp) console.log(`run ${i}: ${cleanUp}`);
    // Each worker's phases, to tell a slower run's phases apart from worker-gate's own time.
    const workers = [
      ['scaffolder', report.e2e?.scaffolder?.phases ?? []],
      ...(report.e2e?.runs ?? []).map((r) => [r.worker, r.phases] as const),
    ] as const;
    console.log(
      `run ${i}: phases ${workers.map(([who, ps]) => `${who} ${ps.map((p) => `${p.name} ${p.seconds}`).join(' ')}`).join('; ')}`,
    );
    console.log(
      `run ${i}: exit ${run.code}, cold setup ${seconds(setup.cold)}, warm setup ${seconds(setup.warm)}, wall ${overhead.wallSeconds} s, phases ${overhead.phaseSeconds} s, own ${overhead.ownSeconds} s (${overhead.ownPercent} %): ${overhead.stages.map((s) => `${s.stage} ${s.seconds} s`).join(', ')}`,
    );
  }
  const stages = [...new Set(measured.flatMap((o) => o.stages.map((s) => s.stage)))];
  const own = measured.map((o) => o.ownPercent);
  const lines = [
    '',
    `worker-gate's own time, e2e on ${templateName} (separate layout, 1 warm run), ${runs} runs: median (min–max)`,
    `setup      cold ${setupSpread(setups.map((x) => x.cold))}, warm ${setupSpread(setups.map((x) => x.warm))}`,
    `wall       ${spread(
      measured.map((o) => o.wallSeconds),
      ' s',
    )}`,
    `phases     ${spread(
      measured.map((o) => o.phaseSeconds),
      ' s',
    )}`,
    `own        ${spread(
      measured.map((o) => o.ownSeconds),
      ' s',
    )}, ${spread(own, ' %', 1)} of the run`,
    ...stages.map(
      (stage) =>
        `  ${stage.padEnd(9)}${spread(
          measured.map((o) => o.stages.find((s) => s.stage === stage)?.seconds ?? 0),
          ' s',
        )}`,
    ),
    `target     ≤ ${TARGET_PERCENT} % of the run: ${median(own) <= TARGET_PERCENT ? 'met' : `${(median(own) - TARGET_PERCENT).toFixed(1)} points over`}`,
  ];
  console.log(lines.join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
