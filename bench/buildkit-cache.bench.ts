// The registry cache bench (issue 24): the shipped image built by BuildKit from an
// empty build cache, against the same build from a cache in a registry
// (cache-to type=inline, pushed to the loopback test registry, the build cache
// pruned, then cache-from type=registry). Prints the medians of the two, side by
// side, and their ratio. Not a test: it asserts nothing, it prints.
//   node bench/run.mjs bench/buildkit-cache.bench.ts
// WG_BENCH_ROUNDS=5 changes the rounds (default 3). Prunes the engine's BuildKit
// cache before every build. Needs docker buildx, the test registry
// (scripts/ensure-registry.sh) and the stand-ins (scripts/build-standins.sh).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { median, ratio } from '../src/model/figures/stats.js';
import type { Report } from '../src/model/report.js';
import { rawDocker } from '../test/engine/helpers.js';
import { REGISTRY, REGISTRY_AUTH, REGISTRY_PASSWORD, REGISTRY_USER } from '../test/engine/registry.js';
import { cli, s, standinBuildFlags } from './bench-cli.js';

const rounds = Number(process.env.WG_BENCH_ROUNDS ?? '3');
const dir = mkdtempSync(path.join(tmpdir(), 'wg-bench-cache-'));
const ref = `${REGISTRY}/worker-gate-bench/slim-cache:latest`;
const LOCAL = 'worker-gate-bench/slim-buildkit:latest';

// buildx reads the registry's credentials and finds its plugin through DOCKER_CONFIG.
const config = path.join(dir, 'docker-config');
execFileSync('mkdir', ['-p', config]);
const auth = Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString('base64');
writeFileSync(path.join(config, 'config.json'), JSON.stringify({ auths: { [REGISTRY]: { auth } } }));
symlinkSync(path.join(homedir(), '.docker', 'cli-plugins'), path.join(config, 'cli-plugins'));
process.env.DOCKER_CONFIG = config;

const prune = () => execFileSync('docker', ['builder', 'prune', '-af'], { stdio: 'ignore' });
const docker = rawDocker();

async function build(
  name: string,
  extra: string[],
): Promise<{ seconds: number; cached: number; steps: number }> {
  prune();
  execFileSync('sync');
  const file = path.join(dir, `${name}.json`);
  const run = await cli([
    'build',
    '--build-backend',
    'buildkit',
    ...standinBuildFlags,
    ...extra,
    '--report',
    file,
  ]);
  if (run.code !== 0) throw new Error(`${name} failed (exit ${run.code}):\n${run.err.slice(-2000)}`);
  const steps = (JSON.parse(readFileSync(file, 'utf8')) as Report).build?.steps ?? [];
  return { seconds: run.seconds, cached: steps.filter((st) => st.cached).length, steps: steps.length };
}

try {
  const seeded = await build('seed', ['--cache-to', 'type=inline', '--tag', ref]);
  const push = await docker.getImage(ref).push({ authconfig: REGISTRY_AUTH });
  await new Promise((resolve, reject) =>
    docker.modem.followProgress(push, (e) => (e ? reject(e) : resolve(null))),
  );
  const cold: number[] = [];
  const warm: number[] = [];
  const lines = [`seed: ${s(seeded.seconds)}, ${seeded.steps} steps`];
  for (let i = 0; i < rounds; i++) {
    // Side by side, alternating, so drift on a shared machine falls on both.
    const c = await build(`cold-${i}`, ['--tag', LOCAL]);
    await docker
      .getImage(LOCAL)
      .remove()
      .catch(() => {});
    const w = await build(`warm-${i}`, ['--cache-from', `type=registry,ref=${ref}`, '--tag', LOCAL]);
    await docker
      .getImage(LOCAL)
      .remove()
      .catch(() => {});
    cold.push(c.seconds);
    warm.push(w.seconds);
    lines.push(
      `round ${i + 1}: cold ${s(c.seconds)} (${c.cached}/${c.steps} cached), from the registry cache ${s(w.seconds)} (${w.cached}/${w.steps} cached)`,
    );
  }
  const ratioText = ratio(median(cold), median(warm));
  lines.push(
    '',
    `cold build median ${s(median(cold))} (${cold.map((v) => v.toFixed(2)).join(', ')})`,
    `from the registry cache median ${s(median(warm))} (${warm.map((v) => v.toFixed(2)).join(', ')})`,
    `cold ÷ cached: ${ratioText === null ? '—' : `${ratioText.toFixed(2)}×`}`,
  );
  console.log(lines.join('\n'));
} finally {
  await docker
    .getImage(ref)
    .remove()
    .catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
