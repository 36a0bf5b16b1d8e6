// The merged reports the goldens render (test/fixtures/reports/merged-*.json)
// are what `merge` makes of the recorded cell reports: this test keeps them so
// (WORKER_GATE_GOLDEN=write re-records them, with the goldens).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeReports } from '../../../src/matrix/merge.js';
import { readReports } from '../../../src/matrix/read-reports.js';
import { renderJson } from '../../../src/report/json.js';
import { REPORTS_DIR } from '../report/fixtures.js';
import { cellFiles, MATRIX_DIR, MERGED_AT } from './matrix-fixtures.js';

const WRITE = process.env.WORKER_GATE_GOLDEN === 'write';

function check(file: string, text: string): void {
  if (WRITE) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('the merged fixtures are merges of the recorded cell reports', () => {
  const read = (folder: 'cells' | 'baseline') =>
    readReports(cellFiles(folder), { input: 'REPORT', cwd: MATRIX_DIR });
  const baseline = mergeReports(read('baseline'), { command: 'merge', ...MERGED_AT });

  it('the baseline, merged', () => {
    check(path.join(MATRIX_DIR, 'baseline-merged.json'), renderJson(baseline));
  });

  it('a matrix run here (command matrix), without a baseline', () => {
    const run = mergeReports(read('cells').slice(0, 4), { command: 'matrix', ...MERGED_AT });
    check(path.join(REPORTS_DIR, 'merged-matrix-run.json'), renderJson(run));
  });

  it('every cell, against the merged baseline', () => {
    const merged = mergeReports(read('cells'), { command: 'merge', baseline, ...MERGED_AT });
    check(path.join(REPORTS_DIR, 'merged-matrix.json'), renderJson(merged));
  });
});
