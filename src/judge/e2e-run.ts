// INTERIM, until the end to end's own gates (timing, cache-shared, python-fit,
// phases, template-uncommitted, cache-evidence) land in src/judge: the checks
// and failures run-e2e still returns, passed through in its order, with their
// ids and remedies. Remove this file, its line in gates.ts and
// Measurements.e2eVerdicts when those gates are registered.
import type { Gate } from './gate.js';

export const E2E_RUN_GATE: Gate = {
  family: 'e2e (interim)',
  ids: [
    {
      id: 'python-fits-template',
      stage: 'e2e',
      off: 'set allow-python-mismatch to make it a warning',
    },
    { id: 'cache-evidence', stage: 'e2e', off: 'it only ever warns' },
    // Issue 13: the warm runs really shared the cache.
    { id: 'cache-shared', stage: 'e2e', off: 'skip' },
    {
      id: 'template-uncommitted',
      stage: 'e2e',
      off: 'it only ever warns (commit or stash the changes to the template)',
    },
    { id: 'max-warm-setup-seconds', stage: 'timing', off: 'it runs only when max-warm-setup-seconds is set' },
    { id: 'min-setup-speedup', stage: 'timing', off: 'it runs only when min-setup-speedup is set' },
    { id: 'max-layout-ratio', stage: 'timing', off: 'it runs only when max-layout-ratio is set' },
  ],
  remedies: {
    'python-fits-template':
      'Build the image on the Python the template asks for (e.g. the `PYTHON_IMAGE` build argument), or set `allow-python-mismatch` if you accept the risk.',
    'max-warm-setup-seconds':
      'Look at the link mode of the warm runs: `copy-fallback` means the uv cache and the project sit on two mounts and uv copies every file (compare the layouts). Otherwise raise `max-warm-setup-seconds`.',
    'min-setup-speedup':
      'Check that the warm runs were proved warm and how uv linked files; a shared cache that barely helps is usually one that copies. Otherwise lower `min-setup-speedup`.',
    'max-layout-ratio':
      'Put the uv cache and the workspaces inside one mount (the shared layout) so uv can hard-link, or raise `max-layout-ratio` if the copying is accepted.',
    'cache-shared':
      'Read the warm runs’ new distributions (under End to end): a warm setup that downloads means the second worker did not get the first one’s cache (check that the same `uv-cache` volume is mounted at `UV_CACHE_DIR`, and that the project pins what it installs). Missing evidence means the worker lost its python3 or the evidence could not run. If the cache is not meant to be shared, add `cache-shared` to `skip-checks`.',
    // Every phase gate (`e2e`, `e2e:<worker>:<phase>`) shares this one.
    e2e: 'Read the log tail of the failed phase (under End to end); run `worker-gate e2e --image <ref>` locally to reproduce it in the same worker containers.',
  },
  judge: (_config, { e2eVerdicts }) =>
    e2eVerdicts
      ? { checks: e2eVerdicts.checks.map((check) => ({ check })), failures: e2eVerdicts.failures }
      : {},
};
