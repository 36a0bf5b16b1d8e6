// Measurements and configs for judging without Docker: what the stages would
// have measured, written out by hand.
import { tmpdir } from 'node:os';
import type { ReadFile } from '../../../src/config/file.js';
import { type Config, type RawValues, resolveConfig } from '../../../src/config/index.js';
import { toolRoot } from '../../../src/config/shipped.js';
import { CHECKS } from '../../../src/judge/registry.js';
import type { ContractMeasurements, ViewOutput } from '../../../src/model/facts/contract.js';
import type { InspectedImage } from '../../../src/model/facts/image.js';

/** The config a `check` run would have: the defaults plus `overrides` by option name, as typed. */
export function configWith(overrides: RawValues = {}, command: 'check' | 'verify' = 'check'): Config {
  const noFiles: ReadFile = (file) => {
    throw Object.assign(new Error(`ENOENT: no such file, open '${file}'`), { code: 'ENOENT' });
  };
  return resolveConfig({
    frontDoor: 'cli',
    command,
    overrides: { image: 'unused', ...overrides },
    env: {},
    cwd: tmpdir(),
    assetsDir: toolRoot(),
    checks: CHECKS,
    readFile: noFiles,
  });
}

export const FACTS: InspectedImage = {
  id: 'sha256:0123',
  sizeBytes: 200_000_000,
  user: 'worker',
  env: { PATH: '/usr/local/bin:/usr/bin:/bin', UV_CACHE_DIR: '/home/worker/.cache/uv' },
  labels: {},
  history: [],
};

/** What one view of the probe saw, as probe-output.ts reads it: nothing unless `over` says so. */
export function view(over: Partial<ViewOutput> = {}): ViewOutput {
  return {
    env: {},
    versions: [],
    missing: [],
    resolved: new Map(),
    executables: [],
    sites: [],
    metadata: [],
    complete: true,
    ...over,
  };
}

/** The contract's measurements of a clean image, with `over` replacing any part. */
export function contractOf(over: Partial<ContractMeasurements> = {}): ContractMeasurements {
  return {
    facts: FACTS,
    layers: [
      { createdBy: 'import', sizeBytes: 120_000_000 },
      { createdBy: '/bin/sh -c pip install ruff', sizeBytes: 80_000_000, dockerfileLine: 4 },
    ],
    views: {
      user: view({ identity: { uid: 1000, gid: 1000, home: '/home/worker' } }),
      root: view({ identity: { uid: 0, gid: 0, home: '/root' } }),
    },
    attribution: { indexOf: new Map(), historyLength: 0 },
    ...over,
  };
}
