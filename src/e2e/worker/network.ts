// Each run's workers sit on a bridge network of the run's own: they reach each
// other and, through the engine's NAT, the package index (with the host's proxy
// settings carried in their environment), but no container of another run,
// which the engine keeps apart on networks of their own. Labelled with the run
// id, so the run's clean-up sweep (and the post step's, after a crash) removes it;
// under --keep labelled as kept too, since a kept worker still holds it.
import type { Engine } from '../../docker/engine-api.js';
import { runLabels } from '../../docker/labels.js';

export function runNetworkName(runId: string): string {
  return `${runId}-net`;
}

export async function createRunNetwork(engine: Engine, runId: string, keep = false): Promise<string> {
  const name = runNetworkName(runId);
  await engine.networks.create(name, runLabels(runId, keep));
  return name;
}
