// Every script that runs inside containers is a real file under src/: each .sh
// must parse for sh -n, each .py must compile. Found by walking src/, so a new
// script is checked without being listed here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const SRC = path.join(import.meta.dirname, '../../../src');

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

// py_compile writes its bytecode under this prefix, not into src/.
const pycache = mkdtempSync(path.join(tmpdir(), 'wg-pycache-'));
afterAll(() => rmSync(pycache, { recursive: true, force: true }));

const shells = filesUnder(SRC, '.sh');
const pythons = filesUnder(SRC, '.py');

describe('the scripts under src/', () => {
  test('are found (the walk itself works)', () => {
    expect(shells.map((f) => path.relative(SRC, f))).toContain('model/script-records.sh');
    expect(pythons.map((f) => path.relative(SRC, f))).toContain('e2e/evidence/scripts/evidence.py');
  });

  test.each(shells.map((f) => [path.relative(SRC, f), f]))('sh -n %s', (_, file) => {
    execFileSync('sh', ['-n', file], { stdio: 'pipe' });
  });

  test.each(pythons.map((f) => [path.relative(SRC, f), f]))('python3 -m py_compile %s', (_, file) => {
    execFileSync('python3', ['-m', 'py_compile', file], {
      stdio: 'pipe',
      env: { ...process.env, PYTHONPYCACHEPREFIX: pycache },
    });
  });
});
