// Named volumes of a run are created empty and labelled (engine.volumes.create);
// removing one tolerates a volume already gone.
import { type Engine, isGone } from './engine-api.js';

export async function removeVolume(engine: Engine, name: string): Promise<void> {
  try {
    await engine.volumes.remove(name);
  } catch (err) {
    if (!isGone(err)) throw err;
  }
}
