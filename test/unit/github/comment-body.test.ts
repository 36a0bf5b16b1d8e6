import { describe, expect, it } from 'vitest';
import {
  commentMarker,
  commentScope,
  type GatedTarget,
  isOurComment,
  MAX_HEAD_CHARS,
  renderCommentBody,
  runUrlFrom,
  targetLabel,
} from '../../../src/github/comment-body.js';
import { formatSignedBytes } from '../../../src/model/units.js';
import { mdText } from '../../../src/report/markdown.js';
import { renderSummaryHead } from '../../../src/report/summary.js';
import { loadFixture } from '../report/fixtures.js';

const ENV = { GITHUB_WORKFLOW: 'worker image gate', GITHUB_JOB: 'gate' };
const DOCKERFILE: GatedTarget = { dockerfile: '/ws/images/worker/Dockerfile', buildArgs: { PYTHON: '3.12' } };
const ROOTS = [{ dir: '/ws' }, { dir: '/actions/worker-gate/v1', label: 'shipped' }];
const SCOPE = commentScope(DOCKERFILE, targetLabel(DOCKERFILE, ROOTS), ENV);
const CONTEXT = { headSha: 'abc1234def5678', runUrl: 'https://github.com/acme/workers/actions/runs/42' };

describe('renderCommentBody', () => {
  it('holds the marker, the summary head of a pass (verdict, size change, cold/warm) and a footer', () => {
    const report = loadFixture('synthetic-pass');
    const body = renderCommentBody(report, SCOPE, CONTEXT);
    const lines = body.split('\n');
    expect(lines[0]).toBe(commentMarker(SCOPE.key));
    expect(lines[1]).toMatch(/^## ✅ worker-gate: pass — every gate passed/);
    expect(body).toContain(renderSummaryHead(report));
    expect(body).toContain('Change vs baseline');
    expect(body).toContain(formatSignedBytes(report.baseline?.sizeDeltaBytes ?? Number.NaN));
    expect(body).toMatch(/Cold setup \| Warm setup \(median\) \| Speedup/);
    // Only the head: the details stay in the job summary.
    expect(body).not.toMatch(/^### (Image|Checks|End to end)/m);
    const footer = lines.at(-2) ?? '';
    expect(footer).toMatch(/^<sub>Gated `images\/worker\/Dockerfile` · job `gate` · commit `abc1234` · /);
    expect(footer).toContain(
      "[the run's summary and reports](https://github.com/acme/workers/actions/runs/42)",
    );
    expect(footer).toContain('updated in place on every run</sub>');
  });

  it('lists every failed gate of a fail report, with what to do', () => {
    const report = loadFixture('synthetic-contract-fail');
    const body = renderCommentBody(report, SCOPE, CONTEXT);
    expect(body).toMatch(
      new RegExp(`^## ❌ worker-gate: fail — ${report.failures.length} checks failed`, 'm'),
    );
    expect(body).toContain('### Failed gates');
    for (const failure of report.failures) expect(body, failure.gate).toContain(mdText(failure.message));
    expect(body).toContain('**What to do:**');
    expect(body).toContain('Change vs baseline');
  });

  it('cuts a head too long for a GitHub comment', () => {
    const report = loadFixture('synthetic-contract-fail');
    const huge = {
      ...report,
      failures: Array.from({ length: 2000 }, (_, i) => ({
        gate: `max-image-size`,
        message: `${i} ${'x'.repeat(60)}`,
      })),
    };
    const body = renderCommentBody(huge, SCOPE);
    expect(body.length).toBeLessThan(65_536);
    expect(body.length).toBeGreaterThan(MAX_HEAD_CHARS);
    expect(body).toContain('(cut: the comment would be too long');
  });
});

describe('the comment scope', () => {
  it('names the gated target relative to the workspace, else the action folder, else in full', () => {
    expect(targetLabel(DOCKERFILE, ROOTS)).toBe('images/worker/Dockerfile');
    expect(
      targetLabel({ dockerfile: '/actions/worker-gate/v1/images/worker-base-common/Dockerfile' }, ROOTS),
    ).toBe('shipped images/worker-base-common/Dockerfile');
    expect(targetLabel({ dockerfile: '/elsewhere/Dockerfile' }, ROOTS)).toBe('/elsewhere/Dockerfile');
    expect(targetLabel({ dockerfile: '/ws/Dockerfile', image: 'acme/worker:pr-7' }, ROOTS)).toBe(
      'acme/worker:pr-7',
    );
  });

  it('is stable across runs and differs between matrix legs, jobs and workflows', () => {
    const key = (target = DOCKERFILE, env = ENV) => commentScope(target, targetLabel(target, ROOTS), env).key;
    expect(key()).toMatch(/^[0-9a-f]{12}$/);
    expect(key()).toBe(key());
    // Build-arg order is not identity.
    expect(key({ ...DOCKERFILE, buildArgs: { B: '1', A: '2' } })).toBe(
      key({ ...DOCKERFILE, buildArgs: { A: '2', B: '1' } }),
    );
    const others = [
      key({ ...DOCKERFILE, dockerfile: '/ws/images/other/Dockerfile' }),
      key({ ...DOCKERFILE, buildArgs: { PYTHON: '3.13' } }),
      key({ image: 'acme/worker:1' }),
      key(DOCKERFILE, { ...ENV, GITHUB_JOB: 'gate-nightly' }),
      key(DOCKERFILE, { ...ENV, GITHUB_WORKFLOW: 'another' }),
    ];
    expect(new Set([key(), ...others]).size).toBe(others.length + 1);
  });

  it('takes a caller key as is, and keeps the marker a closed HTML comment whatever the key', () => {
    expect(commentScope(DOCKERFILE, 'x', ENV, 'python-3.12').key).toBe('python-3.12');
    expect(commentMarker('a --> b')).toBe('<!-- worker-gate:comment key=a____b -->');
  });

  it("knows its own comment only by this scope's marker at the start of the body", () => {
    const marker = commentMarker(SCOPE.key);
    expect(isOurComment({ id: 1, body: `${marker}\n## ✅ worker-gate: pass` }, marker)).toBe(true);
    expect(isOurComment({ id: 2, body: `${commentMarker('another0000')}\n## ✅` }, marker)).toBe(false);
    expect(isOurComment({ id: 3, body: `Looks good, see below\n\n> ${marker}` }, marker)).toBe(false);
    expect(isOurComment({ id: 4, body: null }, marker)).toBe(false);
  });
});

describe('runUrlFrom', () => {
  it('links the workflow run on github.com or a GitHub Enterprise Server', () => {
    expect(runUrlFrom({ GITHUB_REPOSITORY: 'acme/w', GITHUB_RUN_ID: '9' })).toBe(
      'https://github.com/acme/w/actions/runs/9',
    );
    expect(
      runUrlFrom({ GITHUB_SERVER_URL: 'https://ghe.example/', GITHUB_REPOSITORY: 'a/w', GITHUB_RUN_ID: '9' }),
    ).toBe('https://ghe.example/a/w/actions/runs/9');
    expect(runUrlFrom({})).toBeUndefined();
  });
});
