// Right after a scaffold that passed, one exec in the scaffolder does what took four: the reap of
// what the scaffold left, the scratch folder's removal and the project's hooks, Makefile and
// scripts (scripts/read-project.sh), what the project asks of Python (evidence.py … then), and the
// Makefile's database for its targets, in that order. Four execs were 0.26 s of worker-gate's own
// time on the shipped template. Our records are on the exec's stderr, after the reap's record; the
// Makefile's database (the project's to shape) is stdout, never read as records.
import { InfraError } from '../../model/errors.js';
import { parseRecords } from '../../model/script-records.js';
import RECORDS_SH from '../../model/script-records.sh';
import {
  type EvidenceOutcome,
  type EvidenceRequest,
  evidenceBefore,
  evidenceFromPhase,
} from '../evidence/evidence.js';
import {
  MAX_FILE_BYTES,
  MAX_FILES,
  type ProjectFiles,
  parseProjectFiles,
} from '../evidence/project-files.js';
import PROJECT_FILES_SH from '../evidence/scripts/project-files.sh';
import type { Worker } from '../worker/worker.js';
import { SCRATCH_DIR } from '../worker/worker-tools.js';
import type { PhaseRequest } from './phases.js';
import READ_PROJECT_SH from './scripts/read-project.sh';
import { NO_SUCH_GOAL } from './targets.js';

/** read-project.sh with project-files.sh as its function; what follows these arguments runs in its place. */
export function readProjectCommand(
  project: string,
  { scratch = SCRATCH_DIR, maxBytes = MAX_FILE_BYTES, maxFiles = MAX_FILES } = {},
): string[] {
  const script = `${RECORDS_SH}project_files() {\n${PROJECT_FILES_SH}\n}\n${READ_PROJECT_SH}`;
  return ['sh', '-c', script, 'read-project', project, scratch, String(maxBytes), String(maxFiles)];
}

/** What runs next when there is no evidence.py to run: the command, its stderr joined to stdout. */
export const JOINED = ['sh', '-c', 'exec "$@" 2>&1', 'joined'];

/** The Makefile's database: make reads every makefile, prints it and runs no recipe. */
export const LIST_TARGETS = ['make', '-pRrq', '-f', 'Makefile', NO_SUCH_GOAL];

export interface ScaffoldedProject {
  /** The project's hooks, Makefile and scripts; undefined when they could not be read. */
  files: ProjectFiles | undefined;
  /** What the project asks of Python, when asked (`ask`). */
  ask: EvidenceOutcome | undefined;
  /** make -p's database and exit code, for the targets. */
  targets: { output: string; exitCode: number | null };
  /** The reap's own seconds, not the reading's. */
  reapSeconds: number;
}

/**
 * Through the scaffolder's phase exec (`exec`: it pays what the scaffold left first). `ask`: the
 * project to read the Python requirements of, when the scaffolder has the workers' image. Throws
 * when the scratch folder stays: nothing of the project's may run beside it.
 */
export async function readScaffolded(
  worker: Worker,
  exec: NonNullable<PhaseRequest['exec']>,
  project: string,
  ask: string | undefined,
): Promise<ScaffoldedProject> {
  const req: EvidenceRequest | undefined = ask ? { ask } : undefined;
  const next = (req && evidenceBefore(worker, req)) ?? JOINED;
  const before = [...readProjectCommand(project), ...next];
  const r = await exec(LIST_TARGETS, { workdir: project, timeoutSeconds: 60 }, before);
  const ours = r.ours ?? '';
  const records = parseRecords(ours);
  if (r.exitCode === 90 || !records.some((x) => x.kind === 'scratch-gone')) {
    const why = records.find((x) => x.kind === 'failed')?.text ?? `exit ${r.exitCode ?? 'none'}`;
    throw new InfraError(`cannot remove ${SCRATCH_DIR} from ${worker.role}: ${why}`);
  }
  return {
    files: parseProjectFiles(ours),
    ask: req ? evidenceFromPhase(worker, ours, req) : undefined,
    targets: { output: r.output, exitCode: r.exitCode ?? null },
    reapSeconds: r.reapSeconds ?? 0,
  };
}
