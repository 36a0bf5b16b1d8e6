// What carries a run's label on the engine (labels.ts), found and removed kind
// by kind: containers first (with their anonymous volumes: an image's VOLUME
// makes one per container), then volumes and networks, which containers hold,
// then run-only images; the objects of one kind side by side. The run's
// clean-up (src/run/cleanup.ts) and the e2e's own, behind itself, use it.
import { type Engine, isGone } from './engine-api.js';
import { KEEP_LABEL, RUN_LABEL, runFilter } from './labels.js';

export type EngineKind = 'container' | 'volume' | 'network' | 'image';

/** The order objects are removed in. */
export const REMOVAL_ORDER: readonly EngineKind[] = ['container', 'volume', 'network', 'image'];

export interface Labelled {
  kind: EngineKind;
  /** What the engine removes it by: a container's or an image's id, a volume's or a network's name. */
  id: string;
  /** A name where the object has one, else its short id. */
  name: string;
  run: string;
  labels: Record<string, string>;
}

/** Everything labelled with run `runId`, or with any run. */
export async function findLabelled(engine: Engine, runId: string | undefined): Promise<Labelled[]> {
  const filters = runFilter(runId);
  const [containers, volumes, networks, images] = await Promise.all([
    engine.containers.list({ all: true, filters }),
    engine.volumes.list(filters),
    engine.networks.list(filters),
    engine.images.list(filters),
  ]);
  const of =
    (kind: EngineKind, byName: boolean) =>
    (l: { id: string; name: string; labels: Record<string, string> }) => ({
      kind,
      id: byName ? l.name : l.id,
      name: l.name,
      run: l.labels[RUN_LABEL] ?? '',
      labels: l.labels,
    });
  return [
    ...containers.map(of('container', false)),
    ...volumes.map(of('volume', true)),
    ...networks.map(of('network', true)),
    ...images.map(of('image', false)),
  ];
}

/** Whether --keep kept it (its failed worker and that worker's volumes). */
export function isKept(object: Labelled): boolean {
  return object.labels[KEEP_LABEL] !== undefined;
}

function removeOne(engine: Engine, object: Labelled): Promise<void> {
  switch (object.kind) {
    case 'container':
      return engine.containers.get(object.id).remove();
    case 'volume':
      return engine.volumes.remove(object.id);
    case 'network':
      return engine.networks.remove(object.id);
    case 'image':
      return engine.images.remove(object.id);
  }
}

/** Remove these, kind by kind in REMOVAL_ORDER; one already gone is neither removed nor an error. */
export async function removeLabelled(
  engine: Engine,
  objects: readonly Labelled[],
): Promise<{ removed: Labelled[]; errors: string[] }> {
  const removed: Labelled[] = [];
  const errors: string[] = [];
  for (const kind of REMOVAL_ORDER) {
    await Promise.all(
      objects
        .filter((o) => o.kind === kind)
        .map(async (o) => {
          try {
            await removeOne(engine, o);
            removed.push(o);
          } catch (err) {
            if (!isGone(err))
              errors.push(`${o.kind} ${o.name}: ${err instanceof Error ? err.message : String(err)}`);
          }
        }),
    );
  }
  return { removed, errors };
}
