// cache-dir-writable: the image's user created and deleted a file in its uv
// cache folder under a fresh volume (probed in src/contract/cache-dir.ts). A
// fresh volume takes the image folder's owner; over a folder the image lacks
// it is root's, and a non-root worker is stuck.

import { isSkipped } from '../model/checks.js';
import type { CacheDirState, VolumeProbe } from '../model/facts/contract.js';
import { type DraftCheck, draftGate } from './draft.js';
import type { GateCheck } from './gate.js';
import { imageUserWords } from './user.js';

const CHECK: GateCheck = {
  id: 'cache-dir-writable',
  stage: 'contract',
  off: 'skip',
  remedy:
    'Create the uv cache directory in the image and give it to the worker user (`RUN mkdir -p "$UV_CACHE_DIR" && chown <user> "$UV_CACHE_DIR"`): a fresh volume takes the ownership of the folder it is mounted over, and is root’s when that folder is missing.',
  explain: () => 'the worker can write a fresh uv cache volume',
};

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
  const { id } = CHECK;
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

export const CACHE_DIR_GATE = draftGate({
  family: 'cache-dir',
  checks: [CHECK],
  probes: (config) => ({ cacheVolume: !isSkipped(CHECK.id, config.skipChecks) }),
  draft(config, { contract }) {
    const { volume } = contract;
    if (!volume || isSkipped(CHECK.id, config.skipChecks)) return [];
    return [cacheDirCheck(volume, contract.views.user.cacheDir, imageUserWords(contract))];
  },
});
