// The confinement every container of the code under test gets, workers and
// probes alike, as production starts its workers: no capabilities, no new
// privileges, a pids limit, memory and CPU limits.
import type { HostConfig } from './engine-api.js';

export const PIDS_LIMIT = 256;

export interface Limits {
  memoryBytes: number;
  cpus: number;
}

export function confinement(limits: Limits): HostConfig {
  return {
    CapDrop: ['ALL'],
    SecurityOpt: ['no-new-privileges'],
    PidsLimit: PIDS_LIMIT,
    Memory: limits.memoryBytes,
    NanoCpus: Math.round(limits.cpus * 1e9),
  };
}
