import { describe, expect, it } from 'vitest';
import { GitHubApiError } from '../../../src/github/comment-api.js';
import type { HttpTransport } from '../../../src/github/http-transport.js';
import { nextLink, restCommentApi } from '../../../src/github/rest-comment-api.js';

// A recorded transport: the request logic is checked without any network
// (github-http.test.ts sends real requests, directly and through a proxy).
interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  text: string;
}

function fakeTransport(answer: (sent: Sent) => Reply | Promise<Reply>) {
  const sent: Sent[] = [];
  const transport: HttpTransport = async (method, url, headers, body) => {
    const request: Sent = {
      url,
      method,
      headers: { ...headers },
      ...(body ? { body: JSON.parse(body) } : {}),
    };
    sent.push(request);
    const reply = await answer(request);
    return { status: reply.status, text: reply.text, header: (name) => reply.headers?.[name] };
  };
  return { transport, sent };
}

const json = (value: unknown, headers: Record<string, string> = {}, status = 200): Reply => ({
  status,
  headers,
  text: JSON.stringify(value),
});

const API = 'https://api.github.invalid';
/** No real waits in unit tests: a short policy and a sleep that returns at once. */
const quick = {
  token: 't',
  repository: 'a/w',
  apiUrl: API,
  retry: { attempts: 3, baseDelayMs: 10, maxWaitMs: 60_000 },
  sleep: async () => {},
};

