// A setup's evidence into what its run proves, on uv's output of real runs.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { proveSetup, type SetupEvidence } from '../../../../src/e2e/evidence/setup-proof.js';
import type { E2eRun } from '../../../../src/model/report.js';

const uvLog = (name: string) =>
  readFileSync(new URL(`../../../fixtures/e2e/uv-output/${name}.log`, import.meta.url), 'utf8');

const newRun = (kind: 'cold' | 'warm'): E2eRun => ({
  index: kind === 'cold' ? 0 : 1,
  worker: kind === 'cold' ? 'A' : 'B',
  kind,
  layout: 'separate',
  phases: [],
});

const env = { image: {}, worker: {} };
const listing = (...entries: string[]) => ({ entries });

describe('a setup proved from its evidence', () => {
  test('cold: the new distributions are its downloads; fresh cache and downloads prove it cold', () => {
    const run = newRun('cold');
    const evidence: SetupEvidence = {
      before: listing('wheel:pypi:six/1.16.0-py2.py3-none-any'),
      after: listing('wheel:pypi:six/1.16.0-py2.py3-none-any', 'wheel:pypi:ruff/0.17.6-py3-none-any'),
      uvLines: uvLog('cold-setup-separate'),
      freshCache: true,
      env,
    };
    const proof = proveSetup(run, evidence);
    expect(run).toMatchObject({ downloads: 1, newDistributions: ['ruff 0.17.6'], provedState: 'cold' });
    expect(run.uvSummary).toMatchObject({ prepared: 31, installed: 60, prepareSeconds: 10.5 });
    expect(run.linkMode).toBe('copy-fallback');
    expect(proof.link.mode).toBe('copy-fallback');
    expect(proof.disagreement).toBeUndefined();
    // A cache that was not empty before the scaffold cannot prove a cold run, downloads or not.
    const stale = newRun('cold');
    proveSetup(stale, { ...evidence, freshCache: false });
    expect(stale.provedState).toBe('not-cold');
  });

  test("warm: nothing new proves it warm; uv's Downloaded lines then disagree with the cache", () => {
    const run = newRun('warm');
    const same = listing('wheel:pypi:six/1.16.0-py2.py3-none-any');
    const proof = proveSetup(run, {
      before: same,
      after: same,
      uvLines: uvLog('cold-setup-shared'),
      freshCache: false,
      env,
    });
    expect(run).toMatchObject({ downloads: 0, newDistributions: [], provedState: 'warm' });
    expect(proof.disagreement).toMatch(/"Downloaded" line\(s\) but no distribution is new in the cache/);
  });

  test('without cache evidence nothing is proved and nothing disagrees', () => {
    const run = newRun('warm');
    const proof = proveSetup(run, { uvLines: uvLog('warm-setup-separate'), freshCache: false, env });
    expect(run.downloads).toBeUndefined();
    expect(run.provedState).toBe('not-warm');
    expect(proof.disagreement).toBeUndefined();
  });

  test("the link mode falls back to the configured one: the worker's UV_LINK_MODE", () => {
    const run = newRun('warm');
    proveSetup(run, { uvLines: '', freshCache: false, env: { image: {}, worker: { UV_LINK_MODE: 'copy' } } });
    expect(run.linkMode).toBe('copy');
    expect(run.linkModeEvidence).toBe('no files sampled; UV_LINK_MODE in the worker environment');
  });
});
