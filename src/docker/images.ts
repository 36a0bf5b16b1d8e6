// An image's facts read from the engine's inspect and history
// (InspectedImage, src/model/facts/image.ts), and its removal.

import type { InspectedImage } from '../model/facts/image.js';
import type { Engine } from './engine.js';

export function envToRecord(env: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of env ?? []) {
    const eq = kv.indexOf('=');
    if (eq > 0) out[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return out;
}

/** Undefined when the engine does not have the image. */
export async function inspectImage(engine: Engine, ref: string): Promise<InspectedImage | undefined> {
  const image = engine.getImage(ref);
  let info: Awaited<ReturnType<typeof image.inspect>>;
  try {
    info = await image.inspect();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return undefined;
    throw err;
  }
  const history = (await image.history()) as { CreatedBy?: string; Size?: number }[];
  return {
    id: info.Id,
    sizeBytes: info.Size,
    user: info.Config?.User ?? '',
    env: envToRecord(info.Config?.Env),
    labels: info.Config?.Labels ?? {},
    history: history.map((h) => ({ createdBy: h.CreatedBy ?? '', sizeBytes: h.Size ?? 0 })),
  };
}

export async function removeImage(engine: Engine, ref: string): Promise<void> {
  try {
    await engine.getImage(ref).remove({ force: true });
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 404) throw err;
  }
}
