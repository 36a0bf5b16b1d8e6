// Images the engine does not have are pulled, as `docker run` and `docker
// build` would: credentials from the docker CLI's config (registry-auth.ts),
// progress as log lines, and a failure told in one line: which registry,
// which image, and why (not found, unauthorized, unreachable).
import { InfraError } from '../model/errors.js';
import type { InspectedImage } from '../model/facts/image.js';
import type { Log } from '../model/log.js';
import type { RunProcess } from '../process/run.js';
import type { Engine } from './engine-api.js';
import { type ImageRef, parseImageRef } from './image-ref.js';
import { registryCredentials } from './registry-auth.js';

export interface PullContext {
  log: Log;
  /** Where DOCKER_CONFIG, HOME and PATH (for credential helpers) come from. */
  env: NodeJS.ProcessEnv;
  /** Runs a credential helper (the run's deadline, abort and redactor). */
  runProcess: RunProcess;
}

/** How a failure names the image: `image`, `baseline image`, `base image`, and where it was named. */
export interface PullSubject {
  what: string;
  /** e.g. ` (Dockerfile:3)` or ` (--image / image)`. */
  where?: string;
}

export type PullReason = 'not found' | 'unauthorized' | 'unreachable' | 'failed';

/** A pull the registry or the network refused: exit 2, like any infrastructure fault. */
export class PullError extends InfraError {
  constructor(
    readonly ref: ImageRef,
    readonly reason: PullReason,
    engineMessage: string,
    authenticated: boolean,
    subject: PullSubject,
  ) {
    super(
      `${subject.what} ${ref.written} is not in the engine${subject.where ?? ''} and cannot be pulled from ${ref.registry}: ${reason}${advice(reason, ref, authenticated, engineMessage)}`,
      engineMessage,
    );
    this.name = 'PullError';
  }
}

function advice(reason: PullReason, ref: ImageRef, authenticated: boolean, engineMessage: string): string {
  if (reason === 'not found') {
    // Registries answer "not found" for private images to whoever they do not know, too.
    return authenticated
      ? ' (check the name, tag or digest)'
      : ` (check the name, tag or digest; a private image also needs docker login ${ref.registry})`;
  }
  if (reason === 'unauthorized') {
    return authenticated
      ? ` (the credentials for ${ref.registry} in the docker config were refused: docker login ${ref.registry} again)`
      : ` (no credentials for ${ref.registry} in the docker config: docker login ${ref.registry}, or set DOCKER_CONFIG)`;
  }
  if (reason === 'unreachable')
    return ` (no answer from ${ref.registry}: check the network, proxy or the engine's registry settings)`;
  return ` (${engineMessage})`;
}

/** The engine's words, sorted into what the user must do about them. */
export function classifyPullError(message: string): PullReason {
  const m = message.toLowerCase();
  // Status codes as words of their own: a digest's hex may hold "401" too.
  if (/unauthorized|authentication required|no basic auth credentials|denied|\b40[13]\b/.test(m)) {
    // Docker Hub says "pull access denied ... repository does not exist or may require 'docker login'".
    if (/repository does not exist/.test(m) && !/unauthorized|authentication required/.test(m))
      return 'not found';
    return 'unauthorized';
  }
  if (/manifest unknown|not found|name unknown|no such image|\b404\b/.test(m)) return 'not found';
  if (
    /connection refused|no such host|i\/o timeout|timeout|network is unreachable|tls handshake|dial tcp|\beof\b|server gave http response to https client|certificate/.test(
      m,
    )
  )
    return 'unreachable';
  return 'failed';
}

/** Pull one image; the engine's progress goes to the log, one line per layer step (no progress ticks). */
export async function pullImage(
  engine: Engine,
  written: string,
  ctx: PullContext,
  subject: PullSubject = { what: 'image' },
): Promise<void> {
  const ref = parseImageRef(written);
  const auth = await registryCredentials(ref.registry, ctx.env, ctx.runProcess);
  await ctx.log.group(`docker pull ${written}`, async () => {
    let failure: string | undefined;
    try {
      await engine.images.pull({ name: ref.name, tag: ref.digest ?? ref.tag ?? 'latest' }, auth, (event) => {
        if (event.error) failure = event.errorDetail?.message ?? event.error;
        else if (event.status && !event.progressDetail?.total)
          ctx.log.detail(event.id ? `${event.id}: ${event.status}` : event.status);
      });
    } catch (err) {
      failure = engineMessage(err);
    }
    if (failure !== undefined)
      throw new PullError(ref, classifyPullError(failure), failure, auth !== undefined, subject);
  });
}

/** The engine's facts for an image, pulled first when the engine does not have it. */
export async function ensureImage(
  engine: Engine,
  written: string,
  ctx: PullContext,
  subject: PullSubject = { what: 'image' },
): Promise<InspectedImage> {
  const have = await engine.images.inspect(written);
  if (have) return have;
  ctx.log.info(`${subject.what} ${written} is not in the engine: pulling it`);
  await pullImage(engine, written, ctx, subject);
  const facts = await engine.images.inspect(written);
  if (!facts) throw new InfraError(`the engine pulled ${written} but cannot inspect it`);
  return facts;
}

/** dockerode puts the engine's JSON message in `json` or in the error text. */
function engineMessage(err: unknown): string {
  const e = err as { json?: { message?: string }; message?: string };
  const text = e.json?.message ?? e.message ?? String(err);
  return text.replace(/^\(HTTP code \d+\) [^-]* - /, '').trim();
}
