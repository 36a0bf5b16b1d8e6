// The generated project's Makefile, git hooks and shell scripts as text
// (scripts/project-files.sh), read in the scaffolder right after the scaffold
// (run/read-project.ts), for the scan of calls to removed tools (removed-tool-calls.ts).
import { fields, parseRecords, reachedEnd, wholeNumber } from '../../model/script-records.js';
import type { ProjectFile } from './removed-tool-calls.js';

/** Of a longer file only the start is read: no hook or Makefile is this long. */
export const MAX_FILE_BYTES = 256 * 1024;
export const MAX_FILES = 64;

export interface ProjectFiles {
  files: ProjectFile[];
  /** What was left out or cut, in words, for the log. */
  notes: string[];
}

/** The selection the script makes, for a project-relative path: the template's side maps onto it. */
export function isProjectScriptPath(path: string): boolean {
  return (
    /^(?:GNUmakefile|makefile|Makefile)$/.test(path) ||
    /^\.githooks\/[^/]+$/.test(path) ||
    /^scripts\/[^/]+\.sh$/.test(path)
  );
}

/** The files read, or undefined when the script did not reach its end. */
export function parseProjectFiles(output: string): ProjectFiles | undefined {
  const records = parseRecords(output);
  if (!reachedEnd(records)) return undefined;
  const out: ProjectFiles = { files: [], notes: [] };
  for (const r of records) {
    if (r.kind === 'file' && r.lines) {
      const [size, path] = fields(r.text, 2) ?? [];
      const bytes = wholeNumber(size);
      if (!path || bytes === undefined) continue;
      out.files.push({ path, text: r.lines.join('\n') });
      if (bytes > MAX_FILE_BYTES)
        out.notes.push(`${path}: ${bytes} bytes, only the first ${MAX_FILE_BYTES} read`);
    } else if (r.kind === 'skip') {
      const [why, path] = fields(r.text, 2) ?? [];
      if (why && path) out.notes.push(`${path}: ${why}, not read`);
    } else if (r.kind === 'limit') {
      out.notes.push(`more than ${r.text} files: the rest not read`);
    }
  }
  return out;
}
