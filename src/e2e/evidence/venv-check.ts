// Runs venv-check.py (scripts/venv-check.py) in a developer worker, as the
// worker, on the handed-over project, and reads its records into a VenvCheck:
// each venv's summary and each broken reference with its stale prefix. Used
// with `handoff mount` right after the handoff and again after the fix-up; the
// gate handoff-venvs (src/judge/handoff-venvs.ts) judges the two.
import type { VenvCheck, VenvFinding, VenvFindingKind, VenvSummary } from '../../model/report.js';
import { fields, parseRecords, reachedEnd, wholeNumber } from '../../model/script-records.js';
import type { Worker } from '../worker/worker.js';
import { VENV_CHECK_PATH } from '../worker/worker-tools.js';
import { type MissingPath, stalePrefixOf } from './venv-findings.js';

/** The script runs every venv's python and imports its editable packages: minutes for many venvs at most. */
export const VENV_CHECK_SECONDS = 300;

const KINDS: readonly VenvFindingKind[] = ['shebang', 'pth', 'direct_url', 'python', 'import'];

/**
 * The exec: the root-owned script by an absolute interpreter found before any project code ran,
 * isolated (-I) and without site (-S), so nothing of the project's changes it. `from` is the
 * scaffolder's project path, the prefix the venvs were built under.
 */
export function venvCheckCommand(python: string, project: string, from?: string): string[] {
  return [python, '-I', '-S', VENV_CHECK_PATH, project, ...(from ? [from] : [])];
}

interface Raw {
  finding: VenvFinding;
  missing?: MissingPath;
}

/** The records as a VenvCheck, stale prefixes worked out against `from`; throws when the script stopped early. */
export function parseVenvCheck(output: string, from?: string): VenvCheck {
  const records = parseRecords(output);
  if (!reachedEnd(records)) throw new Error('venv-check.py stopped before its end');
  const venvs: VenvSummary[] = [];
  const raws: Raw[] = [];
  let venv: string | undefined;
  let last: Raw | undefined;
  let notChecked = 0;
  for (const { kind, text } of records) {
    if (kind === 'venv') {
      venv = text;
      last = undefined;
    } else if (kind === 'finding') {
      const [findingKind, file] = fields(text, 2) ?? [];
      // A kind this reader does not know: neither it nor the records that follow it are kept.
      last =
        file && KINDS.includes(findingKind as VenvFindingKind)
          ? { finding: { file, kind: findingKind as VenvFindingKind } }
          : undefined;
      if (last) raws.push(last);
    } else if (kind === 'target' && last) {
      last.finding.path = text;
    } else if (kind === 'exists' && last?.finding.path) {
      last.missing = { path: last.finding.path, ancestor: text };
    } else if (kind === 'stale' && last?.missing) {
      last.missing.movedFrom = text;
    } else if (kind === 'at' && last) {
      last.finding.foundAt = text;
    } else if (kind === 'message' && last) {
      last.finding.message = text;
    } else if (kind === 'checked' && venv !== undefined) {
      const [python, scripts, pthPaths, directUrls, imports, broken] = (fields(text, 7) ?? []).map(
        wholeNumber,
      );
      if (broken === undefined) throw new Error(`venv-check.py: a summary it cannot read: ${text}`);
      venvs.push({
        path: venv,
        pythonOk: python === 1,
        scripts: scripts ?? 0,
        pthPaths: pthPaths ?? 0,
        directUrls: directUrls ?? 0,
        imports: imports ?? 0,
        broken,
      });
      venv = undefined;
      last = undefined;
    } else if (kind === 'more-venvs') {
      notChecked = wholeNumber(text) ?? 0;
    }
  }
  const findings = raws.map(({ finding, missing }) => {
    const stalePrefix = missing && stalePrefixOf(missing, from);
    return stalePrefix ? { ...finding, stalePrefix } : finding;
  });
  return { venvs, findings, ...(notChecked > 0 ? { venvsNotChecked: notChecked } : {}) };
}

/**
 * Checks the venvs of `project` in the worker, as the worker. Never throws for what the check
 * finds or for a check that could not run: a VenvCheck with `error` says why.
 */
export async function checkVenvs(worker: Worker, project: string, from?: string): Promise<VenvCheck> {
  const failed = (error: string): VenvCheck => ({ venvs: [], findings: [], error });
  if (!worker.python) return failed('the worker has no python3 on PATH that it cannot change itself');
  const result = await worker.exec(venvCheckCommand(worker.python, project, from), {
    workdir: project,
    timeoutSeconds: VENV_CHECK_SECONDS,
  });
  if (result.timedOut) return failed(`venv-check.py timed out after ${VENV_CHECK_SECONDS} s`);
  if (result.exitCode !== 0) {
    const tail = result.output.trim().split('\n').slice(-3).join(' | ');
    return failed(`venv-check.py exited ${result.exitCode ?? 'without a code'}: ${tail}`);
  }
  try {
    return parseVenvCheck(result.output, from);
  } catch (err) {
    return failed(`${err instanceof Error ? err.message : String(err)}: ${result.output.slice(0, 200)}`);
  }
}
