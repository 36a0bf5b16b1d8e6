// cache-dir-writable: a fresh named volume mounted at the worker's uv cache
// folder, as production mounts `uv-cache`, and the image's user must create
// and delete a file in it. A fresh volume takes the image folder's owner;
// over a folder the image lacks it is root's, and a non-root worker is stuck.
import { randomBytes } from 'node:crypto';
import { runOnce } from '../docker/containers.js';
import type { Engine } from '../docker/engine-api.js';
import { runLabels } from '../docker/labels.js';
import { confinement, type Limits } from '../docker/limits.js';
import { removeVolume } from '../docker/volumes.js';
import { InfraError } from '../model/errors.js';
import type { VolumeProbe, WriteOutcome } from '../model/facts/contract.js';
import { fields, parseRecords, wholeNumber } from '../model/script-records.js';
import RECORDS_SH from '../model/script-records.sh';
import VOLUME_SH from './scripts/cache-volume.sh';

/** The check's command: scripts/cache-volume.sh after the record writer, the folder as its argument. */
export function volumeCommand(dir: string): string[] {
  return ['/bin/sh', '-c', `${RECORDS_SH}${VOLUME_SH}`, 'cache-volume-probe', dir];
}

const OUTCOMES: readonly string[] = ['ok', 'cannot-create', 'cannot-delete'] satisfies WriteOutcome[];

export function parseVolumeProbe(dir: string, output: string): VolumeProbe | undefined {
  const records = parseRecords(output);
  const write = records.find((r) => r.kind === 'write')?.text;
  if (write === undefined || !OUTCOMES.includes(write)) return undefined;
  const probe: VolumeProbe = { dir, outcome: write as WriteOutcome };
  const owner = fields(records.find((r) => r.kind === 'owner')?.text ?? '', 4);
  if (owner) {
    const [mode, ownerUid, ownerGid, uid] = [
      owner[0],
      wholeNumber(owner[1]),
      wholeNumber(owner[2]),
      wholeNumber(owner[3]),
    ];
    if (mode !== '?') probe.mode = mode;
    if (ownerUid !== undefined) probe.ownerUid = ownerUid;
    if (ownerGid !== undefined) probe.ownerGid = ownerGid;
    if (uid !== undefined) probe.uid = uid;
  }
  return probe;
}

/** One container, as the image's user with production's restrictions, over a fresh labelled volume. */
export async function probeCacheVolume(
  engine: Engine,
  imageRef: string,
  dir: string,
  runId: string,
  limits: Limits,
): Promise<VolumeProbe> {
  const volume = `${runId}-cache-check-${randomBytes(3).toString('hex')}`;
  await engine.volumes.create(volume, runLabels(runId));
  try {
    const result = await runOnce(engine, {
      image: imageRef,
      entrypoint: volumeCommand(dir),
      cmd: [],
      labels: runLabels(runId),
      volumes: { [volume]: dir },
      hostConfig: { ...confinement(limits), NetworkMode: 'none' },
    });
    const probe = parseVolumeProbe(dir, result.stdout);
    if (!probe) {
      throw new InfraError(
        `the cache folder check in ${imageRef} printed no result (exit ${result.exitCode})`,
        `${result.stdout}${result.stderr}`.slice(-2000),
      );
    }
    return probe;
  } finally {
    await removeVolume(engine, volume);
  }
}
