// The contention benchmark (issue 15): `e2e` on the shipped image and the shipped
// template with --concurrent-workers N for N = 2 and 4, and the figure a platform
// team running many agents on one host reads: the contention ratio, the median of
// N setups started at the same moment on one cache over the lone warm median,
// with the spread of each and every lock uv made a worker wait for. Not a test:
// it asserts nothing, it prints.
//   node bench/run.mjs bench/concurrent.bench.ts [extra e2e options, e.g. --warm-runs 3]
// WG_BENCH_WORKERS=2,4,8 changes the worker counts.
// Needs the engine and the stand-in base images (scripts/build-standins.sh).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Report } from '../src/model/report.js';
import { cli, s, standinBuildFlags } from './bench-cli.js';

const TAG = 'worker-gate-bench/slim:latest';
const extra = process.argv.slice(3);
const counts = (process.env.WG_BENCH_WORKERS ?? '2,4').split(',').map(Number);
const dir = mkdtempSync(path.join(tmpdir(), 'wg-bench-'));
const buildArgs = standinBuildFlags;

try {
  const build = await cli(['build', ...buildArgs, '--tag', TAG]);
  if (build.code !== 0) throw new Error(`build failed (exit ${build.code}):\n${build.err.slice(-2000)}`);
  const lines = [
    'worker-gate contention bench: e2e --concurrent-workers N on the shipped template, separate layout',
    '',
    'N   lone warm median (min–max)   concurrent median (min–max)   contention ratio   offline proof   lock waits',
  ];
  const waits: string[] = [];
  for (const n of counts) {
    const reportFile = path.join(dir, `report-${n}.json`);
    const run = await cli([
      'e2e',
      '--image',
      TAG,
      '--concurrent-workers',
      String(n),
      '--report',
      reportFile,
      ...extra,
    ]);
    if (!existsSync(reportFile))
      throw new Error(`e2e wrote no report (exit ${run.code}):\n${run.err.slice(-3000)}`);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
    const layout = report.e2e?.layouts[0];
    const batch = report.e2e?.concurrent?.[0];
    const lone = layout?.warmSetupSeconds;
    const conc = batch?.setupSeconds;
    lines.push(
      [
        String(n).padEnd(3),
        (lone ? `${s(lone.median)} (${lone.min.toFixed(2)}–${lone.max.toFixed(2)})` : '—').padEnd(28),
        (conc ? `${s(conc.median)} (${conc.min.toFixed(2)}–${conc.max.toFixed(2)})` : '—').padEnd(29),
        (batch?.contentionRatio === null || batch?.contentionRatio === undefined
          ? '—'
          : `${batch.contentionRatio}×`
        ).padEnd(18),
        (batch?.offline ? (batch.offline.passed ? 'passed' : 'FAILED') : '—').padEnd(15),
        String(batch?.lockWaits.length ?? '—'),
      ].join(' '),
    );
    if (report.verdict !== 'pass')
      lines.push(`    verdict ${report.verdict}: ${report.failures.map((f) => f.gate).join(', ')}`);
    for (const w of batch?.lockWaits ?? [])
      waits.push(`  N=${n}: ${w.entry}: ${w.workers} of ${n} waited, longest ${s(w.longestSeconds)}`);
  }
  lines.push(
    '',
    waits.length > 0 ? 'lock waits (up to the next line of output):' : 'no lock waits',
    ...waits,
  );
  console.log(lines.join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
