// The audit's checks, once: each id, in the order a worker's checks are listed,
// with what to do when workers fail it (the fix is in whatever starts the
// workers, a compose file or the worker manager, not in the image). `worker-gate
// audit` has no gates: it judges the facts itself with these (checks.ts,
// fleet.ts, scaffolder.ts), and the judge's registry lists them beside the
// gates' checks, for skip-checks and the reports.
import type { CheckId } from '../model/checks.js';

export interface AuditCheck extends CheckId {
  readonly stage: 'audit';
  /** `names`: the workers that failed it, in words. Absent for a check that only ever warns. */
  readonly remedy?: (names: string) => string;
}

function auditCheck(id: string, remedy?: (names: string) => string): AuditCheck {
  return remedy ? { id, stage: 'audit', off: 'skip', remedy } : { id, stage: 'audit', off: 'skip' };
}

export const WORKER_USER = auditCheck(
  'worker-user',
  (names) =>
    `Start ${names} as the image's non-root user (compose \`user:\`, or leave the image's USER in place).`,
);
export const CAP_DROP_ALL = auditCheck(
  'cap-drop-all',
  (names) => `Drop every capability of ${names}: \`cap_drop: [ALL]\` (docker run --cap-drop ALL).`,
);
export const NO_NEW_PRIVILEGES = auditCheck(
  'no-new-privileges',
  (names) =>
    `Start ${names} with \`security_opt: [no-new-privileges:true]\` (docker run --security-opt no-new-privileges).`,
);
export const PIDS_LIMIT = auditCheck(
  'pids-limit',
  (names) => `Give ${names} a pids limit: \`pids_limit: 256\` (docker run --pids-limit 256).`,
);
export const MEMORY_LIMIT = auditCheck(
  'memory-limit',
  (names) => `Give ${names} a memory limit: \`mem_limit: 2g\` (docker run --memory 2g).`,
);
export const CPU_LIMIT = auditCheck(
  'cpu-limit',
  (names) => `Give ${names} a CPU limit: \`cpus: 1\` (docker run --cpus 1).`,
);
export const DOCKER_SOCKET = auditCheck(
  'docker-socket',
  (names) =>
    `Remove the Docker socket mount from ${names}: a project in the worker could drive the engine, which is root on the host.`,
);
export const PRIVILEGED = auditCheck('privileged', (names) => `Start ${names} without \`privileged\`.`);
export const CACHE_VOLUME = auditCheck(
  'cache-volume',
  (names) =>
    `Mount the shared named uv cache volume at the cache folder of ${names} (\`uv-cache:/home/worker/.cache/uv\`), not an anonymous volume, a bind mount or nothing.`,
);
export const UV_CACHE_DIR = auditCheck(
  'uv-cache-dir',
  (names) =>
    `Set \`UV_CACHE_DIR\` in ${names} to the mount point of the cache volume, so uv uses the volume whatever the user's HOME.`,
);
export const CACHE_VOLUME_SHARED = auditCheck(
  'cache-volume-shared',
  (names) =>
    `Mount the one volume the other workers share at the uv cache folder of ${names}: a cache of their own is never warm.`,
);
export const CACHE_MOUNTS = auditCheck('cache-mounts');
export const EXPECTED_IMAGE = auditCheck(
  'expected-image',
  (names) => `Restart ${names} on the expected image.`,
);
// The audit's scaffolders (scaffolder-filters): no worker check, this one instead.
export const SCAFFOLDER_CACHE_VOLUME = auditCheck('scaffolder-cache-volume');

/** A worker's checks, in the order they are listed. */
export const WORKER_CHECKS: readonly AuditCheck[] = [
  WORKER_USER,
  CAP_DROP_ALL,
  NO_NEW_PRIVILEGES,
  PIDS_LIMIT,
  MEMORY_LIMIT,
  CPU_LIMIT,
  DOCKER_SOCKET,
  PRIVILEGED,
  CACHE_VOLUME,
  UV_CACHE_DIR,
  CACHE_VOLUME_SHARED,
  CACHE_MOUNTS,
  EXPECTED_IMAGE,
];

// Across hosts (audit over several engines, hosts.ts): facts no one engine has.
export const IMAGE_DRIFT = auditCheck(
  'image-drift',
  () =>
    'Pull the newest image on the hosts named above and recreate their workers from it (docker compose pull && docker compose up -d).',
);
export const CACHE_VOLUME_HOSTS = auditCheck('cache-volume-hosts');

/** The rules across the audited hosts, in the order they are listed. */
export const HOST_CHECKS: readonly AuditCheck[] = [IMAGE_DRIFT, CACHE_VOLUME_HOSTS];

/** Every audit check: the workers', the scaffolders', then the hosts'. */
export const AUDIT_CHECKS: readonly AuditCheck[] = [
  ...WORKER_CHECKS,
  SCAFFOLDER_CACHE_VOLUME,
  ...HOST_CHECKS,
];
