import { describe, expect, it } from 'vitest';
import { GitHubApiError } from '../../../src/github/comment-api.js';
import { fetchCommentApi, nextLink } from '../../../src/github/fetch-comment-api.js';

// A recorded fetch: the real implementation's requests are checked without any network.
interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

function fakeFetch(answer: (sent: Sent) => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const request: Sent = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      ...(init?.body ? { body: JSON.parse(String(init.body)) } : {}),
    };
    sent.push(request);
    return answer(request);
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

const json = (value: unknown, headers: Record<string, string> = {}, status = 200) =>
  new Response(JSON.stringify(value), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

const API = 'https://api.github.invalid';

describe('fetchCommentApi', () => {
  it('lists every page of comments by following the Link header, with the token and API version', async () => {
    const { fetch, sent } = fakeFetch(({ url }) => {
      const page = Number(new URL(url).searchParams.get('page') ?? '1');
      const link: Record<string, string> =
        page < 3
          ? { link: `<${API}/repos/acme/w/issues/7/comments?per_page=100&page=${page + 1}>; rel="next"` }
          : {};
      return json([{ id: page * 10, body: `page ${page}` }], link);
    });
    const api = fetchCommentApi({ token: 'ghs_x', repository: 'acme/w', apiUrl: `${API}/`, fetch });
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
    const { fetch, sent } = fakeFetch(() =>
      json([{ id: 1 }], { link: '<https://evil.invalid/steal?page=2>; rel="next"' }),
    );
    const comments = await fetchCommentApi({
      token: 't',
      repository: 'a/w',
      apiUrl: API,
      fetch,
    }).listComments(1);
    expect(comments).toHaveLength(1);
    expect(sent).toHaveLength(1);
  });

  it('creates with POST on the issue and updates with PATCH on the comment', async () => {
    const { fetch, sent } = fakeFetch(({ body }) => json({ id: 5, ...(body as object) }, {}, 201));
    const api = fetchCommentApi({ token: 't', repository: 'acme/w', apiUrl: API, fetch });
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
      fakeFetch(() => json({ message: 'Resource not accessible by integration' }, headers, 403)).fetch;
    const error = await fetchCommentApi({ token: 't', repository: 'a/w', apiUrl: API, fetch: refuse({}) })
      .createComment(1, 'x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error).toMatchObject({
      status: 403,
      method: 'POST',
      reason: 'Resource not accessible by integration',
    });
    expect((error as GitHubApiError).rateLimited).toBe(false);
    const limited = await fetchCommentApi({
      token: 't',
      repository: 'a/w',
      apiUrl: API,
      fetch: refuse({ 'x-ratelimit-remaining': '0' }),
    })
      .listComments(1)
      .catch((e: unknown) => e);
    expect(limited).toMatchObject({ status: 403, rateLimited: true });
  });

  it('reports a network failure as status 0, and a non-JSON error page by its start', async () => {
    const down = fakeFetch(() => {
      throw new TypeError('fetch failed');
    }).fetch;
    await expect(
      fetchCommentApi({ token: 't', repository: 'a/w', apiUrl: API, fetch: down }).listComments(1),
    ).rejects.toMatchObject({ status: 0, reason: 'fetch failed' });
    const proxy = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502 })).fetch;
    await expect(
      fetchCommentApi({ token: 't', repository: 'a/w', apiUrl: API, fetch: proxy }).listComments(1),
    ).rejects.toMatchObject({ status: 502, reason: '<html>Bad gateway</html>' });
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
