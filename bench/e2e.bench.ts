// The e2e benchmark (issue 6): `verify` on the shipped image and the shipped
// template with `--cache-layout both`, then the figures a platform team
// reads: cold setup and warm medians per layout, their ratio, the speedup,
// the link modes, the floor, and the harness's own overhead (wall time minus
// the build and the measured phases). Not a test: it asserts nothing, it
// prints, and it says how far the run is from the targets.
//   node bench/run.mjs bench/e2e.bench.ts [extra verify options, e.g. --warm-runs 5]
// WG_BENCH_REPORT=FILE keeps verify's JSON report there.
// Needs the engine and the stand-in base images (scripts/build-standins.sh).
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Report } from '../src/model/report.js';
import { cli, s, standinBuildFlags } from './bench-cli.js';

const TAG = 'worker-gate-bench/slim:latest';
// process.argv is bench/run.mjs's: node, run.mjs, this file, then the extra options.
const extra = process.argv.slice(3);
const dir = mkdtempSync(path.join(tmpdir(), 'wg-bench-'));
const reportFile = path.join(dir, 'report.json');
const buildArgs = standinBuildFlags;

try {
  // Warm the layer cache first, then time a build that is all cache hits:
  // the build verify runs is the same, and is not the harness's overhead.
  const warmUp = await cli(['build', ...buildArgs, '--tag', TAG]);
  if (warmUp.code !== 0) throw new Error(`build failed (exit ${warmUp.code}):\n${warmUp.err}`);
  const build = await cli(['build', ...buildArgs, '--tag', TAG]);
  // The contract stage verify also runs: timed on its own, to tell it from the e2e's overhead.
  const check = await cli(['check', '--image', TAG]);
  for (const [what, run] of [
    ['build', build],
    ['check', check],
  ] as const) {
    if (run.code === 2) throw new Error(`${what} failed (exit 2):\n${run.err.slice(-2000)}`);
  }
  const verify = await cli([
    'verify',
    ...buildArgs,
    '--tag',
    TAG,
    '--cache-layout',
    'both',
    '--report',
    reportFile,
    ...extra,
  ]);
  if (!existsSync(reportFile))
    throw new Error(`verify wrote no report (exit ${verify.code}):\n${verify.err.slice(-3000)}`);
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
  if (process.env.WG_BENCH_REPORT) copyFileSync(reportFile, process.env.WG_BENCH_REPORT);
  const e2e = report.e2e;
  if (!e2e)
    throw new Error(
      `the report has no e2e section (verify exit ${verify.code}):\n${verify.err.slice(-2000)}`,
    );

  const phases = e2e.runs.flatMap((r) => r.phases).reduce((sum, p) => sum + p.seconds, 0);
  const overhead = verify.seconds - build.seconds - phases;
  const e2eOverhead = overhead - check.seconds;
  const cleanUp = Number(/e2e clean-up: .* removed in ([\d.]+) s/.exec(verify.err)?.[1] ?? Number.NaN);
  const pct = (n: number) => `${((n / verify.seconds) * 100).toFixed(1)}%`;
  const lines = [
    `worker-gate e2e bench: verify --cache-layout both ${extra.join(' ')} (exit ${verify.code}, verdict ${report.verdict})`,
    `uv ${e2e.uvVersion ?? '?'}; ${e2e.runs.length} runs`,
    '',
    'layout    link mode       cold setup  warm median (min–max)       speedup  floor    warm/floor',
  ];
  for (const l of e2e.layouts) {
    const w = l.warmSetupSeconds;
    lines.push(
      [
        l.layout.padEnd(9),
        l.linkMode.padEnd(15),
        s(l.coldSetupSeconds).padEnd(11),
        (w ? `${s(w.median)} (${w.min.toFixed(2)}–${w.max.toFixed(2)})` : '—').padEnd(27),
        (l.speedup === null ? '—' : `${l.speedup}×`).padEnd(8),
        s(l.floorSeconds).padEnd(8),
        l.floorRatio === undefined ? '—' : `${l.floorRatio}×`,
      ].join(' '),
    );
  }
  // uv's own account of each proved warm setup: installing (linking or copying) and preparing (building).
  for (const l of e2e.layouts) {
    const warm = e2e.runs.filter((r) => r.layout === l.layout && r.provedState === 'warm');
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const install = med(warm.map((r) => r.uvSummary?.installSeconds ?? 0));
    const prepare = med(warm.map((r) => r.uvSummary?.prepareSeconds ?? 0));
    lines.push(
      `  ${l.layout}: uv's median warm install (link/copy) ${s(install)}, prepare (local builds) ${s(prepare)}`,
    );
  }
  lines.push(
    '',
    `layout ratio (separate / shared warm median): ${e2e.layoutRatio ?? '—'}   target: shared at most half (ratio ≥ 2)`,
    'per run (index layout worker: state, downloads, link mode):',
    ...e2e.runs.map(
      (r) =>
        `  ${r.index} ${r.layout} ${r.worker}: ${r.provedState ?? '?'}, ${r.downloads ?? '?'}, ${r.linkMode ?? '?'}`,
    ),
    '',
    `wall ${verify.seconds.toFixed(1)} s = build ${build.seconds.toFixed(1)} s + measured phases ${phases.toFixed(1)} s + overhead ${overhead.toFixed(1)} s (${pct(overhead)}; target ≤ 5%)`,
    `  overhead = contract stage ${check.seconds.toFixed(1)} s (${pct(check.seconds)}) + e2e harness ${e2eOverhead.toFixed(1)} s (${pct(e2eOverhead)}),`,
    `  the e2e's clean-up (deleting the workers' volumes: venvs and caches) ${cleanUp.toFixed(1)} s (${pct(cleanUp)}) of it;`,
    '  the rest: probing, worker start-up, uploads, evidence gathered outside the timed spans',
  );
  if (e2e.advice) lines.push('', `advice: ${e2e.advice}`);
  console.log(lines.join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
