// How a developer worker gets what the scaffolder made, as production hands it
// over: a helper container with CAP_CHOWN only gives the origin to the
// workers' uid and, for `handoff mount`, copies the scaffolder's project
// (venvs included) into the developer's workspace volume, owned by the
// developer. The scaffolder's workspace is mounted read-only into the helper.

import { type RunResult, removeContainer, runOnce } from '../../docker/containers.js';
import type { Container, ContainerSpec, Engine } from '../../docker/engine-api.js';
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

/** What the helper is started with, whatever it hands over: its image, run, limits and the origin. */
export type HelperSettings = Pick<HandOver, 'image' | 'runId' | 'keep' | 'limits' | 'originVolume'>;

/** handoff.sh with its arguments. */
function handoffCommand(h: HandOver): string[] {
  const args = [String(h.owner.uid), String(h.owner.gid), `${ORIGIN_AT}/${h.originRepo}`];
  if (h.copy) args.push(`${FROM_AT}${SCAFFOLDER_PROJECT.slice(SCAFFOLDER_WORKSPACE.length)}`, TO_AT);
  return ['sh', '-c', HANDOFF_SH, 'handoff', ...args];
}

function helperSpec(h: HelperSettings, copy: HandOver['copy'], entrypoint: string[]): ContainerSpec {
  const Mounts: NonNullable<ContainerSpec['hostConfig']>['Mounts'] = [
    { Type: 'volume', Source: h.originVolume, Target: ORIGIN_AT },
  ];
  if (copy) {
    Mounts.push(
      { Type: 'volume', Source: copy.from, Target: FROM_AT, ReadOnly: true },
      { Type: 'volume', Source: copy.to, Target: TO_AT },
    );
  }
  return {
    image: h.image,
    user: '0:0',
    entrypoint,
    cmd: [],
    labels: { ...runLabels(h.runId, h.keep), [ROLE_LABEL]: 'e2e-handoff' },
    hostConfig: { ...confinement(h.limits), CapAdd: ['CHOWN'], NetworkMode: 'none', Mounts },
  };
}

export function handOverSpec(h: HandOver): ContainerSpec {
  return helperSpec(h, h.copy, handoffCommand(h));
}

// The helper started ahead idles until the handover is an exec in it.
const IDLE = ['sh', '-c', 'while :; do sleep 3600; done'];

/**
 * The helper for the origin's handover, started before its turn (beside the scaffold) and
 * idle: the handover is then one exec in it, not a container's create, start and wait.
 */
export async function startHelper(engine: Engine, h: HelperSettings): Promise<Container> {
  const container = await engine.containers.create(helperSpec(h, undefined, IDLE));
  try {
    await container.start();
    return container;
  } catch (err) {
    await removeContainer(container);
    throw err;
  }
}

/**
 * Hands over in the helper started ahead (`helper`; the origin only) or in one of its own; a
 * failure is the run's (infrastructure), with the helper's own words.
 */
export async function handOver(engine: Engine, h: HandOver, helper?: Container): Promise<void> {
  const result =
    helper && !h.copy
      ? await handOverIn(helper, h)
      : await runOnce(engine, handOverSpec(h), 600, h.removeLater);
  if (result.exitCode !== 0) {
    throw new InfraError(
      `the handoff helper could not ${h.copy ? "copy the scaffolder's workspace for a developer or " : ''}give the origin to uid ${h.owner.uid} (exit ${result.exitCode})`,
      result.stderr.trim() || result.stdout.trim(),
    );
  }
}

async function handOverIn(helper: Container, h: HandOver): Promise<RunResult> {
  try {
    const r = await helper.exec(handoffCommand(h), {
      user: '0:0',
      timeoutSeconds: 600,
    });
    return { exitCode: r.exitCode ?? -1, stdout: r.output, stderr: '' };
  } finally {
    const remove = () => removeContainer(helper);
    if (h.removeLater) h.removeLater(remove);
    else await remove();
  }
}
