// Issue 11's memory target: a setup that prints 1 GB keeps the CLI's peak
// resident memory under 300 MB (output is streamed, never kept whole).
//   npm run build && node bench/run.mjs bench/output-flood.bench.ts [BYTES] [RUNS]   (argv: run.mjs, the bench, then these)
// Runs the bundled CLI as a process on the tiny fixture template whose setup
// prints BYTES (default 1 GB) in 100-character lines, and reads the CLI's
// VmHWM (peak resident set) from /proc while it runs; prints each run's peak,
// then the median and spread.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toolRoot } from '../src/config/shipped.js';

const bytes = Number(process.argv[3] ?? 1e9);
const runs = Number(process.argv[4] ?? 3);
const image = process.env.WG_BENCH_IMAGE ?? 'worker-gate-test/slim:latest';
const template = path.join(toolRoot(), 'test', 'fixtures', 'e2e', 'templates', 'tiny');

function peakKiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1]);
  } catch {
    return undefined;
  }
}

async function once(): Promise<{ peakMiB: number; code: number | null; seconds: number }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      path.join(toolRoot(), 'dist', 'cli.js'),
      'e2e',
      '--image',
      image,
      '--template',
      template,
      '--data',
      `flood=${bytes}`,
      '--warm-runs',
      '1',
    ],
    { stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, CI: 'true' } },
  );
  let peak = 0;
  // VmHWM only grows: the last reading before the exit is the peak, up to the last 100 ms.
  const poll = setInterval(() => {
    const now = child.pid ? peakKiB(child.pid) : undefined;
    if (now) peak = Math.max(peak, now);
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(poll);
  return { peakMiB: peak / 1024, code, seconds: (performance.now() - started) / 1000 };
}

const peaks: number[] = [];
for (let i = 1; i <= runs; i++) {
  const r = await once();
  peaks.push(r.peakMiB);
  console.log(`run ${i}: exit ${r.code}, peak RSS ${r.peakMiB.toFixed(1)} MiB, ${r.seconds.toFixed(1)} s`);
}
const sorted = [...peaks].sort((a, b) => a - b);
const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
console.log(
  `setup printing ${(bytes / 1e9).toFixed(2)} GB (three setups per run: cold, warm, floor): ` +
    `median peak RSS ${median.toFixed(1)} MiB (min ${sorted[0]?.toFixed(1)}, max ${sorted.at(-1)?.toFixed(1)}), target < 300 MB`,
);
