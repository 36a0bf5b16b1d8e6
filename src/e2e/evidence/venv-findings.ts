// What a broken reference of a handed-over venv says, in one place: the stale
// prefix it was built under, and its words for the gate's detail and every
// output. Pure: the facts come from venv-check.py (src/e2e/evidence/venv-check.ts).
import type { VenvCheck, VenvFinding, VenvFindingKind } from '../../model/report.js';

/** What venv-check.py knows of a missing path. */
export interface MissingPath {
  path: string;
  /** Its deepest ancestor that exists in the worker. */
  ancestor?: string;
  /** The prefix it was built under, when the rest of it exists under the project (the script's inference). */
  movedFrom?: string;
}

const under = (path: string, prefix: string): boolean => {
  const p = prefix.replace(/\/+$/, '');
  return p !== '' && (path === p || path.startsWith(`${p}/`));
};

/**
 * The leading part of a missing path that is not there: the scaffolder's project path when the
 * path starts with it; else the prefix the script matched (the rest of the path exists under the
 * project); else the path down to its first missing folder, which is all that can be known.
 */
export function stalePrefixOf(missing: MissingPath, scaffolderPath?: string): string | undefined {
  const { path, ancestor, movedFrom } = missing;
  if (!path.startsWith('/')) return undefined;
  if (scaffolderPath && under(path, scaffolderPath)) return scaffolderPath.replace(/\/+$/, '');
  if (movedFrom) return movedFrom;
  if (ancestor === undefined) return undefined;
  const base = ancestor.replace(/\/+$/, '');
  if (!path.startsWith(`${base}/`)) return undefined;
  const next = path.slice(base.length + 1).split('/')[0];
  return next ? `${base}/${next}` : undefined;
}

/** A finding's facts, from a VenvFinding or from a check's Finding (its `target` is the path). */
export interface VenvFindingFacts {
  kind: VenvFindingKind;
  path?: string | undefined;
  message?: string | undefined;
  stalePrefix?: string | undefined;
}

/** What is broken, without the file: `shebang #!/data/…/python — stale prefix /data/…`. */
export function venvFindingNote(f: VenvFindingFacts): string {
  const said = (() => {
    switch (f.kind) {
      case 'shebang':
        return `shebang #!${f.path ?? ''}${f.message ? ` (${f.message})` : ''}`;
      case 'pth':
        return `pth ${f.path ?? ''}`;
      case 'direct_url':
        return `direct_url file://${f.path ?? ''}`;
      case 'python':
        return `python ${f.message ?? 'does not run'}${f.path ? ` (${f.path} is not there)` : ''}`;
      case 'import':
        return f.message ?? 'import failed';
    }
  })();
  return f.stalePrefix ? `${said} — stale prefix ${f.stalePrefix}` : said;
}

/** `.venv/bin/ruff: shebang #!/data/workspaces/project/.venv/bin/python — stale prefix /data/workspaces/project`. */
export function venvFindingText(f: VenvFinding): string {
  return `${f.file}: ${venvFindingNote(f)}`;
}

/** Every finding, those past the per-venv cap included. */
export function brokenCount(check: VenvCheck): number {
  return check.venvs.reduce((n, v) => n + v.broken, 0);
}

/** Nothing is broken, and there is something to say so of. */
export function venvsWork(check: VenvCheck): boolean {
  return check.error === undefined && check.venvs.length > 0 && brokenCount(check) === 0;
}
