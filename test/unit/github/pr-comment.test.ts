import { describe, expect, it } from 'vitest';
import { GitHubApiError } from '../../../src/github/comment-api.js';
import { commentMarker } from '../../../src/github/comment-body.js';
import {
  type CommentOptions,
  type PostCommentInput,
  postPullRequestComment,
} from '../../../src/github/pr-comment.js';
import type { Report } from '../../../src/model/report.js';
import { loadFixture } from '../report/fixtures.js';
import { FakeCommentApi } from './fake-comment-api.js';

const EVENT_PATH = '/runner/event.json';
const ENV = {
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_EVENT_PATH: EVENT_PATH,
  GITHUB_REPOSITORY: 'acme/workers',
  GITHUB_API_URL: 'https://api.github.invalid',
  GITHUB_WORKSPACE: '/ws',
  GITHUB_WORKFLOW: 'worker image gate',
  GITHUB_JOB: 'gate',
  GITHUB_RUN_ID: '42',
};
const OPTIONS: CommentOptions = {
  comment: true,
  githubToken: 'ghs_fake',
  dockerfile: '/ws/images/worker/Dockerfile',
  buildArgs: {},
};

function event(head = 'acme/workers', base = 'acme/workers'): string {
  return JSON.stringify({
    number: 7,
    pull_request: {
      number: 7,
      head: { sha: 'abc1234def', repo: { full_name: head } },
      base: { repo: { full_name: base } },
    },
  });
}

interface Run {
  api: FakeCommentApi;
  logs: { level: 'info' | 'warn'; line: string }[];
  outcome: Awaited<ReturnType<typeof postPullRequestComment>>;
}

async function run(
  overrides: Partial<Omit<PostCommentInput, 'log'>> & { payload?: string; report?: Report } = {},
): Promise<Run> {
  const api = overrides.api instanceof FakeCommentApi ? overrides.api : new FakeCommentApi();
  const logs: Run['logs'] = [];
  const payload = overrides.payload ?? event();
  const outcome = await postPullRequestComment({
    report: overrides.report ?? loadFixture('synthetic-pass'),
    options: overrides.options ?? OPTIONS,
    env: overrides.env ?? ENV,
    api,
    log: {
      info: (line) => logs.push({ level: 'info', line }),
      warn: (line) => logs.push({ level: 'warn', line }),
    },
    readFile: (file) => {
      if (file !== EVENT_PATH) throw new Error(`ENOENT: no such file ${file}`);
      return payload;
    },
    ...(overrides.key ? { key: overrides.key } : {}),
  });
  return { api, logs, outcome };
}

const ours = (api: FakeCommentApi) =>
  api.comments.filter((c) => c.body?.startsWith('<!-- worker-gate:comment'));

