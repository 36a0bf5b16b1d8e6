// The CLI in-process for the benchmarks: exit code, wall seconds and stderr (its log).
import { runCli } from '../src/cli.js';
import { standinBuildArgs } from '../test/engine/images.js';

export async function cli(args: string[]): Promise<{ code: number; seconds: number; err: string }> {
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

/** The stand-in base images as --build-arg flags (a machine with no registry). */
export const standinBuildFlags = Object.entries(standinBuildArgs).flatMap(([k, v]) => [
  '--build-arg',
  `${k}=${v}`,
]);

/** Seconds as the benches print them. */
export const s = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : `${n.toFixed(2)} s`;
