// Puts the profiler (three small files, bundled as text) into a worker: root's,
// read-only, in a folder of its own, so the project it profiles cannot change it.
import type { FileEntry } from '../../docker/engine-api.js';
import type { Worker } from '../worker/worker.js';
import MAKE_PROFILED from './make-profiled.sh';
import PROFILE_MK from './profile.mk';
import PROFILE_SHELL from './profile-shell.sh';

export const PROFILE_DIR = '/tmp/worker-gate-profile';

/** `make TARGET` with every recipe line timed (make-profiled.sh). */
export function profiledMake(...args: string[]): string[] {
  return ['sh', `${PROFILE_DIR}/make-profiled.sh`, ...args];
}

export function profilerEntries(): FileEntry[] {
  const dir = PROFILE_DIR.replace(/^\/+/, '');
  return [
    { name: `${dir}/`, type: 'directory', mode: 0o555 },
    { name: `${dir}/make-profiled.sh`, content: MAKE_PROFILED, mode: 0o555 },
    { name: `${dir}/profile.mk`, content: PROFILE_MK, mode: 0o444 },
    { name: `${dir}/profile-shell.sh`, content: PROFILE_SHELL, mode: 0o555 },
  ];
}

export async function installProfiler(worker: Worker): Promise<void> {
  await worker.put('/', profilerEntries(), { uid: 0, gid: 0 });
}
