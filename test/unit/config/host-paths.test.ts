// The real file-system probe the rules use (tests elsewhere pass a fake one).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { realPaths } from '../../../src/config/host-paths.js';

test('what is at a path, and whether a folder takes files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wg-paths-'));
  const file = path.join(dir, 'f.txt');
  writeFileSync(file, 'x');
  const fifo = path.join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  expect(realPaths.kind(dir)).toBe('folder');
  expect(realPaths.kind(file)).toBe('file');
  expect(realPaths.kind(fifo)).toBe('other');
  expect(realPaths.kind(path.join(dir, 'none'))).toBe('missing');
  // A file where a folder of the path should be: missing, and the walk up finds the file.
  expect(realPaths.kind(path.join(file, 'below'))).toBe('missing');
  expect(realPaths.cannotWriteIn(dir)).toBeUndefined();
  expect(realPaths.cannotWriteIn(path.join(dir, 'none'))).toMatch(/ENOENT/);
});
