// A worker's facts as the audit reads them, shaped like production's
// (the worker spec the audit checks against); each test drifts one thing.
import type { WorkerFacts } from '../../../src/audit/facts.js';
import { parsePasswd } from '../../../src/audit/passwd.js';

export const PASSWD = parsePasswd(
  'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nworker:x:1000:1000::/home/worker:/bin/bash\n',
);

export function worker(drift: Partial<WorkerFacts> = {}): WorkerFacts {
  return {
    id: 'a'.repeat(64),
    name: 'worker-1',
    imageRef: 'worker:1.4.2',
    imageId: `sha256:${'b'.repeat(64)}`,
    user: 'worker',
    env: { UV_CACHE_DIR: '/home/worker/.cache/uv', PATH: '/usr/bin' },
    workingDir: '/workspace',
    capDrop: ['ALL'],
    capAdd: [],
    securityOpt: ['no-new-privileges'],
    pidsLimit: 256,
    memoryBytes: 2 * 2 ** 30,
    nanoCpus: 1e9,
    cpuQuota: 0,
    cpuPeriod: 0,
    cpusetCpus: '',
    privileged: false,
    mounts: [
      { type: 'volume', name: 'uv-cache', anonymous: false, destination: '/home/worker/.cache/uv' },
      { type: 'volume', name: 'workspace-1', anonymous: false, destination: '/workspace' },
    ],
    passwd: PASSWD,
    ...drift,
  };
}
