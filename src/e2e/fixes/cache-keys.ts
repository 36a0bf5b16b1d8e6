// The local-rebuilds fix, as text: uv keys a local package's build on the
// modification time of its pyproject.toml, which every fresh clone resets;
// keyed on the git commit instead, a clone of a built commit reuses the cached
// wheel. Pure: a pyproject.toml's text in, the fixed text out.

/** The line the fix adds under `[tool.uv]` (uv's `cache-keys`, https://docs.astral.sh/uv/reference/settings/#cache-keys). */
export const CACHE_KEYS_LINE = 'cache-keys = [{ git = { commit = true } }]';

const PROJECT_TABLE = /^\[project\]\s*(#.*)?$/m;
const TOOL_UV_TABLE = /^\[tool\.uv\]\s*(#.*)?$/m;
const CACHE_KEYS = /^\s*cache-keys\s*=/m;

/**
 * The pyproject.toml with its builds keyed on the git commit; undefined when it is no
 * package (no `[project]` table) or already sets its own cache-keys.
 */
export function withCacheKeys(pyproject: string): string | undefined {
  if (!PROJECT_TABLE.test(pyproject)) return undefined;
  const table = TOOL_UV_TABLE.exec(pyproject);
  if (table) {
    const rest = pyproject.slice(table.index + table[0].length);
    const next = /^\[/m.exec(rest.slice(1));
    if (CACHE_KEYS.test(next ? rest.slice(0, next.index + 1) : rest)) return undefined;
    const at = table.index + table[0].length;
    return `${pyproject.slice(0, at)}\n${CACHE_KEYS_LINE}${pyproject.slice(at)}`;
  }
  const ending = pyproject.endsWith('\n') ? '' : '\n';
  return `${pyproject}${ending}\n[tool.uv]\n${CACHE_KEYS_LINE}\n`;
}
