// The e2e gate families through the judge, on measurements made by hand: the
// template upload, the Python fit, uv's summary against the cache evidence,
// the failed phases, and the order the report shows them in.
import { describe, expect, test } from 'vitest';
import type { FailedPhase } from '../../../src/model/facts/e2e.js';
import type { E2eRun } from '../../../src/model/report.js';
import { bothRuns } from '../model/figures/runs.js';
import { checkOf, e2eOf, facts, verdicts } from './e2e-measured.js';

const both = e2eOf(bothRuns());

describe('template-uncommitted', () => {
  test('warns with the count, the template and the short commit; one change is singular', () => {
    const uncommitted = { template: '/src/tpl', count: 3, commit: 'a'.repeat(40) };
    expect(checkOf('template-uncommitted', both, facts({ uncommitted }))).toEqual({
      id: 'template-uncommitted',
      status: 'warn',
      detail:
        '3 uncommitted changes (modified, staged or untracked files) in the template repository /src/tpl were left out: the workers scaffold from commit aaaaaaaaaaaa only',
    });
    const one = checkOf('template-uncommitted', both, facts({ uncommitted: { ...uncommitted, count: 1 } }));
    expect(one?.detail).toMatch(/^1 uncommitted change \(.* \/src\/tpl was left out/);
  });

  test('nothing when the template had no uncommitted changes', () => {
    expect(checkOf('template-uncommitted', both, facts())).toBeUndefined();
  });
});

describe('python-fits-template', () => {
  const ask = { requiresPython: [{ file: 'pyproject.toml', spec: '>=3.12' }] };

  test("passes when the worker's Python fits what the project asks", () => {
    expect(checkOf('python-fits-template', both, facts({ python: { python: '3.12.1', ask } }))).toEqual({
      id: 'python-fits-template',
      status: 'pass',
      detail: `the worker's Python 3.12.1 fits requires-python ">=3.12" (pyproject.toml)`,
    });
  });

  test('fails on a misfit, or warns when allow-python-mismatch is set', () => {
    const misfit = facts({ python: { python: '3.11.9', ask } });
    expect(checkOf('python-fits-template', both, misfit)?.status).toBe('fail');
    const allowed = checkOf('python-fits-template', both, misfit, { allowPythonMismatch: true });
    expect(allowed?.status).toBe('warn');
    expect(allowed?.detail).toContain('(allowed by allow-python-mismatch)');
  });

  test('fails without python3; warns when the requirements could not be read', () => {
    expect(checkOf('python-fits-template', undefined, facts({ python: {} }))).toEqual({
      id: 'python-fits-template',
      status: 'fail',
      detail: 'the worker has no python3 on PATH to run the project',
    });
    const unread = facts({ python: { python: '3.12.1', unreadable: 'the evidence script exited 1' } });
    expect(checkOf('python-fits-template', undefined, unread)).toEqual({
      id: 'python-fits-template',
      status: 'warn',
      detail: "cannot read the project's Python requirements: the evidence script exited 1",
    });
  });

  test('nothing when the scenario stopped before reading it', () => {
    expect(checkOf('python-fits-template', both, facts({ finished: false }))).toBeUndefined();
  });
});

describe('cache-evidence', () => {
  test("passes when uv's summary agrees in every setup that left evidence", () => {
    expect(checkOf('cache-evidence', both, facts())).toEqual({
      id: 'cache-evidence',
      status: 'pass',
      detail: "uv's summary lines agree with the cache evidence in all 8 setups",
    });
  });

  test('warns with every disagreement', () => {
    const uvDisagreements = ['run 1 (worker B): uv downloaded 2', 'run 2 (worker B): uv downloaded 1'];
    expect(checkOf('cache-evidence', both, facts({ uvDisagreements }))?.detail).toBe(
      "uv's summary lines disagree with the cache: run 1 (worker B): uv downloaded 2; run 2 (worker B): uv downloaded 1",
    );
  });

  test('nothing when no setup left cache evidence', () => {
    const blind = e2eOf(bothRuns().map(({ downloads: _, ...r }): E2eRun => r));
    expect(checkOf('cache-evidence', blind, facts())).toBeUndefined();
  });
});

describe('failed phases', () => {
  const logTail = `${Array.from({ length: 50 }, (_, i) => `line ${i + 31}`).join('\n')}\nFAILED tests/test_x.py::test_y`;
  const failed: FailedPhase = {
    worker: 'A',
    title: 'worker A (cold, separate layout)',
    name: 'test',
    label: 'make test',
    timeoutSeconds: 900,
    phase: { name: 'test', seconds: 3, exitCode: 2, timedOut: false, logTail },
  };

  test('a non-zero exit names the gate, the worker, the phase, the target and the exit code, then the tail', () => {
    const { failures } = verdicts(both, facts({ finished: false, failedPhases: [failed] }));
    expect(failures).toEqual([
      {
        gate: 'e2e:A:test',
        message: `worker A (cold, separate layout): phase test (make test) exited with 2; last 50 lines:\n${logTail}`,
      },
    ]);
  });

  test('a timeout says so, with the limit', () => {
    const timedOut = {
      ...failed,
      timeoutSeconds: 5,
      phase: { ...failed.phase, exitCode: 137, timedOut: true },
    };
    const [failure] = verdicts(both, facts({ finished: false, failedPhases: [timedOut] })).failures;
    expect(failure?.message).toMatch(/timed out after 5 s \(phase-timeout\) and was stopped/);
  });

  test('the failing recipe line, when the profile found it', () => {
    const profile = {
      failedLine: { index: 2, target: 'all', command: 'exit 3\nmore', exitCode: 3 },
    } as unknown as NonNullable<FailedPhase['phase']['profile']>;
    const withLine = { ...failed, phase: { ...failed.phase, profile } };
    const [failure] = verdicts(both, facts({ finished: false, failedPhases: [withLine] })).failures;
    expect(failure?.message).toContain(
      'exited with 2; failing in target all at `exit 3` (exit 3); last 50 lines:',
    );
  });

  test('concurrent failures in order; an offline setup that added to the cache fails e2e:offline:downloads', () => {
    const second = {
      ...failed,
      worker: 'concurrent' as const,
      title: 'concurrent worker 2 of 2',
      name: 'setup' as const,
    };
    const gates = verdicts(both, facts({ finished: false, failedPhases: [failed, second] })).failures.map(
      (f) => f.gate,
    );
    expect(gates).toEqual(['e2e:A:test', 'e2e:concurrent:setup']);
    const offline = { title: 'offline worker (after the concurrent ones, separate layout)', downloads: 2 };
    expect(verdicts(both, facts({ finished: false, offlineUnproved: offline })).failures).toEqual([
      {
        gate: 'e2e:offline:downloads',
        message:
          'offline worker (after the concurrent ones, separate layout): the offline setup added 2 distributions to the cache: the cache is not proved intact after the concurrent setups',
      },
    ]);
    const blind = verdicts(both, facts({ finished: false, offlineUnproved: { title: 'offline worker' } }));
    expect(blind.failures[0]?.message).toContain('the offline setup left no cache evidence:');
  });
});

describe('the e2e verdicts together', () => {
  test('in report order: template-uncommitted, python-fits-template, cache-evidence, cache-shared, the timing gates', () => {
    const measured = facts({
      uncommitted: { template: 't', count: 1, commit: 'b'.repeat(40) },
      python: { python: '3.12.1', ask: { requiresPython: [] } },
    });
    const config = { maxWarmSetupSeconds: 100, minSetupSpeedup: 0.9, maxLayoutRatio: 3 };
    expect(verdicts(both, measured, config).checks.map((c) => [c.id, c.status])).toEqual([
      ['template-uncommitted', 'warn'],
      ['python-fits-template', 'pass'],
      ['cache-evidence', 'pass'],
      ['cache-shared', 'pass'],
      ['max-warm-setup-seconds', 'pass'],
      ['min-setup-speedup', 'pass'],
      ['max-layout-ratio', 'pass'],
      ['warm-not-faster', 'pass'],
    ]);
  });

  test('nothing at all when the e2e did not run', () => {
    expect(verdicts(undefined, undefined)).toEqual({ checks: [], failures: [] });
  });
});
