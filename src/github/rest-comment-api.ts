// The real CommentApi: GitHub's REST API through the toolkit's HTTP client
// (http-transport.ts: honours HTTPS_PROXY / NO_PROXY), retried on 5xx and on
// rate limits that lift soon (retry.ts). Every request has a socket timeout,
// so a slow API can delay the job by seconds, never hang it.
import { type CommentApi, GitHubApiError, type IssueComment } from './comment-api.js';
import { type HttpAnswer, type HttpTransport, httpClientTransport } from './http-transport.js';
import { DEFAULT_RETRY, isRateLimited, type RetryPolicy, retryDelay } from './retry.js';

export interface RestCommentApiOptions {
  readonly token: string;
  /** `owner/name`. */
  readonly repository: string;
  /** GITHUB_API_URL: https://api.github.com, or a GitHub Enterprise Server's /api/v3. */
  readonly apiUrl?: string;
  /** Tests of the pure logic pass a recorded one; the action uses the toolkit's client. */
  readonly transport?: HttpTransport;
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
}

const PER_PAGE = 100;
/** 10 000 comments: far beyond a real pull request, and a stop for a Link header that loops. */
const MAX_PAGES = 100;

export function restCommentApi(options: RestCommentApiOptions): CommentApi {
  const transport = options.transport ?? httpClientTransport('worker-gate', options.timeoutMs ?? 30_000);
  const policy = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const apiUrl = (options.apiUrl || 'https://api.github.com').replace(/\/+$/, '');
  const apiOrigin = new URL(apiUrl).origin;
  const repoUrl = `${apiUrl}/repos/${options.repository}`;

  async function send(method: string, url: string, body?: unknown): Promise<HttpAnswer> {
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${options.token}`,
      'x-github-api-version': '2022-11-28',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    };
    for (let attempt = 1; ; attempt++) {
      let answer: HttpAnswer;
      try {
        answer = await transport(method, url, headers, body === undefined ? undefined : JSON.stringify(body));
      } catch (err) {
        throw new GitHubApiError(method, url, 0, err instanceof Error ? err.message : String(err));
      }
      const wait = retryDelay(answer, attempt, policy, Date.now());
      if (wait === undefined) return answer;
      await sleep(wait);
    }
  }

  async function call(
    method: string,
    url: string,
    body?: unknown,
  ): Promise<{ json: unknown; next?: string }> {
    const answer = await send(method, url, body);
    const { text } = answer;
    if (answer.status < 200 || answer.status > 299) {
      throw new GitHubApiError(method, url, answer.status, githubMessage(text), isRateLimited(answer));
    }
    const next = nextLink(answer.header('link') ?? null);
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new GitHubApiError(method, url, answer.status, 'the answer is not JSON');
    }
    return next ? { json, next } : { json };
  }

  return {
    async listComments(issueNumber) {
      const comments: IssueComment[] = [];
      let url: string | undefined = `${repoUrl}/issues/${issueNumber}/comments?per_page=${PER_PAGE}`;
      for (let page = 0; url && page < MAX_PAGES; page++) {
        const { json, next }: { json: unknown; next?: string } = await call('GET', url);
        if (!Array.isArray(json)) throw new GitHubApiError('GET', url, 200, 'expected a list of comments');
        comments.push(...(json as IssueComment[]));
        // The token goes only where the API lives, whatever a Link header says.
        url = next && new URL(next).origin === apiOrigin ? next : undefined;
      }
      return comments;
    },
    async createComment(issueNumber, body) {
      const { json } = await call('POST', `${repoUrl}/issues/${issueNumber}/comments`, { body });
      return json as IssueComment;
    },
    async updateComment(commentId, body) {
      const { json } = await call('PATCH', `${repoUrl}/issues/comments/${commentId}`, { body });
      return json as IssueComment;
    },
  };
}

/** The `next` URL of a Link header (RFC 8288), as GitHub paginates. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match?.[2]?.split(/\s+/).includes('next')) return match[1];
  }
  return undefined;
}

function githubMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string' && parsed.message) return parsed.message;
  } catch {
    // Not JSON (a proxy's HTML page, say): show its start.
  }
  return text.trim().slice(0, 200) || 'no message';
}
