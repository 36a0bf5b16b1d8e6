// The worker spec (how production must start a worker container), check by
// check, on one worker's facts: pure, so every rule is tested without an engine.
import { formatNumber, formatRatio, formatSeconds } from '../model/numbers.js';
import type { Check } from '../model/report.js';
import { shortImageId as short } from '../model/text.js';
import { formatBytes } from '../model/units.js';
import { type CacheDir, describeMount, describeOrigin, mountHolding } from './cache-dir.js';
import {
  type AuditCheck,
  CACHE_MOUNTS,
  CACHE_VOLUME,
  CAP_DROP_ALL,
  CPU_LIMIT,
  DOCKER_SOCKET,
  EXPECTED_IMAGE,
  MEMORY_LIMIT,
  NO_NEW_PRIVILEGES,
  PIDS_LIMIT,
  PRIVILEGED,
  UV_CACHE_DIR,
  WORKER_USER,
} from './catalogue.js';
import type { WorkerFacts } from './facts.js';
import { resolveUser } from './passwd.js';

const pass = ({ id }: AuditCheck, detail: string): Check => ({ id, status: 'pass', detail });
const warn = ({ id }: AuditCheck, detail: string): Check => ({ id, status: 'warn', detail });
const fail = ({ id }: AuditCheck, detail: string): Check => ({ id, status: 'fail', detail });

/** The gate a failed audit check is recorded under: the check, then the worker (`pids-limit:worker-3`). */
export function auditGate(checkId: string, containerName: string): string {
  return `${checkId}:${containerName}`;
}

export function userCheck(facts: WorkerFacts): Check {
  const user = resolveUser(facts.user, facts.passwd);
  const name = facts.user || 'root (no user set)';
  if (user.uid === undefined) {
    return warn(
      WORKER_USER,
      `runs as ${facts.user}, which is not in the image's /etc/passwd: its uid cannot be told without running something in the worker`,
    );
  }
  if (user.uid === 0)
    return fail(WORKER_USER, `runs as ${name}, uid 0: start workers as the image's non-root user`);
  return pass(WORKER_USER, `runs as ${name} (uid ${user.uid})`);
}

export function capDropCheck(facts: WorkerFacts): Check {
  const dropsAll = facts.capDrop.some((c) => /^(CAP_)?ALL$/i.test(c));
  if (!dropsAll) {
    const dropped =
      facts.capDrop.length > 0 ? `drops only ${facts.capDrop.join(', ')}` : 'drops no capability';
    return fail(CAP_DROP_ALL, `${dropped}: drop them all (cap_drop: [ALL], docker run --cap-drop ALL)`);
  }
  if (facts.capAdd.length > 0)
    return warn(CAP_DROP_ALL, `drops ALL but adds back ${facts.capAdd.join(', ')}`);
  return pass(CAP_DROP_ALL, 'drops every capability');
}

export function noNewPrivilegesCheck(facts: WorkerFacts): Check {
  const opt = facts.securityOpt.find((o) => /^no-new-privileges(?:[:=](?:true|false))?$/i.test(o));
  if (opt && !/false$/i.test(opt)) return pass(NO_NEW_PRIVILEGES, `security option ${opt}`);
  return fail(
    NO_NEW_PRIVILEGES,
    `${opt ? `security option ${opt}` : 'no no-new-privileges security option'}: a setuid binary in the image can gain privileges (security_opt: [no-new-privileges:true])`,
  );
}

export function pidsCheck(facts: WorkerFacts): Check {
  if (facts.pidsLimit > 0) return pass(PIDS_LIMIT, `at most ${facts.pidsLimit} processes`);
  return fail(
    PIDS_LIMIT,
    'no pids limit: one fork bomb in a project can exhaust the host’s process table (pids_limit: 256, docker run --pids-limit 256)',
  );
}

function memoryText(bytes: number): string {
  if (bytes % 2 ** 30 === 0) return `${bytes / 2 ** 30} GiB`;
  if (bytes % 2 ** 20 === 0) return `${bytes / 2 ** 20} MiB`;
  return formatBytes(bytes);
}

