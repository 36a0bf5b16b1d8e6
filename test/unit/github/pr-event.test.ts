import { describe, expect, it } from 'vitest';
import { pullRequestFromEvent } from '../../../src/github/pr-event.js';

function payload(head: string | null, base = 'acme/workers', extra: Record<string, unknown> = {}) {
  return {
    number: 7,
    pull_request: {
      number: 7,
      head: { sha: 'abc1234def', repo: head === null ? null : { full_name: head, ...extra } },
      base: { repo: { full_name: base } },
    },
  };
}

describe('pullRequestFromEvent', () => {
  it('finds the pull request of a pull_request event from a branch of the same repository', () => {
    expect(pullRequestFromEvent('pull_request', payload('acme/workers'))).toEqual({
      kind: 'pull-request',
      number: 7,
      headSha: 'abc1234def',
    });
  });

  it('skips a pull request from a fork, for pull_request and pull_request_target alike', () => {
    for (const event of ['pull_request', 'pull_request_target']) {
      const target = pullRequestFromEvent(event, payload('mallory/workers', 'acme/workers', { fork: true }));
      expect(target.kind, event).toBe('skip');
      if (target.kind === 'skip') expect(target.reason).toMatch(/fork \(mallory\/workers\).*cannot write/);
    }
  });

  it('skips a pull request whose head repository was deleted (it cannot be told from a fork)', () => {
    const target = pullRequestFromEvent('pull_request', payload(null));
    expect(target).toMatchObject({ kind: 'skip', reason: expect.stringMatching(/deleted repository/) });
  });

  it('comments inside a repository that is itself a fork (head.repo.fork is true, but it is the same repo)', () => {
    const inFork = payload('me/workers', 'me/workers', { fork: true });
    expect(pullRequestFromEvent('pull_request', inFork)).toMatchObject({ kind: 'pull-request', number: 7 });
  });

  it('skips events that are not pull requests, and payloads without a number', () => {
    for (const event of ['push', 'workflow_dispatch', 'schedule', undefined]) {
      expect(pullRequestFromEvent(event, payload('acme/workers')).kind, String(event)).toBe('skip');
    }
    expect(pullRequestFromEvent('pull_request', {})).toMatchObject({
      kind: 'skip',
      reason: expect.stringMatching(/no pull request number/),
    });
  });
});
