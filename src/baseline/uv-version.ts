// uv-version-change: during a rollout, workers on the old image and workers on the
// new one share one uv-cache volume; uv versions differ in which cache entries they
// write and accept (an older uv refuses a newer one's entries), so a change of uv
// is worth a warning that names both versions.
import type { Engine } from '../docker/engine.js';
import type { Limits } from '../docker/limits.js';
import { probeImage } from '../e2e/worker.js';
import type { Log } from '../log.js';
import type { Check } from '../report/types.js';

export function uvVersionCheck(current: string, baseline: string, baselineRef: string): Check | undefined {
  if (current === baseline) return undefined;
  return {
    id: 'uv-version-change',
    status: 'warn',
    detail:
      `the image has uv ${current}, the baseline (${baselineRef}) uv ${baseline}: during the rollout workers of ` +
      `both versions share one uv cache, where an older uv may refuse or rebuild a newer one's entries; ` +
      `run the e2e with concurrent-workers and the baseline to exercise the mixed cache`,
  };
}

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
