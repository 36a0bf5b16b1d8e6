// An image's removal that tolerates an image already gone (its facts are
// engine.images.inspect: InspectedImage, src/model/facts/image.ts), and the
// engine's `KEY=VALUE` environment lists as a record.
import { type Engine, isGone } from './engine-api.js';

export function envToRecord(env: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of env ?? []) {
    const eq = kv.indexOf('=');
    if (eq > 0) out[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return out;
}

export async function removeImage(engine: Engine, ref: string): Promise<void> {
  try {
    await engine.images.remove(ref);
  } catch (err) {
    if (!isGone(err)) throw err;
  }
}