export function memoryCheck(facts: WorkerFacts): Check {
  if (facts.memoryBytes > 0) return pass(MEMORY_LIMIT, `memory limit ${memoryText(facts.memoryBytes)}`);
  return fail(
    MEMORY_LIMIT,
    'no memory limit: one project can take the host’s memory from every other worker (mem_limit: 2g)',
  );
}

export function cpuCheck(facts: WorkerFacts): Check {
  if (facts.nanoCpus > 0) return pass(CPU_LIMIT, `${formatNumber(facts.nanoCpus / 1e9, 2)} CPUs`);
  if (facts.cpuQuota > 0) {
    const period = facts.cpuPeriod > 0 ? facts.cpuPeriod : 100_000;
    return pass(
      CPU_LIMIT,
      `${formatNumber(facts.cpuQuota / period, 2)} CPUs (CPU quota ${facts.cpuQuota}/${period})`,
    );
  }
  if (facts.cpusetCpus) return pass(CPU_LIMIT, `pinned to CPUs ${facts.cpusetCpus}`);
  return fail(CPU_LIMIT, 'no CPU limit: one busy project slows every other worker on the host (cpus: 1)');
}

// The socket itself, or a host folder that holds it.
const SOCKET = /(?:^|\/)(?:docker|containerd)\.sock$/;
const SOCKET_FOLDERS = new Set(['/', '/var', '/var/run', '/run', '/run/docker', '/var/run/docker']);

export function socketCheck(facts: WorkerFacts): Check {
  const found = facts.mounts.filter(
    (m) =>
      SOCKET.test(m.destination) ||
      (m.type === 'bind' &&
        m.source !== undefined &&
        (SOCKET.test(m.source) || SOCKET_FOLDERS.has(m.source))),
  );
  if (found.length === 0) return pass(DOCKER_SOCKET, 'no Docker socket mounted');
  return fail(
    DOCKER_SOCKET,
    `the Docker socket is reachable through ${found.map(describeMount).join(', ')}: a project in the worker can drive the engine, which is root on the host; remove that mount`,
  );
}

export function privilegedCheck(facts: WorkerFacts): Check {
  if (!facts.privileged) return pass(PRIVILEGED, 'not privileged');
  return fail(
    PRIVILEGED,
    'runs privileged: every device and capability of the host; never start a worker so',
  );
}

export function cacheVolumeCheck(facts: WorkerFacts, dir: CacheDir): Check {
  const at = `uv's cache ${dir.path} (${describeOrigin(dir, facts.user)})`;
  if (dir.relative)
    return fail(CACHE_VOLUME, `${at} is a relative path: uv resolves it anew in each working folder`);
  const m = mountHolding(facts.mounts, dir.path);
  if (!m)
    return fail(
      CACHE_VOLUME,
      `${at} is on no mount: the cache lives and dies with this container and no other worker shares it; mount the shared named volume there`,
    );
  if (m.type !== 'volume')
    return fail(
      CACHE_VOLUME,
      `${at} is on ${describeMount(m)}, not a named volume: mount the shared uv cache volume there`,
    );
  if (m.anonymous)
    return fail(
      CACHE_VOLUME,
      `${at} is on ${describeMount(m)}: each container gets its own, so no other worker shares it; mount the named volume there`,
    );
  return pass(CACHE_VOLUME, `${at} is on ${describeMount(m)}`);
}

const TRUTHY = /^(1|true|yes|on)$/i;

