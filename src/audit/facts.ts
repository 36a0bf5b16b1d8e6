// What the audit knows about one live worker: its container's inspect data and,
// where the user's uid or HOME depends on it, the image's /etc/passwd. Read
// only: no exec in the worker, no change to it.
import type { ContainerInfo, Engine } from '../docker/engine-api.js';
import { readImageFile } from '../docker/image-file.js';
import { envToRecord } from '../docker/images.js';
import type { AuditMount } from '../model/report.js';
import { needsPasswd, type PasswdEntry, parsePasswd } from './passwd.js';

export interface WorkerFacts {
  id: string;
  name: string;
  imageRef: string;
  imageId: string;
  /** When the image was built (the engine's image inspect): which of two images is the newer. */
  imageCreated?: string;
  user: string;
  env: Record<string, string>;
  workingDir: string;
  capDrop: string[];
  capAdd: string[];
  securityOpt: string[];
  pidsLimit: number;
  memoryBytes: number;
  nanoCpus: number;
  cpuQuota: number;
  cpuPeriod: number;
  cpusetCpus: string;
  privileged: boolean;
  mounts: AuditMount[];
  /** The image's /etc/passwd; undefined when not needed or not there. */
  passwd?: PasswdEntry[];
}

const ANONYMOUS = /^[0-9a-f]{64}$/;

export function mountOf(m: ContainerInfo['Mounts'][number]): AuditMount {
  const mount: AuditMount = { type: m.Type, destination: m.Destination };
  if (m.Type === 'volume' && m.Name) {
    mount.name = m.Name;
    mount.anonymous = ANONYMOUS.test(m.Name);
  } else if (m.Source) mount.source = m.Source;
  return mount;
}

/** The facts of one inspected container, with the passwd of its image when given. */
export function factsOf(info: ContainerInfo, passwd?: PasswdEntry[]): WorkerFacts {
  const host = info.HostConfig;
  const facts: WorkerFacts = {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    imageRef: info.Config.Image,
    imageId: info.Image,
    user: info.Config.User ?? '',
    env: envToRecord(info.Config.Env),
    workingDir: info.Config.WorkingDir ?? '',
    capDrop: host.CapDrop ?? [],
    capAdd: host.CapAdd ?? [],
    securityOpt: host.SecurityOpt ?? [],
    pidsLimit: host.PidsLimit ?? 0,
    memoryBytes: host.Memory ?? 0,
    nanoCpus: host.NanoCpus ?? 0,
    cpuQuota: host.CpuQuota ?? 0,
    cpuPeriod: host.CpuPeriod ?? 0,
    cpusetCpus: host.CpusetCpus ?? '',
    privileged: host.Privileged === true,
    mounts: (info.Mounts ?? []).map(mountOf),
  };
  if (passwd) facts.passwd = passwd;
  return facts;
}

/**
 * Inspect each container, once per image its creation date, and, once per image
 * that needs it, read the image's /etc/passwd (see readImageFile). A container
 * gone between list and inspect is left out (`onGone` says so).
 */
export async function gatherFacts(
  engine: Engine,
  ids: readonly string[],
  runId: string,
  onGone: (id: string) => void,
): Promise<WorkerFacts[]> {
  const passwdByImage = new Map<string, Promise<PasswdEntry[] | undefined>>();
  const passwdOf = (image: string) => {
    let entry = passwdByImage.get(image);
    if (!entry) {
      entry = readImageFile(engine, image, '/etc/passwd', runId).then((t) =>
        t === undefined ? undefined : parsePasswd(t),
      );
      passwdByImage.set(image, entry);
    }
    return entry;
  };
  const createdByImage = new Map<string, Promise<string | undefined>>();
  const createdOf = (image: string) => {
    let entry = createdByImage.get(image);
    if (!entry) {
      entry = engine.images.inspect(image).then((facts) => facts?.created);
      createdByImage.set(image, entry);
    }
    return entry;
  };
  const out: WorkerFacts[] = [];
  for (const id of ids) {
    let info: ContainerInfo;
    try {
      info = await engine.containers.get(id).inspect();
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
      onGone(id);
      continue;
    }
    const env = envToRecord(info.Config.Env);
    const passwd = needsPasswd(info.Config.User ?? '', env) ? await passwdOf(info.Image) : undefined;
    const facts = factsOf(info, passwd);
    const created = await createdOf(info.Image);
    if (created) facts.imageCreated = created;
    out.push(facts);
  }
  return out;
}