describe('restCommentApi', () => {
  it('lists every page of comments by following the Link header, with the token and API version', async () => {
    const { transport, sent } = fakeTransport(({ url }) => {
      const page = Number(new URL(url).searchParams.get('page') ?? '1');
      const link: Record<string, string> =
        page < 3
          ? { link: `<${API}/repos/acme/w/issues/7/comments?per_page=100&page=${page + 1}>; rel="next"` }
          : {};
      return json([{ id: page * 10, body: `page ${page}` }], link);
    });
    const api = restCommentApi({ token: 'ghs_x', repository: 'acme/w', apiUrl: `${API}/`, transport });
    const comments = await api.listComments(7);
    expect(comments.map((c) => c.id)).toEqual([10, 20, 30]);
    expect(sent.map((s) => s.url)).toEqual([
      `${API}/repos/acme/w/issues/7/comments?per_page=100`,
      `${API}/repos/acme/w/issues/7/comments?per_page=100&page=2`,
      `${API}/repos/acme/w/issues/7/comments?per_page=100&page=3`,
    ]);
    expect(sent[0]?.headers).toMatchObject({
      authorization: 'Bearer ghs_x',
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
    });
  });

  it('never sends the token to another origin a Link header names', async () => {
    const { transport, sent } = fakeTransport(() =>
      json([{ id: 1 }], { link: '<https://evil.invalid/steal?page=2>; rel="next"' }),
    );
    const comments = await restCommentApi({
      token: 't',
      repository: 'a/w',
      apiUrl: API,
      transport,
    }).listComments(1);
    expect(comments).toHaveLength(1);
    expect(sent).toHaveLength(1);
  });

  it('creates with POST on the issue and updates with PATCH on the comment', async () => {
    const { transport, sent } = fakeTransport(({ body }) => json({ id: 5, ...(body as object) }, {}, 201));
    const api = restCommentApi({ token: 't', repository: 'acme/w', apiUrl: API, transport });
    expect(await api.createComment(7, 'hello')).toEqual({ id: 5, body: 'hello' });
    await api.updateComment(5, 'again');
    expect(sent.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'POST', url: `${API}/repos/acme/w/issues/7/comments`, body: { body: 'hello' } },
      { method: 'PATCH', url: `${API}/repos/acme/w/issues/comments/5`, body: { body: 'again' } },
    ]);
    expect(sent[0]?.headers['content-type']).toBe('application/json');
  });

  it("raises a GitHubApiError with the status and GitHub's message, and tells the rate limit apart", async () => {
    const refuse = (headers: Record<string, string>) =>
      fakeTransport(() => json({ message: 'Resource not accessible by integration' }, headers, 403))
        .transport;
    const error = await restCommentApi({ token: 't', repository: 'a/w', apiUrl: API, transport: refuse({}) })
      .createComment(1, 'x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error).toMatchObject({
      status: 403,
      method: 'POST',
      reason: 'Resource not accessible by integration',
    });
    expect((error as GitHubApiError).rateLimited).toBe(false);
    const limited = await restCommentApi({
      token: 't',
      repository: 'a/w',
      apiUrl: API,
      transport: refuse({ 'x-ratelimit-remaining': '0' }),
    })
      .listComments(1)
      .catch((e: unknown) => e);
    expect(limited).toMatchObject({ status: 403, rateLimited: true });
  });

  it('reports a network failure as status 0, and a non-JSON error page by its start', async () => {
    const down = fakeTransport(() => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:9');
    }).transport;
    await expect(
      restCommentApi({ token: 't', repository: 'a/w', apiUrl: API, transport: down }).listComments(1),
    ).rejects.toMatchObject({ status: 0, reason: 'connect ECONNREFUSED 127.0.0.1:9' });
    const proxy = fakeTransport(() => ({ status: 502, text: '<html>Bad gateway</html>' }));
    await expect(
      restCommentApi({ ...quick, transport: proxy.transport }).listComments(1),
    ).rejects.toMatchObject({ status: 502, reason: '<html>Bad gateway</html>' });
    expect(proxy.sent).toHaveLength(3);
  });

  it('tries again after a 5xx, backing off, and returns the answer that came through', async () => {
    let calls = 0;
    const { transport, sent } = fakeTransport(() =>
      ++calls < 3 ? { status: 503, text: 'unavailable' } : json({ id: 9, body: 'x' }, {}, 201),
    );
    const waits: number[] = [];
    const api = restCommentApi({ ...quick, transport, sleep: async (ms) => void waits.push(ms) });
    expect(await api.createComment(1, 'x')).toEqual({ id: 9, body: 'x' });
    expect(sent.map((s) => s.method)).toEqual(['POST', 'POST', 'POST']);
    expect(waits).toEqual([10, 20]);
  });

  it('waits out a rate limit that lifts soon, and gives up on one that lifts later than it waits', async () => {
    let calls = 0;
    const soon = fakeTransport(() =>
      ++calls === 1 ? json({ message: 'secondary rate limit' }, { 'retry-after': '2' }, 403) : json([]),
    );
    const waits: number[] = [];
    await restCommentApi({
      ...quick,
      transport: soon.transport,
      sleep: async (ms) => void waits.push(ms),
    }).listComments(1);
    expect(waits).toEqual([2000]);
    const inAnHour = String(Math.floor(Date.now() / 1000) + 3600);
    const later = fakeTransport(() =>
      json(
        { message: 'API rate limit exceeded' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': inAnHour },
        403,
      ),
    );
    await expect(
      restCommentApi({ ...quick, transport: later.transport }).listComments(1),
    ).rejects.toMatchObject({
      status: 403,
      rateLimited: true,
    });
    expect(later.sent).toHaveLength(1);
  });

  it('does not retry what another attempt cannot fix (4xx)', async () => {
    const { transport, sent } = fakeTransport(() => json({ message: 'Not Found' }, {}, 404));
    await expect(restCommentApi({ ...quick, transport }).listComments(1)).rejects.toMatchObject({
      status: 404,
    });
    expect(sent).toHaveLength(1);
  });
});

describe('nextLink', () => {
  it('finds rel="next" among the other relations', () => {
    const header = `<${API}/x?page=1>; rel="prev", <${API}/x?page=3>; rel="next", <${API}/x?page=9>; rel="last"`;
    expect(nextLink(header)).toBe(`${API}/x?page=3`);
    expect(nextLink(`<${API}/x?page=1>; rel="first"`)).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });
});
