// The e2e benchmark (issue 6): `verify` on the shipped image and the shipped
// template with `--cache-layout both`, then the figures a platform team
// reads: cold setup and warm medians per layout, their ratio, the speedup,
// the link modes, the floor, and the harness's own overhead (wall time minus
// the build and the measured phases). Not a test: it asserts nothing, it
// prints, and it says how far the run is from the targets.
//   node bench/run.mjs bench/e2e.bench.ts [extra verify options, e.g. --warm-runs 5]
// Needs the engine and the stand-in base images (scripts/build-standins.sh).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../src/cli.js';
import type { Report } from '../src/report/types.js';
import { standinBuildArgs } from '../test/engine/images.js';

const TAG = 'worker-gate-bench/slim:latest';
const extra = process.argv.slice(2);
const dir = mkdtempSync(path.join(tmpdir(), 'wg-bench-'));
const reportFile = path.join(dir, 'report.json');
const buildArgs = Object.entries(standinBuildArgs).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]);

async function cli(args: string[]): Promise<{ code: number; seconds: number; err: string }> {
  let err = '';
  const start = performance.now();
  const code = await runCli(args, {
    out: () => {},
    err: (t) => {
      err += t;
    },
    env: process.env,
    cwd: process.cwd(),
  });
  return { code, seconds: (performance.now() - start) / 1000, err };
}

const s = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n.toFixed(2)} s`);

try {
  // Warm the layer cache first, then time a build that is all cache hits:
  // the build verify runs is the same, and is not the harness's overhead.
  const warmUp = await cli(['build', ...buildArgs, '--tag', TAG]);
  if (warmUp.code !== 0) throw new Error(`build failed (exit ${warmUp.code}):\n${warmUp.err}`);
  const build = await cli(['build', ...buildArgs, '--tag', TAG]);
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
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
  const e2e = report.e2e;
  if (!e2e)
    throw new Error(
      `the report has no e2e section (verify exit ${verify.code}):\n${verify.err.slice(-2000)}`,
    );

  const phases = e2e.runs.flatMap((r) => r.phases).reduce((sum, p) => sum + p.seconds, 0);
  const overhead = verify.seconds - build.seconds - phases;
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
  lines.push(
    '',
    `layout ratio (separate / shared warm median): ${e2e.layoutRatio ?? '—'}   target: shared at most half (ratio ≥ 2)`,
    `per run: ${e2e.runs.map((r) => `${r.index}:${r.layout[0]}${r.worker} ${r.provedState ?? '?'} ${r.downloads ?? '?'}dl ${r.linkMode ?? '?'}`).join(', ')}`,
    '',
    `wall ${verify.seconds.toFixed(1)} s = build ${build.seconds.toFixed(1)} s + measured phases ${phases.toFixed(1)} s + overhead ${overhead.toFixed(1)} s (${((overhead / verify.seconds) * 100).toFixed(1)}%; target ≤ 5%)`,
    '  (overhead: probing, worker start-up, uploads, evidence outside the timed spans, the contract stage, clean-up)',
  );
  if (e2e.advice) lines.push('', `advice: ${e2e.advice}`);
  console.log(lines.join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
