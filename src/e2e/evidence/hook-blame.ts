// Which of the project's git hooks stopped a failed push phase
// (scripts/hook-blame.sh), asked once the phase is over: the failure then
// names the hook's file beside the phase's last lines.
import { fields, parseRecords, reachedEnd } from '../../model/script-records.js';
import RECORDS_SH from '../../model/script-records.sh';
import type { Worker } from '../worker/worker.js';
import HOOK_BLAME_SH from './scripts/hook-blame.sh';

/** A hook that refused the commit or the push, with its path as git resolves it (`.githooks/pre-push`). */
export interface BlamedHook {
  step: 'commit' | 'push';
  name: string;
  file: string;
}

export function hookBlameCommand(subject: string, remote: string, refspec: string): string[] {
  return ['sh', '-c', `${RECORDS_SH}${HOOK_BLAME_SH}`, 'hook-blame', subject, remote, refspec];
}

/** The first hook blamed, or undefined (no hook stopped it, or the script did not finish). */
export function parseHookBlame(output: string): BlamedHook | undefined {
  const records = parseRecords(output);
  if (!reachedEnd(records)) return undefined;
  for (const r of records) {
    if (r.kind !== 'blame') continue;
    const f = fields(r.text, 3);
    if (!f) continue;
    const [step, name, file] = f as [string, string, string];
    if (step === 'commit' || step === 'push') return { step, name, file };
  }
  return undefined;
}

/** Asks the worker; a question that fails blames nothing (the phase's own failure still stands). */
export async function blameHook(
  worker: Worker,
  project: string,
  subject: string,
  remote: string,
  refspec: string,
): Promise<BlamedHook | undefined> {
  const r = await worker.exec(hookBlameCommand(subject, remote, refspec), {
    workdir: project,
    timeoutSeconds: 60,
  });
  return parseHookBlame(r.output);
}
