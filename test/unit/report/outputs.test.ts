import { describe, expect, it } from 'vitest';
import { actionOutputs, OUTPUT_NAMES } from '../../../src/report/outputs.js';
import { loadFixture, loadFixtures } from './fixtures.js';

describe('actionOutputs', () => {
  it('sets every output, as a string, for every fixture', () => {
    for (const { name, report } of loadFixtures()) {
      const outputs = actionOutputs(report, '/tmp/report.json');
      expect(Object.keys(outputs).sort(), name).toEqual([...OUTPUT_NAMES].sort());
      for (const value of Object.values(outputs)) expect(typeof value).toBe('string');
      expect(outputs.verdict).toBe(report.verdict);
      expect(outputs.failures).toBe(String(report.failures.length));
    }
  });

  it('gives the measured figures of a passing run', () => {
    const outputs = actionOutputs(loadFixture('synthetic-pass'), '/runner/tmp/worker-gate-report.json');
    expect(outputs).toMatchObject({
      verdict: 'pass',
      failures: '0',
      'failed-gates': '',
      error: '',
      'image-id': expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      'image-size-bytes': '247768335',
      'cold-setup-seconds': '10.58',
      'warm-setup-seconds': '6.91',
      'setup-speedup': '1.53',
      'link-mode': 'copy-fallback',
      'baseline-size-bytes': '338426546',
      'size-delta-bytes': '-90658211',
      'size-delta-percent': '-26.79',
      'layout-ratio': '',
      'report-path': '/runner/tmp/worker-gate-report.json',
    });
  });

  it('takes the setup figures and link mode from the separate layout when both ran', () => {
    const outputs = actionOutputs(loadFixture('synthetic-both'));
    expect(outputs['cold-setup-seconds']).toBe('10.58');
    expect(outputs['warm-setup-seconds']).toBe('6.91');
    expect(outputs['link-mode']).toBe('copy-fallback');
    expect(outputs['layout-ratio']).toBe('2.68');
  });

  it('names each failed gate once, in the order found', () => {
    const outputs = actionOutputs(loadFixture('synthetic-contract-fail'));
    const gates = outputs['failed-gates'].split(',');
    expect(gates[0]).toBe('forbid-command:ruff');
    expect(gates).toContain('max-size-increase');
    expect(new Set(gates).size).toBe(gates.length);
    expect(outputs['size-delta-bytes']).toBe('90658211');
    // A check run has no e2e: its timing outputs are empty, not left from anywhere else.
    expect(outputs['cold-setup-seconds']).toBe('');
    expect(outputs['warm-setup-seconds']).toBe('');
    expect(outputs['setup-speedup']).toBe('');
  });

  it('leaves every figure empty when a run errors before any stage ran, and says why', () => {
    const report = loadFixture('synthetic-error-early');
    const outputs = actionOutputs(report, 'out/report.json');
    const {
      verdict,
      failures,
      error,
      'report-path': reportPath,
      'warning-count': warnings,
      ...figures
    } = outputs;
    expect(verdict).toBe('error');
    expect(failures).toBe('0');
    expect(warnings).toBe('0');
    expect(error).toBe(report.error?.message);
    expect(reportPath).toBe('out/report.json');
    for (const [name, value] of Object.entries(figures)) expect(value, name).toBe('');
  });

  it('leaves the speedup empty when no warm run was proved', () => {
    const outputs = actionOutputs(loadFixture('synthetic-e2e-fail'));
    expect(outputs['cold-setup-seconds']).toBe('10.21');
    expect(outputs['warm-setup-seconds']).toBe('');
    expect(outputs['setup-speedup']).toBe('');
  });

  it('defaults report-path to empty when the front door wrote no report', () => {
    expect(actionOutputs(loadFixture('synthetic-pass'))['report-path']).toBe('');
  });

  it('names the run and the files the front door wrote, and counts the warnings', () => {
    const report = loadFixture('synthetic-pass');
    const warned = report.checks.filter((check) => check.status === 'warn').length;
    const outputs = actionOutputs(report, '/t/r.json', {
      runId: 'wg-m1abc2-3f9e01',
      html: '/w/r.html',
      junit: '/w/j.xml',
    });
    expect(outputs).toMatchObject({
      'run-id': 'wg-m1abc2-3f9e01',
      'html-path': '/w/r.html',
      'junit-path': '/w/j.xml',
      'warning-count': String(warned),
    });
    const bare = actionOutputs(report);
    expect([bare['run-id'], bare['html-path'], bare['junit-path']]).toEqual(['', '', '']);
    const warnings = {
      ...report,
      checks: [...report.checks, { id: 'env-leaks', status: 'warn' as const, detail: 'HTTP_PROXY is set' }],
    };
    expect(actionOutputs(warnings)['warning-count']).toBe(String(warned + 1));
  });
});
