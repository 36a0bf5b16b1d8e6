// The pull-request comment: a hidden marker that finds it again on the next
// run, the summary's first part (verdict, size change, cold/warm figures,
// failed gates) and a footer that says what was gated and links the run.
//
// One comment per pull request *and per gated image*: a matrix of jobs that
// gates several images must not overwrite one comment in turn. The marker's
// key is a hash of the workflow name, the job id, the gated target (the
// `image` input, else the Dockerfile path relative to the workspace) and the
// build args, so matrix legs over images, Dockerfiles or build args (a Python
// version, say) each keep their own comment, and re-runs find theirs again.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Report } from '../model/report.js';
import { mdCode } from '../report/markdown.js';
import { summaryHeadOf } from '../report/summary.js';
import { buildView, type View } from '../report/view/index.js';
import type { IssueComment } from './comment-api.js';

/** GitHub refuses comment bodies over 65 536 characters; keep a margin for the marker and footer. */
export const MAX_HEAD_CHARS = 60_000;

export interface GatedTarget {
  /** Absolute path of the Dockerfile built (the Config's `dockerfile`). */
  readonly dockerfile?: string;
  /** The `image` input, when no image was built. */
  readonly image?: string;
  readonly buildArgs?: Readonly<Record<string, string>>;
}

export interface CommentScope {
  /** The marker's key: 12 hex digits, or a caller's own key. */
  readonly key: string;
  /** What was gated, for the footer: an image reference or a Dockerfile path. */
  readonly target: string;
  readonly job?: string;
}

/**
 * What was gated, stable across runs and machines: the image reference, or
 * the Dockerfile path relative to the first root that holds it (the workspace,
 * then the action's own folder for the shipped Dockerfile).
 */
export function targetLabel(target: GatedTarget, roots: readonly { dir?: string; label?: string }[]): string {
  if (target.image) return target.image;
  const file = target.dockerfile;
  if (!file) return 'Dockerfile';
  for (const root of roots) {
    if (!root.dir) continue;
    const rel = path.relative(root.dir, file);
    if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) {
      const posix = rel.split(path.sep).join('/');
      return root.label ? `${root.label} ${posix}` : posix;
    }
  }
  return file;
}

/** The comment's scope in this job: see the file's head for what the key covers. */
export function commentScope(
  target: GatedTarget,
  label: string,
  env: { GITHUB_WORKFLOW?: string; GITHUB_JOB?: string },
  key?: string,
): CommentScope {
  const job = env.GITHUB_JOB || undefined;
  if (key) return { key, target: label, ...(job ? { job } : {}) };
  const args = Object.entries(target.buildArgs ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const identity = JSON.stringify([env.GITHUB_WORKFLOW ?? '', job ?? '', label, args]);
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 12);
  return { key: hash, target: label, ...(job ? { job } : {}) };
}

/** The first line of our comment; `--` cannot appear in a key, so the HTML comment stays closed. */
export function commentMarker(key: string): string {
  return `<!-- worker-gate:comment key=${key.replace(/-{2,}|[<>\s]/g, '_')} -->`;
}

/** Ours: the body starts with this scope's marker (another job's key, or a human's comment, is not). */
export function isOurComment(comment: IssueComment, marker: string): boolean {
  const body = comment.body ?? '';
  return body.trimStart().startsWith(marker);
}

export interface CommentContext {
  readonly headSha?: string;
  /** The workflow run's page, for the full summary and the report artifacts. */
  readonly runUrl?: string;
}

export function renderCommentBody(report: Report, scope: CommentScope, context: CommentContext = {}): string {
  return commentBodyOf(buildView(report), scope, context);
}

export function commentBodyOf(view: View, scope: CommentScope, context: CommentContext = {}): string {
  let head = summaryHeadOf(view);
  if (head.length > MAX_HEAD_CHARS) {
    head = `${head.slice(0, MAX_HEAD_CHARS)}\n\n… (cut: the comment would be too long; the run's summary has it all)`;
  }
  const facts = [`Gated ${mdCode(scope.target)}`];
  if (scope.job) facts.push(`job ${mdCode(scope.job)}`);
  if (context.headSha) facts.push(`commit ${mdCode(context.headSha.slice(0, 7))}`);
  if (context.runUrl) facts.push(`[the run's summary and reports](${context.runUrl})`);
  facts.push('updated in place on every run');
  return `${commentMarker(scope.key)}\n${head}\n\n<sub>${facts.join(' · ')}</sub>\n`;
}

/** The run's page, from the variables every Actions job has. */
export function runUrlFrom(env: {
  GITHUB_SERVER_URL?: string;
  GITHUB_REPOSITORY?: string;
  GITHUB_RUN_ID?: string;
}): string | undefined {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  return `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}