export function uvCacheDirCheck(facts: WorkerFacts, dir: CacheDir): Check {
  if (facts.env.UV_NO_CACHE && TRUTHY.test(facts.env.UV_NO_CACHE))
    return fail(UV_CACHE_DIR, `UV_NO_CACHE=${facts.env.UV_NO_CACHE}: uv never uses the cache volume`);
  if (facts.env.UV_CACHE_DIR === '')
    return fail(
      UV_CACHE_DIR,
      'UV_CACHE_DIR is set but empty: uv refuses to run (a value is required for --cache-dir)',
    );
  const m = mountHolding(facts.mounts, dir.path);
  const set = facts.env.UV_CACHE_DIR;
  if (set) {
    if (dir.relative)
      return fail(UV_CACHE_DIR, `UV_CACHE_DIR=${set} is relative: give the volume's absolute path`);
    if (m) return pass(UV_CACHE_DIR, `UV_CACHE_DIR=${set} points into ${describeMount(m)}`);
    return fail(
      UV_CACHE_DIR,
      `UV_CACHE_DIR=${set} points at no mount${elsewhere(facts)}: point it at the cache volume`,
    );
  }
  const origin = describeOrigin(dir, facts.user);
  if (m) {
    return warn(
      UV_CACHE_DIR,
      `UV_CACHE_DIR is unset: uv finds ${dir.path} (${origin}) on ${describeMount(m)} by accident of the user's home; set UV_CACHE_DIR=${dir.path} so a change of user or HOME cannot move the cache off the volume`,
    );
  }
  return fail(
    UV_CACHE_DIR,
    `UV_CACHE_DIR is unset and uv's default ${dir.path} (${origin}) is on no mount${elsewhere(facts)}: set UV_CACHE_DIR to the cache volume's mount point`,
  );
}

/** The volumes a worker does mount, for a cache that points past them. */
function elsewhere(facts: WorkerFacts): string {
  const volumes = facts.mounts.filter((m) => m.type === 'volume');
  if (volumes.length === 0) return '';
  return ` (the worker mounts ${volumes.map(describeMount).join(', ')})`;
}

export interface LayoutCost {
  report: string;
  separateWarmSeconds: number;
  sharedWarmSeconds: number;
  ratio: number;
}

export function cacheMountsCheck(facts: WorkerFacts, dir: CacheDir, cost?: LayoutCost): Check {
  const workspace = facts.workingDir;
  if (!workspace || workspace === '/')
    return warn(CACHE_MOUNTS, 'no working directory is set, so where the workspace lives cannot be told');
  const cacheMount = mountHolding(facts.mounts, dir.path);
  const workspaceMount = mountHolding(facts.mounts, workspace);
  if (cacheMount === workspaceMount) {
    return pass(
      CACHE_MOUNTS,
      `the cache ${dir.path} and the workspace ${workspace} are both on ${describeMount(cacheMount)}: uv can hard-link`,
    );
  }
  const measured = cost
    ? `; measured by ${cost.report}: warm make setup ${formatSeconds(cost.separateWarmSeconds)} across two mounts against ${formatSeconds(cost.sharedWarmSeconds)} in one (${formatRatio(cost.ratio)})`
    : ' (give --baseline-report a report of e2e --cache-layout both for what that costs)';
  // A named cache volume beside the workspace is the layout the README recommends: told, not warned.
  if (cacheMount?.type === 'volume' && cacheMount.name && !cacheMount.anonymous)
    return pass(
      CACHE_MOUNTS,
      `the cache ${dir.path} is on ${describeMount(cacheMount)}, the workspace ${workspace} on ${describeMount(workspaceMount)}: the recommended layout (a named cache volume the workers share), in which uv copies each file into a venv instead of hard-linking${measured}`,
    );
  return warn(
    CACHE_MOUNTS,
    `the cache ${dir.path} is on ${describeMount(cacheMount)}, the workspace ${workspace} on ${describeMount(workspaceMount)}: two mounts, so uv cannot hard-link and copies every file into each venv${measured}`,
  );
}

export function expectedImageCheck(facts: WorkerFacts, expected: { ref: string; id: string }): Check {
  if (facts.imageId === expected.id)
    return pass(EXPECTED_IMAGE, `runs ${expected.ref} (${short(expected.id)})`);
  return fail(
    EXPECTED_IMAGE,
    `runs ${short(facts.imageId)} (started as ${facts.imageRef}), not ${expected.ref} (${short(expected.id)}): restart it on the expected image`,
  );
}
