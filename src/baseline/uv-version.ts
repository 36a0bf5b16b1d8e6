// The baseline image's uv version, for uv-version-change (src/judge/uv-version.ts).
import type { Engine } from '../docker/engine-api.js';
import type { Limits } from '../docker/limits.js';
import { probeImage } from '../e2e/worker/worker.js';
import type { Log } from '../model/log.js';

/** The uv version inside a baseline image, from a short probe container; undefined (with a warning) when it cannot tell. */
export async function probeUvVersion(
  engine: Engine,
  imageRef: string,
  runId: string,
  limits: Limits,
  log: Log,
): Promise<string | undefined> {
  try {
    return (await probeImage(engine, imageRef, '', runId, limits)).uv;
  } catch (err) {
    log.warn(
      `cannot read uv's version in the baseline ${imageRef}: ${err instanceof Error ? err.message : String(err)}`,
    );
    return undefined;
  }
}
