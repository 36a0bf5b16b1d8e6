// The exit status a run ends with, from its verdict: report-only reports a
// failed gate without enforcing it; an error is always 2.
import { describe, expect, test } from 'vitest';
import { closingLines } from '../../../src/cli.js';
import type { Report } from '../../../src/model/report.js';
import { exitCodeOf, finishReport, newReport } from '../../../src/model/report-building.js';

function reportWith(verdict: 'pass' | 'fail' | 'error'): Report {
  const report = newReport('check');
  if (verdict === 'fail') report.failures.push({ gate: 'non-root-user', message: 'runs as root' });
  if (verdict === 'error') report.error = { message: 'no Docker engine answers' };
  return finishReport(report);
}

describe('exitCodeOf', () => {
  test('pass 0, fail 1, error 2', () => {
    expect(['pass', 'fail', 'error'].map((v) => exitCodeOf(reportWith(v as 'pass')))).toEqual([0, 1, 2]);
  });

  test('report-only: a failed gate exits 0 with verdict fail; an error still exits 2', () => {
    const failed = reportWith('fail');
    expect(failed.verdict).toBe('fail');
    expect(exitCodeOf(failed, true)).toBe(0);
    expect(exitCodeOf(reportWith('error'), true)).toBe(2);
    expect(exitCodeOf(reportWith('pass'), true)).toBe(0);
  });

  test("report-only's closing lines say the failure was reported, not enforced", () => {
    expect(closingLines(reportWith('fail'), true)).toMatch(
      /verdict fail .*\nworker-gate: report-only: the failed gates are reported, and the exit status is 0\n$/,
    );
    expect(closingLines(reportWith('fail'))).not.toContain('report-only');
    expect(closingLines(reportWith('error'), true)).not.toContain('report-only');
  });
});
