// merge's globs, expanded by worker-gate itself: the action's reports input
// reaches no shell, and a quoted glob reaches the CLI whole.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandGlob, isGlob } from '../../../src/matrix/globs.js';

let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'wg-globs-'));
  for (const file of [
    'a/report.json',
    'b/report.json',
    'b/deep/er/report.json',
    'b/notes.txt',
    '.hidden/report.json',
    'c-1.json',
    'c-2.json',
    'c-10.json',
  ]) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), '{}');
  }
});

describe('expandGlob', () => {
  it('* and ? match within one segment, [] a set; the matches sorted', () => {
    expect(expandGlob('*/report.json', root)).toEqual(['a/report.json', 'b/report.json']);
    expect(expandGlob('c-?.json', root)).toEqual(['c-1.json', 'c-2.json']);
    expect(expandGlob('c-[12]*.json', root)).toEqual(['c-1.json', 'c-10.json', 'c-2.json']);
  });

  it('** matches any number of folders, none included, but not hidden ones', () => {
    expect(expandGlob('**/report.json', root)).toEqual([
      'a/report.json',
      'b/deep/er/report.json',
      'b/report.json',
    ]);
    expect(expandGlob('.hidden/*.json', root)).toEqual(['.hidden/report.json']);
  });

  it('an absolute pattern gives absolute paths; nothing matched is an empty list', () => {
    expect(expandGlob(path.join(root, 'a', '*.json'), '/')).toEqual([path.join(root, 'a', 'report.json')]);
    expect(expandGlob('nothing/*.json', root)).toEqual([]);
    expect(expandGlob('b/*', root)).toEqual(['b/notes.txt', 'b/report.json']);
  });

  it('a plain path is not a glob', () => {
    expect(isGlob('cells/a.json')).toBe(false);
    expect(isGlob('cells/*.json')).toBe(true);
  });
});
