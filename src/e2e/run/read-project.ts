// Right after a scaffold that passed, one exec in the scaffolder (scripts/read-project.sh) does what
// took four: it reaps what the scaffold left, reads what the project asks of Python (evidence.py …
// then), removes the scratch folder, reads the project's hooks, Makefile and scripts, and prints the
// Makefile's database for its targets, in that order. Four execs were 0.26 s of worker-gate's own
// time on the shipped template.
import { InfraError } from '../../model/errors.js';
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

/** read-project.sh with project-files.sh as its function, for a project folder (the exec's workdir). */
export function readProjectCommand({
  scratch = SCRATCH_DIR,
  maxBytes = MAX_FILE_BYTES,
  maxFiles = MAX_FILES,
} = {}): string[] {
  const script = `${RECORDS_SH}project_files() {\n${PROJECT_FILES_SH}\n}\n${READ_PROJECT_SH}`;
  return ['sh', '-c', script, 'read-project', scratch, String(maxBytes), String(maxFiles), NO_SUCH_GOAL];
}

/** Its output: the records through the project files' end, then the Makefile's database (never read as records). */
export function splitRead(output: string): { scratchGone: boolean; files: string; database: string } {
  const end = /^@@wg done$/m.exec(output);
  const records = end ? output.slice(0, end.index + end[0].length + 1) : output;
  return {
    scratchGone: /^@@wg scratch-gone$/m.test(records),
    files: records,
    database: end ? output.slice(end.index + end[0].length + 1) : '',
  };
}

export interface ScaffoldedProject {
  /** The project's hooks, Makefile and scripts; undefined when they could not be read. */
  files: ProjectFiles | undefined;
  /** What the project asks of Python, when asked (`ask`). */
  ask: EvidenceOutcome | undefined;
  /** make -p's database and exit code, for the targets. */
  targets: { output: string; exitCode: number | null };
}

/**
 * In the scaffolder's project folder, through its phase exec (`exec`: it pays what the scaffold left
 * first). `ask`: the project to read the Python requirements of, when the scaffolder has the workers'
 * image. Throws when the scratch folder stays: nothing of the project's may run beside it.
 */
export async function readScaffolded(
  worker: Worker,
  exec: NonNullable<PhaseRequest['exec']>,
  project: string,
  ask: string | undefined,
): Promise<ScaffoldedProject> {
  const req: EvidenceRequest | undefined = ask ? { ask } : undefined;
  const before = req ? evidenceBefore(worker, req) : undefined;
  const r = await exec(readProjectCommand(), { workdir: project, timeoutSeconds: 60 }, before);
  const read = splitRead(r.output);
  if (!read.scratchGone)
    throw new InfraError(
      `cannot remove ${SCRATCH_DIR} from ${worker.role}: ${read.files.trim().slice(-500)}`,
    );
  return {
    files: parseProjectFiles(read.files),
    ask: req ? evidenceFromPhase(worker, r.ours, req) : undefined,
    targets: { output: read.database, exitCode: r.exitCode ?? null },
  };
}
