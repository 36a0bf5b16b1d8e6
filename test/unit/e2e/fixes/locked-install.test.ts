import { describe, expect, test } from 'vitest';
import {
  editableDirs,
  lockedInstalls,
  lockedNames,
  projectName,
  skippedReason,
} from '../../../../src/e2e/fixes/locked-install.js';

const LOCK =
  'version = 1\n\n[[package]]\nname = "framework"\nversion = "0.1.0"\n\n[[package]]\nname = "app"\n';
const packageOf = (dir: string) => ({ './framework': 'framework', './other': 'other' })[dir];

describe('lockedInstalls: editable installs through the lock', () => {
  test('the folders of plain editable installs; the package a pyproject.toml names', () => {
    expect(
      editableDirs('setup:\n\tuv pip install -e ./a\n\t$(X) -e ./b\n\t@uv pip install -e ../c\n'),
    ).toEqual(['./a', '../c']);
    expect(projectName('[build-system]\nname = "no"\n\n[project]\nversion = "1"\nname = "framework"\n')).toBe(
      'framework',
    );
    expect(projectName('[tool.x]\nname = "no"\n')).toBeUndefined();
  });

  test('the names a uv.lock lists', () => {
    expect([...lockedNames(LOCK)]).toEqual(['framework', 'app']);
  });

  test('a plain `uv pip install -e DIR` of a locked package becomes `uv sync --inexact`', () => {
    const makefile = 'setup:\n\tuv venv\n\t@uv pip install -e ./framework\n\tmake codegen\n';
    const result = lockedInstalls(makefile, lockedNames(LOCK), packageOf);
    expect(result.text).toBe('setup:\n\tuv venv\n\t@uv sync --inexact\n\tmake codegen\n');
    expect(result.rewritten).toEqual([{ from: '@uv pip install -e ./framework', to: '@uv sync --inexact' }]);
    expect(result.skipped).toEqual([]);
  });

  test('left as it is, each with its reason: unlocked, no lock, not a plain line', () => {
    const makefile = 'setup:\n\tuv pip install -e ./other\n\t$(UV_PIP_INSTALL) -r tools.txt -e ./framework\n';
    const result = lockedInstalls(makefile, lockedNames(LOCK), packageOf);
    expect(result.text).toBe(makefile);
    expect(skippedReason(result)).toBe(
      "`uv pip install -e ./other`: the project's uv.lock does not name other; " +
        '`$(UV_PIP_INSTALL) -r tools.txt -e ./framework`: not a plain `uv pip install -e DIR` line',
    );
    expect(lockedInstalls('setup:\n\tuv pip install -e ./framework\n', undefined, packageOf).skipped).toEqual(
      [{ line: 'uv pip install -e ./framework', reason: 'the project has no uv.lock to install it from' }],
    );
  });

  test('a Makefile without editable installs says so', () => {
    expect(skippedReason(lockedInstalls('setup:\n\tuv sync\n', undefined, packageOf))).toBe(
      'the Makefile has no editable install to rewrite',
    );
  });
});
