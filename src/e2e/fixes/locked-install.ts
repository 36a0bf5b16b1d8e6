// The editable-rebuilds fix, as text: a local directory named on uv's command
// line (`uv pip install -e ./pkg`) is rebuilt on every setup, while `uv sync`
// installs it from a lock and rebuilds it only when it changed. Pure: the
// Makefile's text and the lock's package names in, the rewritten text and what
// was left alone (with why) out.

/** A recipe line that is exactly one editable install of one folder. */
const EDITABLE_LINE = /^(\t@?)uv pip install -e (\S+)\s*$/;
const MENTIONS_EDITABLE = /^\t.*\s(?:-e|--editable)[\s=]/;

export interface LockedInstalls {
  text: string;
  rewritten: { from: string; to: string }[];
  skipped: { line: string; reason: string }[];
}

/** The folders the Makefile's plain editable-install lines name. */
export function editableDirs(makefile: string): string[] {
  return makefile.split('\n').flatMap((line) => EDITABLE_LINE.exec(line)?.[2] ?? []);
}

/** The package a pyproject.toml names (`[project] name = "…"`). */
export function projectName(pyproject: string): string | undefined {
  return /^\[project\][^[]*?^name\s*=\s*"([^"]+)"/ms.exec(pyproject)?.[1];
}

/** The names a uv.lock lists (`[[package]] name = "…"`). */
export function lockedNames(lock: string): Set<string> {
  return new Set([...lock.matchAll(/^\[\[package\]\]\s*\nname = "([^"]+)"/gm)].map((m) => m[1] as string));
}

/**
 * Each `uv pip install -e DIR` recipe line whose package (`packageOf(DIR)`) the project's
 * lock names becomes `uv sync --inexact` (the lock's install, keeping what else the venv
 * holds); every other editable install is left as it is, with the reason.
 */
export function lockedInstalls(
  makefile: string,
  locked: ReadonlySet<string> | undefined,
  packageOf: (dir: string) => string | undefined,
): LockedInstalls {
  const rewritten: LockedInstalls['rewritten'] = [];
  const skipped: LockedInstalls['skipped'] = [];
  const lines = makefile.split('\n').map((line) => {
    const m = EDITABLE_LINE.exec(line);
    if (!m) {
      if (MENTIONS_EDITABLE.test(line))
        skipped.push({ line: line.trim(), reason: 'not a plain `uv pip install -e DIR` line' });
      return line;
    }
    const [, lead, dir] = m as unknown as [string, string, string];
    const name = packageOf(dir);
    const reason = !locked
      ? 'the project has no uv.lock to install it from'
      : !name
        ? `${dir} has no pyproject.toml naming its package`
        : !locked.has(name)
          ? `the project's uv.lock does not name ${name}`
          : undefined;
    if (reason) {
      skipped.push({ line: line.trim(), reason });
      return line;
    }
    const to = `${lead}uv sync --inexact`;
    rewritten.push({ from: line.trim(), to: to.trim() });
    return to;
  });
  return { text: lines.join('\n'), rewritten, skipped };
}

/** Why nothing was rewritten, for the advice's `notTried`. */
export function skippedReason(result: LockedInstalls): string {
  if (result.skipped.length === 0) return 'the Makefile has no editable install to rewrite';
  return result.skipped.map((s) => `\`${s.line}\`: ${s.reason}`).join('; ');
}
