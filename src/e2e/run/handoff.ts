// How a developer worker gets what the scaffolder made, as production hands it
// over: a helper container with CAP_CHOWN only gives the origin to the
// workers' uid and, for `handoff mount`, copies the scaffolder's project
// (venvs included) into the developer's workspace volume, owned by the
// developer. The scaffolder's workspace is mounted read-only into the helper.

import { runOnce } from '../../docker/containers.js';
import type { ContainerSpec, Engine } from '../../docker/engine-api.js';
import { runLabels } from '../../docker/labels.js';
import { confinement, type Limits } from '../../docker/limits.js';
import { InfraError } from '../../model/errors.js';
import { ROLE_LABEL } from '../worker/worker.js';
import { SCAFFOLDER_PROJECT, SCAFFOLDER_WORKSPACE } from './layout-plan.js';
import HANDOFF_SH from './scripts/handoff.sh';

const ORIGIN_AT = '/handoff/origin';
const FROM_AT = '/handoff/from';
const TO_AT = '/handoff/to';

export interface HandOver {
  /** An image with sh, chown and cp: the workers'. */
  image: string;
  runId: string;
  keep: boolean;
  limits: Limits;
  /** Who gets the files. */
  owner: { uid: number; gid: number };
  originVolume: string;
  /** The origin repository's folder inside its volume (`project.git`). */
  originRepo: string;
  /** handoff mount: the scaffolder's workspace volume, and the developer's volume its project goes to. */
  copy?: { from: string; to: string };
  /** Takes the helper's removal, to run it beside the next steps (worker-pool.ts: retire). */
  removeLater?: (remove: () => Promise<void>) => void;
}

export function handOverSpec(h: HandOver): ContainerSpec {
  const args = [String(h.owner.uid), String(h.owner.gid), `${ORIGIN_AT}/${h.originRepo}`];
  const Mounts: NonNullable<ContainerSpec['hostConfig']>['Mounts'] = [
    { Type: 'volume', Source: h.originVolume, Target: ORIGIN_AT },
  ];
  if (h.copy) {
    const project = SCAFFOLDER_PROJECT.slice(SCAFFOLDER_WORKSPACE.length);
    args.push(`${FROM_AT}${project}`, TO_AT);
    Mounts.push(
      { Type: 'volume', Source: h.copy.from, Target: FROM_AT, ReadOnly: true },
      { Type: 'volume', Source: h.copy.to, Target: TO_AT },
    );
  }
  return {
    image: h.image,
    user: '0:0',
    entrypoint: ['sh', '-c', HANDOFF_SH, 'handoff', ...args],
    cmd: [],
    labels: { ...runLabels(h.runId, h.keep), [ROLE_LABEL]: 'e2e-handoff' },
    hostConfig: { ...confinement(h.limits), CapAdd: ['CHOWN'], NetworkMode: 'none', Mounts },
  };
}

/** Runs the helper; a failure is the run's (infrastructure), with the helper's own words. */
export async function handOver(engine: Engine, h: HandOver): Promise<void> {
  const result = await runOnce(engine, handOverSpec(h), 600, h.removeLater);
  if (result.exitCode !== 0) {
    throw new InfraError(
      `the handoff helper could not ${h.copy ? "copy the scaffolder's workspace for a developer or " : ''}give the origin to uid ${h.owner.uid} (exit ${result.exitCode})`,
      result.stderr.trim() || result.stdout.trim(),
    );
  }
}
