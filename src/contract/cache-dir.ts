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
import { shQuote } from './probe-script.js';

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
