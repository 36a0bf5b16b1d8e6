// cache-shared through the judge.
import { describe, expect, test } from 'vitest';
import type { Check, E2eReport, E2eRun } from '../../../src/model/report.js';
import { checkOf, facts } from './e2e-measured.js';

const setup = { name: 'setup' as const, seconds: 1, exitCode: 0, timedOut: false };

function run(index: number, worker: 'A' | 'B', extra: Partial<E2eRun>): E2eRun {
  return {
    index,
    worker,
    kind: worker === 'A' ? 'cold' : 'warm',
    layout: 'separate',
    phases: [setup],
    ...extra,
  };
}

const e2e = (runs: E2eRun[]): E2eReport => ({
  template: { source: 't', ref: 'HEAD', data: {} },
  runs,
  layouts: [],
  setup: null,
});

function cacheSharedGate(report: E2eReport): Check {
  const check = checkOf('cache-shared', report, facts());
  if (!check) throw new Error('no cache-shared check');
  return check;
}

describe('cache-shared', () => {
  test('passes when a warm run was proved warm', () => {
    const check = cacheSharedGate(
      e2e([
        run(0, 'A', { downloads: 9, provedState: 'cold' }),
        run(1, 'B', { downloads: 0, provedState: 'warm' }),
      ]),
    );
    expect(check).toEqual({
      id: 'cache-shared',
      status: 'pass',
      detail: '1 of 1 warm run downloaded nothing: the uv cache is shared between workers',
    });
  });

  test('fails when no warm run was proved warm, naming each', () => {
    const check = cacheSharedGate(
      e2e([
        run(0, 'A', { downloads: 9, provedState: 'cold' }),
        run(1, 'B', { downloads: 2, provedState: 'not-warm' }),
      ]),
    );
    expect(check.status).toBe('fail');
    expect(check.detail).toBe('no warm run was proved warm: run 1 not-warm (2 downloads)');
    expect(cacheSharedGate(e2e([run(0, 'A', { downloads: 9 })])).detail).toBe(
      'no warm run was proved warm (no warm run set up)',
    );
  });

  test("fails when any setup's evidence could not be gathered, even with a warm run", () => {
    const check = cacheSharedGate(
      e2e([run(0, 'A', { provedState: 'not-cold' }), run(1, 'B', { downloads: 0, provedState: 'warm' })]),
    );
    expect(check.status).toBe('fail');
    expect(check.detail).toBe(
      'the cache evidence of run 0 (worker A, separate layout) could not be gathered, so no warm run can be trusted',
    );
  });

  test('is left out when skipped, and when the scenario stopped early', () => {
    const runs = e2e([run(0, 'A', { downloads: 9, provedState: 'cold' })]);
    expect(checkOf('cache-shared', runs, facts(), { skipChecks: ['cache-shared'] })).toBeUndefined();
    expect(checkOf('cache-shared', runs, facts({ finished: false }))).toBeUndefined();
  });
});
