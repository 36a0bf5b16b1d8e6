// When to try a GitHub call again, and after how long: on a 5xx (a blip at
// GitHub or at a proxy) with exponential back-off, and on a rate limit when
// GitHub says it lifts soon (Retry-After, or x-ratelimit-reset within the
// wait we allow). Pure: the caller sleeps.

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  /** The first back-off after a 5xx; doubled each time. */
  readonly baseDelayMs: number;
  /** A rate limit that lifts later than this is not waited for. */
  readonly maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1000, maxWaitMs: 60_000 };

export interface Answered {
  readonly status: number;
  header(name: string): string | undefined;
}

/** A 403/429 about the rate limit rather than about permissions. */
export function isRateLimited(answer: Answered): boolean {
  return (
    answer.status === 429 ||
    (answer.status === 403 &&
      (answer.header('x-ratelimit-remaining') === '0' || answer.header('retry-after') !== undefined))
  );
}

/** Milliseconds to wait before attempt `attempt + 1` (attempt counts from 1), or undefined: do not retry. */
export function retryDelay(
  answer: Answered,
  attempt: number,
  policy: RetryPolicy,
  nowMs: number,
): number | undefined {
  if (attempt >= policy.attempts) return undefined;
  if (isRateLimited(answer)) {
    const wait = rateLimitWait(answer, nowMs);
    return wait !== undefined && wait <= policy.maxWaitMs ? wait : undefined;
  }
  if (answer.status >= 500 && answer.status <= 599) return policy.baseDelayMs * 2 ** (attempt - 1);
  return undefined;
}

function rateLimitWait(answer: Answered, nowMs: number): number | undefined {
  const after = answer.header('retry-after');
  if (after !== undefined && /^\d+$/.test(after.trim())) return Number(after) * 1000;
  const reset = answer.header('x-ratelimit-reset');
  if (reset !== undefined && /^\d+$/.test(reset.trim())) return Math.max(0, Number(reset) * 1000 - nowMs);
  return undefined;
}
