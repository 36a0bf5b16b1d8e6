// The action's pull-request comment (`comment: true`): create it on the first
// run, update it in place on every later one, skip it where it cannot or must
// not be written. Never fails the job: the gate's verdict is the job's
// outcome, and a comment GitHub refuses is a warning that says how to fix it.
import { readFileSync } from 'node:fs';
import { toolRoot } from '../config/shipped.js';
import type { Log } from '../model/log.js';
import type { Report } from '../model/report.js';
import { type CommentApi, GitHubApiError } from './comment-api.js';
import {
  commentMarker,
  commentScope,
  type GatedTarget,
  isOurComment,
  renderCommentBody,
  runUrlFrom,
  targetLabel,
} from './comment-body.js';
import { PULL_REQUEST_EVENTS, pullRequestFromEvent } from './pr-event.js';
import { restCommentApi } from './rest-comment-api.js';

export type CommentOutcome = 'created' | 'updated' | `skipped: ${string}` | `failed: ${string}`;

/** The Config fields the comment reads (a narrow slice, so tests need no whole Config). */
export interface CommentOptions extends GatedTarget {
  /** The `comment` input. */
  readonly comment: boolean;
  /** The `github-token` input. */
  readonly githubToken?: string;
}

export type GitHubEnv = Readonly<Record<string, string | undefined>>;

export interface PostCommentInput {
  readonly report: Report;
  readonly options: CommentOptions;
  /** process.env in the action: GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_API_URL, ... */
  readonly env: GitHubEnv;
  readonly log: Pick<Log, 'info' | 'warn'>;
  /** Defaults to the GitHub REST API through the toolkit's HTTP client; tests pass a fake. */
  readonly api?: CommentApi;
  /** Overrides the comment's derived key (see comment-body.ts), e.g. from a future `comment-key` input. */
  readonly key?: string;
  /** Reads the event payload file; tests pass their own. */
  readonly readFile?: (file: string) => string;
}

export async function postPullRequestComment(input: PostCommentInput): Promise<CommentOutcome> {
  const { options, env, log } = input;
  if (!options.comment) return 'skipped: comment is off';

  const skip = (reason: string, warn = false): CommentOutcome => {
    const line = `worker-gate: no pull-request comment: ${reason}.`;
    if (warn) log.warn(line);
    else log.info(line);
    return `skipped: ${reason}`;
  };

  const eventName = env.GITHUB_EVENT_NAME;
  if (!eventName || !PULL_REQUEST_EVENTS.includes(eventName)) {
    return skip(`the ${eventName || 'unknown'} event is not a pull request`);
  }
  if (!options.githubToken) {
    return skip("github-token is empty (leave it at its default, the workflow's token, or set one)", true);
  }
  if (!env.GITHUB_EVENT_PATH)
    return skip('GITHUB_EVENT_PATH is not set, so the pull request is unknown', true);
  let payload: unknown;
  try {
    payload = JSON.parse((input.readFile ?? ((f) => readFileSync(f, 'utf8')))(env.GITHUB_EVENT_PATH));
  } catch (err) {
    return skip(`the event payload ${env.GITHUB_EVENT_PATH} cannot be read: ${errorText(err)}`, true);
  }
  const pr = pullRequestFromEvent(eventName, payload);
  if (pr.kind === 'skip') return skip(pr.reason);
  const repository = env.GITHUB_REPOSITORY;
  if (!repository) return skip('GITHUB_REPOSITORY is not set', true);

  const scope = commentScope(options, targetLabel(options, targetRoots(env)), env, input.key);
  const body = renderCommentBody(input.report, scope, {
    ...(pr.headSha ? { headSha: pr.headSha } : {}),
    ...withRunUrl(runUrlFrom(env)),
  });
  const marker = commentMarker(scope.key);
  const api =
    input.api ??
    restCommentApi({
      token: options.githubToken,
      repository,
      ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}),
    });

  try {
    const ours = (await api.listComments(pr.number)).find((c) => isOurComment(c, marker));
    if (ours) {
      const updated = await api.updateComment(ours.id, body);
      log.info(`worker-gate: updated the comment on pull request #${pr.number}: ${urlOf(updated, ours)}`);
      return 'updated';
    }
    const created = await api.createComment(pr.number, body);
    log.info(`worker-gate: commented on pull request #${pr.number}: ${urlOf(created)}`);
    return 'created';
  } catch (err) {
    const message = apiFailureMessage(err, pr.number);
    log.warn(message);
    return `failed: ${message}`;
  }
}

/**
 * The warning for a refused or failed call: what GitHub said and what to
 * change. A 403 (or a 404, which is how GitHub hides what a token cannot see)
 * almost always means the job's token lacks write access to pull requests.
 */
export function apiFailureMessage(err: unknown, prNumber: number): string {
  const lead = `worker-gate could not write its comment on pull request #${prNumber}`;
  const after = 'The gate verdict is not affected.';
  if (!(err instanceof GitHubApiError)) return `${lead}: ${errorText(err)}. ${after}`;
  const said = `GitHub answered ${err.status} to ${err.method} ${err.url}: ${err.reason}`;
  if (err.status === 0) {
    return `${lead}: no answer from ${err.url} (${err.reason}). Check GITHUB_API_URL and the runner's network. ${after}`;
  }
  if (err.rateLimited)
    return `${lead}: ${said}. The token's API rate limit is used up; the next run will retry. ${after}`;
  if (err.status === 401) {
    return `${lead}: ${said}. The github-token input is not a valid token (expired or revoked?). ${after}`;
  }
  if (err.status === 403 || err.status === 404) {
    return (
      `${lead}: ${said}. The workflow's token needs write access to pull requests: add ` +
      '`permissions: pull-requests: write` to the job (or the workflow), or set `comment: false`. ' +
      after
    );
  }
  return `${lead}: ${said}. ${after}`;
}

function targetRoots(env: GitHubEnv): { dir?: string; label?: string }[] {
  let shipped: string | undefined;
  try {
    shipped = toolRoot();
  } catch {
    // Running from somewhere without images/: only the workspace can shorten the path.
  }
  return [
    { ...(env.GITHUB_WORKSPACE ? { dir: env.GITHUB_WORKSPACE } : {}) },
    { ...(shipped ? { dir: shipped } : {}), label: 'shipped' },
  ];
}

function withRunUrl(runUrl: string | undefined): { runUrl?: string } {
  return runUrl ? { runUrl } : {};
}

function urlOf(...comments: { html_url?: string; id: number }[]): string {
  return comments.find((c) => c?.html_url)?.html_url ?? `comment ${comments[0]?.id}`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
