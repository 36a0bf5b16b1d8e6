// What worker-gate itself puts into every worker, apart from the project: the
// evidence script, the venv check, the process reaper and the CA bundle, in a
// folder owned by root and read-only (the worker cannot change, replace or add
// to them: a project that overwrote the evidence script forged a warm run), and
// a scratch folder of the worker's own for the template copy and credentials,
// which go again once the scaffold is done. The scripts live beside the code
// that runs them and reads their records (evidence/scripts/, ./scripts/reap.sh);
// this module only lists them for the worker's start.
import type { FileEntry } from '../../docker/engine-api.js';
import RECORDS_SH from '../../model/script-records.sh';
import EVIDENCE_PY from '../evidence/scripts/evidence.py';
import VENV_CHECK_PY from '../evidence/scripts/venv-check.py';
import REAP_SH from './scripts/reap.sh';

/** Root's, mode 0555: not under /tmp, whose sticky bit still lets the worker add names. */
export const TOOLS_DIR = '/worker-gate-tools';
export const EVIDENCE_PATH = `${TOOLS_DIR}/evidence.py`;
/** handoff mount: do the handed-over venvs work here (src/e2e/evidence/venv-check.ts)? */
export const VENV_CHECK_PATH = `${TOOLS_DIR}/venv-check.py`;
export const REAP_PATH = `${TOOLS_DIR}/reap.sh`;
export const CA_PATH = `${TOOLS_DIR}/ca-bundle.pem`;
/** The worker's own: the template copy and the scaffold's credentials, removed after the scaffold. */
export const SCRATCH_DIR = '/tmp/worker-gate';

/** The tools as files, for the worker's start to put in owned by root (worker.ts: the worker could not chown). */
export function toolEntries(caPem: Buffer | undefined): FileEntry[] {
  const rel = (p: string) => p.replace(/^\/+/, '');
  const entries: FileEntry[] = [
    { name: `${rel(TOOLS_DIR)}/`, type: 'directory', mode: 0o555 },
    { name: rel(EVIDENCE_PATH), content: EVIDENCE_PY, mode: 0o444 },
    { name: rel(VENV_CHECK_PATH), content: VENV_CHECK_PY, mode: 0o444 },
    // The reaper reports in records: the sh writer goes in front of it.
    { name: rel(REAP_PATH), content: `${RECORDS_SH}${REAP_SH}`, mode: 0o444 },
  ];
  if (caPem) entries.push({ name: rel(CA_PATH), content: caPem, mode: 0o444 });
  return entries;
}
