// env-leaks: variables in the image's config reach every project's tools in every
// worker (a PYTHONPATH entry shadows a project's own packages, a VIRTUAL_ENV or
// UV_PROJECT_ENVIRONMENT points uv at the wrong venv). Only reported when some are set.
import { isSkipped } from '../model/checks.js';
import { type DraftCheck, draftGate } from './draft.js';
import type { GateCheck } from './gate.js';

// The image's variables that reach every project's tools.
const CHECK: GateCheck = { id: 'env-leaks', stage: 'contract', off: 'skip' };

const EXACT = new Set(['PYTHONPATH', 'PYTHONHOME', 'VIRTUAL_ENV']);
const PREFIXES = ['UV_', 'PIP_'];
/**
 * uv settings that say where the worker keeps its cache and that uv uses the image's
 * Python: the worker's job, which the plan puts in the image (the shipped one sets them).
 */
const WORKER_SETTINGS = new Set(['UV_CACHE_DIR', 'UV_PYTHON_DOWNLOADS', 'UV_PYTHON_PREFERENCE']);

/** The image's variables that reach every project's tools, sorted. */
export function leakingVariables(env: Readonly<Record<string, string>>): string[] {
  return Object.keys(env)
    .filter((name) => !WORKER_SETTINGS.has(name))
    .filter((name) => EXACT.has(name) || PREFIXES.some((prefix) => name.startsWith(prefix)))
    .sort();
}

export function envLeaksCheck(env: Readonly<Record<string, string>>): DraftCheck | undefined {
  const names = leakingVariables(env);
  if (names.length === 0) return undefined;
  const shown = names.map((name) => `${name}=${env[name]}`).join(', ');
  return {
    id: CHECK.id,
    status: 'warn',
    summary:
      `the image sets ${shown}: every project's tools in every worker get ${names.length === 1 ? 'it' : 'them'}; ` +
      `if the worker manager removes ${names.length === 1 ? 'it' : 'them'} for agents, run the e2e the same way ` +
      `(${names.map((name) => `--unset-env ${name}`).join(' ')})`,
  };
}

export const ENV_LEAKS_GATE = draftGate({
  family: CHECK.id,
  checks: [CHECK],
  draft(config, { contract }) {
    const leaks = isSkipped(CHECK.id, config.skipChecks) ? undefined : envLeaksCheck(contract.facts.env);
    return leaks ? [leaks] : [];
  },
});
