// Which pull request this run is for, from the workflow's event payload, and
// whether the workflow's token can write to it: a pull request from a fork
// gets a read-only token (with `pull_request`) or must not be trusted with a
// write (with `pull_request_target`), so worker-gate never comments there.

/** The events whose payload carries a `pull_request`. */
export const PULL_REQUEST_EVENTS: readonly string[] = ['pull_request', 'pull_request_target'];

export type PullRequestTarget =
  | { readonly kind: 'pull-request'; readonly number: number; readonly headSha?: string }
  | { readonly kind: 'skip'; readonly reason: string };

interface RepoRef {
  full_name?: unknown;
}

interface PullRequestPayload {
  number?: unknown;
  pull_request?: {
    number?: unknown;
    head?: { sha?: unknown; repo?: RepoRef | null };
    base?: { repo?: RepoRef | null };
  };
}

/** Pure: the event name and its parsed payload → the pull request to comment on, or why not. */
export function pullRequestFromEvent(eventName: string | undefined, payload: unknown): PullRequestTarget {
  if (!eventName || !PULL_REQUEST_EVENTS.includes(eventName)) {
    return { kind: 'skip', reason: `the ${eventName || 'unknown'} event is not a pull request` };
  }
  const event = (payload ?? {}) as PullRequestPayload;
  const pr = event.pull_request;
  const number = pr?.number ?? event.number;
  if (!pr || typeof number !== 'number') {
    return { kind: 'skip', reason: `the ${eventName} event payload has no pull request number` };
  }
  const head = pr.head?.repo?.full_name;
  const base = pr.base?.repo?.full_name;
  // A deleted fork leaves head.repo null: we cannot tell where it came from, so treat it as a fork.
  // Compare names rather than read head.repo.fork: in a repository that is itself a fork,
  // every pull request's head repo is a fork, yet the token can write there.
  if (typeof head !== 'string' || typeof base !== 'string' || head.toLowerCase() !== base.toLowerCase()) {
    const from = typeof head === 'string' ? head : 'a deleted repository';
    return {
      kind: 'skip',
      reason: `pull request #${number} comes from a fork (${from}), where the workflow's token cannot write`,
    };
  }
  const sha = pr.head?.sha;
  return typeof sha === 'string'
    ? { kind: 'pull-request', number, headSha: sha }
    : { kind: 'pull-request', number };
}
