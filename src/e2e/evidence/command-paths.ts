// Which of the removed tools the worker has on its PATH after all
// (scripts/command-paths.sh), asked once per run: a project's bare call of one
// of them is then `provided by` that path (removed-tool-calls.ts).
import { fields, parseRecords, reachedEnd } from '../../model/script-records.js';
import RECORDS_SH from '../../model/script-records.sh';
import type { Worker } from '../worker/worker.js';
import COMMAND_PATHS_SH from './scripts/command-paths.sh';

export function commandPathsCommand(names: readonly string[]): string[] {
  return ['sh', '-c', `${RECORDS_SH}${COMMAND_PATHS_SH}`, 'command-paths', ...names];
}

/** Name → path of each command found; undefined when the script did not reach its end. */
export function parseCommandPaths(output: string): Map<string, string> | undefined {
  const records = parseRecords(output);
  if (!reachedEnd(records)) return undefined;
  const paths = new Map<string, string>();
  for (const r of records) {
    if (r.kind !== 'path') continue;
    const [name, path] = fields(r.text, 2) ?? [];
    if (name && path) paths.set(name, path);
  }
  return paths;
}

/** Run as the worker, with the phases' environment (`--env` may set PATH); undefined when unanswered. */
export async function commandPaths(
  worker: Worker,
  names: readonly string[],
  env?: Record<string, string>,
): Promise<Map<string, string> | undefined> {
  const r = await worker.exec(commandPathsCommand(names), { timeoutSeconds: 60, ...(env ? { env } : {}) });
  return parseCommandPaths(r.output);
}
