// An in-memory pull request's comments behind the CommentApi interface: the
// decision logic is tested against it, so no test ever reaches GitHub.
import { type CommentApi, GitHubApiError, type IssueComment } from '../../../src/github/comment-api.js';

export interface Call {
  readonly method: 'list' | 'create' | 'update';
  readonly target: number;
  readonly body?: string;
}

export class FakeCommentApi implements CommentApi {
  readonly comments: IssueComment[] = [];
  readonly calls: Call[] = [];
  private nextId = 1000;
  /** Make one method fail with this error. */
  failOn?: { method: Call['method']; error: Error };

  constructor(existing: { body: string; login?: string }[] = []) {
    for (const c of existing) this.add(c.body, c.login ?? 'someone');
  }

  async listComments(issueNumber: number): Promise<IssueComment[]> {
    this.record({ method: 'list', target: issueNumber });
    return this.comments.map((c) => ({ ...c }));
  }

  async createComment(issueNumber: number, body: string): Promise<IssueComment> {
    this.record({ method: 'create', target: issueNumber, body });
    return this.add(body, 'github-actions[bot]');
  }

  async updateComment(commentId: number, body: string): Promise<IssueComment> {
    this.record({ method: 'update', target: commentId, body });
    const found = this.comments.findIndex((c) => c.id === commentId);
    const comment = this.comments[found];
    if (!comment) throw new GitHubApiError('PATCH', `/issues/comments/${commentId}`, 404, 'Not Found');
    const updated = { ...comment, body };
    this.comments[found] = updated;
    return updated;
  }

  private record(call: Call): void {
    this.calls.push(call);
    if (this.failOn?.method === call.method) throw this.failOn.error;
  }

  private add(body: string, login: string): IssueComment {
    const id = this.nextId++;
    const comment = {
      id,
      body,
      user: { login },
      html_url: `https://github.com/o/r/pull/7#issuecomment-${id}`,
    };
    this.comments.push(comment);
    return comment;
  }
}
