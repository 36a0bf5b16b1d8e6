// cache-dir-writable: a fresh named volume mounted at the worker's uv cache
// folder, as production mounts `uv-cache`, and the image's user must create
// and delete a file in it. A fresh volume takes the image folder's owner;
// over a folder the image lacks it is root's, and a non-root worker is stuck.
import { randomBytes } from 'node:crypto';
import { runOnce } from '../docker/containers.js';
import type { Engine } from '../docker/engine.js';
import { runLabels } from '../docker/labels.js';
import { confinement, type Limits } from '../docker/limits.js';
import { createVolume, removeVolume } from '../docker/volumes.js';
import { InfraError } from '../errors.js';
import type { CacheDirState } from './probe-output.js';
import { shQuote } from './probe-script.js';
import type { DraftCheck } from './types.js';

/** The cache folder when the image config alone decides it; else it depends on the user's HOME. */
export function configuredCacheDir(env: Readonly<Record<string, string>>): string | undefined {
  if (env.UV_CACHE_DIR) return env.UV_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return `${env.XDG_CACHE_HOME}/uv`;
  return undefined;
}

export type WriteOutcome = 'ok' | 'cannot-create' | 'cannot-delete';

export interface VolumeProbe {
  dir: string;
  outcome: WriteOutcome;
  uid?: number;
  /** The mounted folder as the worker saw it. */
  mode?: string;
  ownerUid?: number;
  ownerGid?: number;
}

function volumeScript(dir: string): string {
  return `d=${shQuote(dir)}; f="$d/.worker-gate-write-test.$$"
uid=; while read -r k v _; do [ "$k" = Uid: ] && uid=$v; done < /proc/self/status
if ( : > "$f" ) 2>/dev/null; then
  rm -f "$f" 2>/dev/null
  if [ -e "$f" ]; then echo "@@wg write cannot-delete"; else echo "@@wg write ok"; fi
else echo "@@wg write cannot-create"; fi
set -- $(ls -ldn "$d" 2>/dev/null)
echo "@@wg owner \${1:-?} \${3:-?} \${4:-?} \${uid:-?}"
`;
}

export function parseVolumeProbe(dir: string, output: string): VolumeProbe | undefined {
  const write = /^@@wg write (ok|cannot-create|cannot-delete)$/m.exec(output)?.[1] as
    | WriteOutcome
    | undefined;
  if (!write) return undefined;
  const probe: VolumeProbe = { dir, outcome: write };
  const owner = /^@@wg owner (\S+) (\S+) (\S+) (\S+)$/m.exec(output);
  if (owner) {
    const num = (text: string | undefined) => (text && /^\d+$/.test(text) ? Number(text) : undefined);
    if (owner[1] !== '?') probe.mode = owner[1];
    const [ownerUid, ownerGid, uid] = [num(owner[2]), num(owner[3]), num(owner[4])];
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
  await createVolume(engine, volume, runLabels(runId));
  try {
    const result = await runOnce(engine, {
      image: imageRef,
      entrypoint: ['/bin/sh', '-c', volumeScript(dir)],
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

function ownerText(probe: VolumeProbe): string {
  const owner =
    probe.ownerUid !== undefined ? `uid ${probe.ownerUid}:${probe.ownerGid ?? '?'}` : 'an unknown owner';
  return `${owner}${probe.mode ? ` (${probe.mode})` : ''}`;
}

export function cacheDirCheck(
  probe: VolumeProbe,
  inImage: CacheDirState | undefined,
  who: string,
): DraftCheck {
  const id = 'cache-dir-writable';
  const where = `${probe.dir} with a fresh volume mounted there`;
  if (probe.outcome === 'ok') {
    return {
      id,
      status: 'pass',
      summary: `${who} created and deleted a file in ${where}; the folder is owned by ${ownerText(probe)}`,
    };
  }
  const what =
    probe.outcome === 'cannot-create' ? 'cannot create a file' : 'created a file but cannot delete it';
  let why: string;
  if (inImage && !inImage.present) {
    why = `the image has no ${probe.dir}, so the volume is root's: create that folder in the image and give it to the user (mkdir -p, chown)`;
  } else if (probe.ownerUid !== undefined && probe.uid !== undefined && probe.ownerUid !== probe.uid) {
    why = `the folder is owned by ${ownerText(probe)}, not by the user: chown it to the user in the image`;
  } else {
    why = `the folder is owned by ${ownerText(probe)}: make it writable by the user in the image`;
  }
  const draft: DraftCheck = { id, status: 'fail', summary: `${who} ${what} in ${where}: ${why}` };
  if (inImage?.present) draft.attributePaths = [probe.dir];
  return draft;
}
