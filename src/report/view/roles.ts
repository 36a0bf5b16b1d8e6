// Who did what in the end to end, as production's roles: the scaffolder (its
// image, user, copier and uv cache volume with its owner), the developers (how
// they got the project, on which cache volume), and why developer A's setup
// was cold or warm, with what that cost. Pure; the renderers add the markup.

import { formatSeconds } from '../../model/numbers.js';
import type { CacheVolumeFacts, E2eReport } from '../../model/report.js';

function volume(v: CacheVolumeFacts, entries: string): string {
  const owner = v.ownerUid === null ? 'owner unknown' : `owner uid ${v.ownerUid}`;
  const count = v.entries === null ? '' : `, ${v.entries} distributions ${entries}`;
  return `${v.name} at ${v.mountPoint} (${owner}${count})`;
}

/** One line per role, then the first developer's cache state; empty for a report without roles. */
export function roleLines(e2e: E2eReport): string[] {
  const s = e2e.scaffolder;
  if (!s) return [];
  const lines = [
    `scaffolder: ${s.image} as ${s.user}${s.uid === null ? '' : ` (uid ${s.uid})`}, copier ${s.copier}, in ${s.workspace}, uv cache ${volume(s.cacheVolume, 'after its setup')}; first push with hooks off`,
  ];
  const handoff = e2e.handoff ?? 'clone';
  const how =
    handoff === 'clone' ? 'clone the origin' : "get a copy of the scaffolder's workspace, venvs included";
  const cache = s.workersCacheVolume
    ? `, uv cache ${volume(s.workersCacheVolume, 'before developer A')}`
    : '';
  lines.push(`developers (handoff ${handoff}): ${how}${cache}; push with the project's hooks on`);
  const first = s.firstDeveloper;
  if (first) {
    const cost =
      first.setupSeconds !== undefined && first.warmMedianSeconds !== undefined
        ? ` (setup ${formatSeconds(first.setupSeconds)} against a warm median of ${formatSeconds(first.warmMedianSeconds)})`
        : '';
    lines.push(`developer A was ${first.cold ? 'cold' : 'warm'}: ${first.because}${cost}`);
  }
  return lines;
}