describe('postPullRequestComment', () => {
  it('creates the comment when the pull request has none of ours, leaving other comments alone', async () => {
    const api = new FakeCommentApi([
      { body: 'Please also bump uv.', login: 'alice' },
      { body: '<!-- other-bot:summary -->\ncoverage 91%', login: 'cov-bot' },
      { body: `${commentMarker('0123456789ab')}\nanother job's gate`, login: 'github-actions[bot]' },
    ]);
    const before = api.comments.map((c) => ({ ...c }));
    const { outcome, logs } = await run({ api });
    expect(outcome).toBe('created');
    expect(api.calls.map((c) => c.method)).toEqual(['list', 'create']);
    expect(api.calls[1]?.target).toBe(7);
    expect(api.comments.slice(0, 3)).toEqual(before);
    expect(api.comments[3]?.body).toMatch(
      /^<!-- worker-gate:comment key=[0-9a-f]{12} -->\n## ✅ worker-gate: pass/,
    );
    expect(logs).toEqual([
      { level: 'info', line: expect.stringMatching(/commented on pull request #7: https:/) },
    ]);
  });

  it('updates its own comment in place on every later run (pass, then fail)', async () => {
    const api = new FakeCommentApi([{ body: 'first!', login: 'bob' }]);
    expect((await run({ api })).outcome).toBe('created');
    const id = ours(api)[0]?.id;
    const second = await run({ api, report: loadFixture('synthetic-contract-fail') });
    expect(second.outcome).toBe('updated');
    expect(api.calls.at(-1)).toMatchObject({ method: 'update', target: id });
    expect(ours(api)).toHaveLength(1);
    expect(ours(api)[0]?.body).toMatch(/^## ❌ worker-gate: fail — 15 checks failed/m);
    expect(api.comments[0]?.body).toBe('first!');
    expect((await run({ api })).outcome).toBe('updated');
    expect(ours(api)).toHaveLength(1);
    expect(ours(api)[0]?.body).toMatch(/^## ✅ worker-gate: pass/m);
  });

  it('keeps one comment per matrix leg: two Dockerfiles in one job make two comments, each updated', async () => {
    const api = new FakeCommentApi();
    const other = { ...OPTIONS, dockerfile: '/ws/images/gpu/Dockerfile' };
    expect((await run({ api })).outcome).toBe('created');
    expect((await run({ api, options: other })).outcome).toBe('created');
    expect((await run({ api })).outcome).toBe('updated');
    expect((await run({ api, options: other })).outcome).toBe('updated');
    expect(ours(api).map((c) => c.body?.match(/Gated `([^`]+)`/)?.[1])).toEqual([
      'images/worker/Dockerfile',
      'images/gpu/Dockerfile',
    ]);
  });

  it('uses a caller key when given', async () => {
    const { api } = await run({ key: 'python-3.12' });
    expect(ours(api)[0]?.body?.split('\n')[0]).toBe('<!-- worker-gate:comment key=python-3.12 -->');
  });

  it('never writes for a pull request from a fork, and says why', async () => {
    for (const name of ['pull_request', 'pull_request_target']) {
      const { api, outcome, logs } = await run({
        env: { ...ENV, GITHUB_EVENT_NAME: name },
        payload: event('mallory/workers'),
      });
      expect(outcome, name).toMatch(/^skipped: pull request #7 comes from a fork \(mallory\/workers\)/);
      expect(api.calls, name).toEqual([]);
      expect(logs[0]?.level).toBe('info');
    }
  });

  it('does nothing on events that are not pull requests', async () => {
    for (const name of ['push', 'schedule', 'workflow_dispatch']) {
      const { api, outcome } = await run({ env: { ...ENV, GITHUB_EVENT_NAME: name } });
      expect(outcome, name).toBe(`skipped: the ${name} event is not a pull request`);
      expect(api.calls).toEqual([]);
    }
    const local = await run({ env: {} });
    expect(local.outcome).toBe('skipped: the unknown event is not a pull request');
  });

  it('does nothing, silently, when comment is off', async () => {
    const { api, outcome, logs } = await run({ options: { ...OPTIONS, comment: false } });
    expect(outcome).toBe('skipped: comment is off');
    expect(api.calls).toEqual([]);
    expect(logs).toEqual([]);
  });

  it('warns and skips without a token, or without a readable event payload', async () => {
    const noToken = await run({ options: { ...OPTIONS, githubToken: '' } });
    expect(noToken.outcome).toMatch(/^skipped: github-token is empty/);
    expect(noToken.logs[0]?.level).toBe('warn');
    expect(noToken.api.calls).toEqual([]);
    const noFile = await run({ env: { ...ENV, GITHUB_EVENT_PATH: '/nowhere.json' } });
    expect(noFile.outcome).toMatch(/^skipped: the event payload \/nowhere\.json cannot be read: ENOENT/);
    const notJson = await run({ payload: '{' });
    expect(notJson.outcome).toMatch(/^skipped: the event payload .* cannot be read/);
    expect(notJson.logs[0]?.level).toBe('warn');
  });

  it('turns a 403 into a warning naming the permission the workflow needs, never a thrown error', async () => {
    for (const method of ['list', 'create'] as const) {
      const api = new FakeCommentApi();
      api.failOn = {
        method,
        error: new GitHubApiError(
          'POST',
          'https://api.github.invalid/x',
          403,
          'Resource not accessible by integration',
        ),
      };
      const { outcome, logs } = await run({ api });
      expect(outcome, method).toMatch(/^failed: /);
      expect(logs, method).toHaveLength(1);
      expect(logs[0]?.level).toBe('warn');
      expect(logs[0]?.line).toContain('GitHub answered 403');
      expect(logs[0]?.line).toContain('Resource not accessible by integration');
      expect(logs[0]?.line).toContain('`permissions: pull-requests: write`');
      expect(logs[0]?.line).toContain('The gate verdict is not affected.');
    }
  });

  it('explains other failures: a bad token, the rate limit, no answer, a bug', async () => {
    const cases: [Error, RegExp][] = [
      [new GitHubApiError('GET', 'u', 401, 'Bad credentials'), /not a valid token/],
      [new GitHubApiError('GET', 'u', 404, 'Not Found'), /pull-requests: write/],
      [new GitHubApiError('GET', 'u', 403, 'API rate limit exceeded', true), /rate limit is used up/],
      [new GitHubApiError('GET', 'u', 0, 'fetch failed'), /no answer from u \(fetch failed\)/],
      [
        new GitHubApiError('GET', 'u', 502, 'Bad Gateway'),
        /GitHub answered 502 to GET u: Bad Gateway\. The gate/,
      ],
      [new TypeError('boom'), /could not write its comment on pull request #7: boom\./],
    ];
    for (const [error, expected] of cases) {
      const api = new FakeCommentApi();
      api.failOn = { method: 'list', error };
      const { outcome, logs } = await run({ api });
      expect(outcome).toMatch(/^failed: /);
      expect(logs[0]?.line, error.message).toMatch(expected);
    }
  });
});
