// The contract's cost on the shipped slim image (a passing image: no layer
// attribution), median of 5 runs, beside the same probes run one container
// per probe, as a naive implementation would. Run: node bench/run.mjs
// (needs the engine and the slim image; builds it when missing).
import { tmpdir } from 'node:os';
import { toReportImage } from '../src/build/image-info.js';
import { resolveConfig } from '../src/config/index.js';
import { toolRoot } from '../src/config/shipped.js';
import { probeCacheVolume } from '../src/contract/cache-dir.js';
import { probePlan, runContract } from '../src/contract/contract.js';
import { probeFragments, viewCommand } from '../src/contract/probe-script.js';
import { runOnce } from '../src/docker/containers.js';
import { connectEngine } from '../src/docker/engine.js';
import type { Engine } from '../src/docker/engine-api.js';
import { newRunId, runLabels } from '../src/docker/labels.js';
import { probeNeeds } from '../src/judge/draft.js';
import { GATES } from '../src/judge/gates.js';
import { judge } from '../src/judge/judge.js';
import { CHECKS } from '../src/judge/registry.js';
import { silentLog } from '../src/model/log.js';
import { uvCacheDir } from '../src/model/uv-cache-dir.js';
import setup from '../test/engine/global-setup.js';
import { SLIM_IMAGE } from '../test/engine/images.js';
import { runProcess } from '../test/engine/run-process.js';

const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

const engine: Engine = await connectEngine();
if (!(await engine.images.inspect(SLIM_IMAGE))) await setup();
const facts = await engine.images.inspect(SLIM_IMAGE);
if (!facts) throw new Error(`${SLIM_IMAGE} is missing`);
const layers = toReportImage(SLIM_IMAGE, facts).layers;
const options = resolveConfig({
  frontDoor: 'cli',
  command: 'check',
  overrides: { image: SLIM_IMAGE },
  env: {},
  cwd: tmpdir(),
  assetsDir: toolRoot(),
  checks: CHECKS,
});

const contract = () =>
  runContract(engine, {
    imageRef: SLIM_IMAGE,
    facts,
    layers,
    config: options,
    needs: probeNeeds(options, GATES),
    runId: newRunId(),
    log: silentLog,
    runProcess,
  }).then((result) => {
    const verdicts = judge(options, { command: 'check', contract: result.contract });
    const failed = verdicts.checks.filter((c) => c.check.status === 'fail');
    if (failed.length > 0)
      throw new Error(`the slim image failed: ${failed.map((c) => c.check.id).join(', ')}`);
  });

// The same probes, each in a container of its own, then the volume check.
const fragments = probeFragments(probePlan(probeNeeds(options, GATES), facts));
const perProbe = async () => {
  const runId = newRunId();
  for (const fragment of fragments) {
    await runOnce(engine, {
      image: SLIM_IMAGE,
      entrypoint: viewCommand([fragment]),
      cmd: [],
      labels: runLabels(runId),
      ...(fragment.view === 'root' ? { user: '0:0' } : {}),
      hostConfig: { NetworkMode: 'none' },
    });
  }
  await probeCacheVolume(engine, SLIM_IMAGE, uvCacheDir(facts.env)?.path ?? '/tmp', runId, options);
};

await contract(); // warm-up: the engine's first container start is slower
await perProbe();
const one: number[] = [];
const many: number[] = [];
for (let i = 0; i < RUNS; i++) {
  one.push(await timed(contract));
  many.push(await timed(perProbe));
}
const fmt = (values: number[]) =>
  `median ${median(values).toFixed(3)} s (min ${Math.min(...values).toFixed(3)}, max ${Math.max(...values).toFixed(3)})`;
console.log(`contract on ${SLIM_IMAGE}, ${RUNS} runs each, side by side:`);
console.log(`  one probe container + one volume container:  ${fmt(one)}`);
console.log(`  one container per probe (${fragments.length + 1} containers): ${fmt(many)}`);
console.log(`  ratio (per-probe median / contract median):  ${(median(many) / median(one)).toFixed(1)}x`);
