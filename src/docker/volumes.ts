// Named volumes of a run: created empty, labelled, removed at the end.
import type { Engine } from './engine.js';

export async function createVolume(
  engine: Engine,
  name: string,
  labels: Record<string, string>,
): Promise<string> {
  await engine.createVolume({ Name: name, Labels: labels });
  return name;
}

export async function removeVolume(engine: Engine, name: string): Promise<void> {
  try {
    await engine.getVolume(name).remove({ force: true });
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 404) throw err;
  }
}
