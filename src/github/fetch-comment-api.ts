// The real CommentApi: GitHub's REST API through Node's global fetch (Node 20+),
// so the action needs no HTTP dependency. Every request has a timeout, so a
// slow API can delay the job by seconds, never hang it.
import { type CommentApi, GitHubApiError, type IssueComment } from './comment-api.js';

export interface FetchCommentApiOptions {
  readonly token: string;
  /** `owner/name`. */
  readonly repository: string;
  /** GITHUB_API_URL: https://api.github.com, or a GitHub Enterprise Server's /api/v3. */
  readonly apiUrl?: string;
  /** Tests pass a fake; the action uses the global one. */
  readonly fetch?: typeof globalThis.fetch;
  readonly timeoutMs?: number;
}

const PER_PAGE = 100;
/** 10 000 comments: far beyond a real pull request, and a stop for a Link header that loops. */
const MAX_PAGES = 100;

export function fetchCommentApi(options: FetchCommentApiOptions): CommentApi {
  const doFetch = options.fetch ?? globalThis.fetch;
  const apiUrl = (options.apiUrl || 'https://api.github.com').replace(/\/+$/, '');
  const apiOrigin = new URL(apiUrl).origin;
  const repoUrl = `${apiUrl}/repos/${options.repository}`;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function call(
    method: string,
    url: string,
    body?: unknown,
  ): Promise<{ json: unknown; next?: string }> {
    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${options.token}`,
          'x-github-api-version': '2022-11-28',
          'user-agent': 'worker-gate',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new GitHubApiError(method, url, 0, err instanceof Error ? err.message : String(err));
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      const rateLimited = response.headers.get('x-ratelimit-remaining') === '0' || response.status === 429;
      throw new GitHubApiError(method, url, response.status, githubMessage(text), rateLimited);
    }
    const next = nextLink(response.headers.get('link'));
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new GitHubApiError(method, url, response.status, 'the answer is not JSON');
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
