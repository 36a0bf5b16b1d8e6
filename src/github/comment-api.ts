// The three GitHub REST calls the pull-request comment needs, behind a narrow
// interface: the decision (create, update, skip) is pure logic tested with a
// fake, and the one real implementation (rest-comment-api.ts) stays thin.

/** An issue comment as the REST API returns it (only the fields we read). */
export interface IssueComment {
  readonly id: number;
  readonly body?: string | null;
  readonly user?: { readonly login?: string; readonly type?: string } | null;
  readonly html_url?: string;
}

/** Comments on one repository's issues and pull requests (a pull request is an issue to this API). */
export interface CommentApi {
  /** Every comment on the issue, all pages, oldest first. */
  listComments(issueNumber: number): Promise<IssueComment[]>;
  createComment(issueNumber: number, body: string): Promise<IssueComment>;
  updateComment(commentId: number, body: string): Promise<IssueComment>;
}

/** A call GitHub answered with an error status, or that never got an answer (status 0). */
export class GitHubApiError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    /** GitHub's own `message`, or the network error. */
    readonly reason: string,
    /** x-ratelimit-remaining was 0: a 403/429 that is about the rate limit, not permissions. */
    readonly rateLimited = false,
  ) {
    super(`${method} ${url} → ${status === 0 ? 'no answer' : status}: ${reason}`);
    this.name = 'GitHubApiError';
  }
}
