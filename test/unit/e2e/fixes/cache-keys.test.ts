import { describe, expect, test } from 'vitest';
import { CACHE_KEYS_LINE, withCacheKeys } from '../../../../src/e2e/fixes/cache-keys.js';

const PACKAGE = `[build-system]
requires = ["hatchling==1.33.0"]
build-backend = "hatchling.build"

[project]
name = "framework"
version = "0.1.0"
`;

describe('withCacheKeys: a local package keyed on the git commit', () => {
  test('a package without [tool.uv] gets the table at its end', () => {
    expect(withCacheKeys(PACKAGE)).toBe(`${PACKAGE}\n[tool.uv]\n${CACHE_KEYS_LINE}\n`);
  });

  test('a file without a final newline still ends each line', () => {
    expect(withCacheKeys(PACKAGE.trimEnd())).toBe(`${PACKAGE}\n[tool.uv]\n${CACHE_KEYS_LINE}\n`);
  });

  test('an existing [tool.uv] gets the line first; [tool.uv.sources] is another table', () => {
    const text = `${PACKAGE}\n[tool.uv.sources]\nframework = { path = "../../framework", editable = true }\n\n[tool.uv]\npackage = true\n`;
    expect(withCacheKeys(text)).toBe(
      `${PACKAGE}\n[tool.uv.sources]\nframework = { path = "../../framework", editable = true }\n\n[tool.uv]\n${CACHE_KEYS_LINE}\npackage = true\n`,
    );
  });

  test('a package that sets its own cache-keys is left as it is', () => {
    expect(
      withCacheKeys(`${PACKAGE}\n[tool.uv]\ncache-keys = [{ file = "pyproject.toml" }]\n`),
    ).toBeUndefined();
  });

  test('a cache-keys of another table does not count', () => {
    const text = `${PACKAGE}\n[tool.uv]\npackage = true\n\n[tool.other]\ncache-keys = 1\n`;
    expect(withCacheKeys(text)).toContain(`[tool.uv]\n${CACHE_KEYS_LINE}\npackage = true`);
  });

  test('a pyproject.toml without [project] is no package: nothing to key', () => {
    expect(withCacheKeys('[tool.ruff]\nline-length = 100\n')).toBeUndefined();
  });
});
