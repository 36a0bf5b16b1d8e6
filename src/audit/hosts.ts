// The audit over several engines, judged: each host's own audit as it came
// back, and the rules no one engine can answer — image drift (a host whose
// workers run an older image of a reference than another host's) and which
// cache volume each host's workers share (a named volume lives on one engine,
// so one name on two hosts is two volumes). Pure: facts in, the fleet's
// Report out.
import type { EngineTarget } from '../config/docker-contexts.js';
import type { AuditContainer, AuditHost, Check, Report } from '../model/report.js';
import { addCheck, addFailure, finishReport, newReport } from '../model/report-building.js';
import { scopedGate } from '../model/scoped-gate.js';
import { listWords, shortImageId } from '../model/text.js';
import { CACHE_VOLUME_HOSTS, IMAGE_DRIFT } from './catalogue.js';

/** The host entry of one engine's audit Report; the target says how it was named. */
export function hostOf(
  target: Pick<EngineTarget, 'endpoint' | 'context'>,
  report: Pick<Report, 'engine' | 'verdict' | 'failures' | 'error' | 'audit'>,
): AuditHost {
  const engine = {
    ...(report.engine ?? { endpoint: target.endpoint }),
    ...(target.context ? { context: target.context } : {}),
  };
  const host: AuditHost = {
    host: target.context ?? target.endpoint,
    engine,
    verdict: report.verdict,
    failures: report.failures,
  };
  if (report.error) host.error = report.error;
  if (report.audit) host.audit = report.audit;
  return host;
}

const workersOf = (host: AuditHost): AuditContainer[] =>
  (host.audit?.containers ?? []).filter((c) => c.role !== 'scaffolder');

interface ImageSeen {
  id: string;
  created?: string;
  hosts: string[];
}

const createdAt = (image: ImageSeen) => (image.created ? Date.parse(image.created) : Number.NaN);
const day = (created: string | undefined) =>
  created ? `created ${created.slice(0, 10)}` : 'created when unknown';
const onHosts = (hosts: readonly string[]) => `on ${listWords(hosts)}`;

/** The images each reference's workers run, by host, in the hosts' order. */
function imagesByRef(hosts: readonly AuditHost[]): Map<string, ImageSeen[]> {
  const byRef = new Map<string, ImageSeen[]>();
  for (const host of hosts)
    for (const c of workersOf(host)) {
      const images = byRef.get(c.image.ref) ?? [];
      let seen = images.find((i) => i.id === c.image.id);
      if (!seen) {
        seen = { id: c.image.id, hosts: [], ...(c.image.created ? { created: c.image.created } : {}) };
        images.push(seen);
      }
      if (!seen.hosts.includes(host.host)) seen.hosts.push(host.host);
      byRef.set(c.image.ref, images);
    }
  return byRef;
}

/** One reference run as several images: which hosts run an older one than the newest, in words. */
function driftOf(ref: string, images: readonly ImageSeen[]): string {
  const dated = images.filter((i) => !Number.isNaN(createdAt(i)));
  if (dated.length < images.length) {
    const each = images.map((i) => `${shortImageId(i.id)} (${day(i.created)}) ${onHosts(i.hosts)}`);
    return `${ref} is ${images.length} images across the hosts, not all dated: ${each.join('; ')}`;
  }
  const newest = dated.reduce((a, b) => (createdAt(b) > createdAt(a) ? b : a));
  const older = images.filter((i) => i !== newest);
  const each = older.map((i) => `${onHosts(i.hosts)} ${shortImageId(i.id)} (${day(i.created)})`);
  return `${ref}: ${each.join(', ')}, older than ${shortImageId(newest.id)} (${day(newest.created)}) ${onHosts(newest.hosts)}`;
}

/** image-drift: fails when any reference's workers run different images on the hosts. */
export function imageDriftCheck(hosts: readonly AuditHost[]): Check {
  const { id } = IMAGE_DRIFT;
  const byRef = imagesByRef(hosts);
  const drifted = [...byRef].filter(([, images]) => images.length > 1);
  if (drifted.length > 0)
    return { id, status: 'fail', detail: drifted.map(([ref, images]) => driftOf(ref, images)).join('; ') };
  const audited = hosts.filter((h) => h.audit).length;
  const refs = [...byRef].map(([ref, [image]]) => `${ref} (${shortImageId(image?.id ?? '')})`);
  return {
    id,
    status: 'pass',
    detail: `the workers of the ${audited} audited host${audited === 1 ? '' : 's'} run one image per reference: ${refs.join(', ') || 'none'}`,
  };
}

/** The volume part of a cache key (`shared:/cache` → `shared`). */
const volumeOf = (key: string) => key.split(':')[0] ?? key;

/** Two endpoints with one engine ID and one root folder are one engine (two daemons on a host share the ID). */
const engineOf = (host: AuditHost) =>
  host.engine.id ? `${host.engine.id}${host.engine.rootDir ? ` at ${host.engine.rootDir}` : ''}` : host.host;

/** One volume name on several hosts: a volume per engine, and the hosts that reach one engine said so. */
function acrossHosts(volume: string, on: readonly AuditHost[]): string[] {
  const byEngine = new Map<string, string[]>();
  for (const h of on) byEngine.set(engineOf(h), [...(byEngine.get(engineOf(h)) ?? []), h.host]);
  const names = listWords(on.map((h) => h.host));
  const parts: string[] = [];
  if (byEngine.size > 1)
    parts.push(
      `${volume} on ${names} is ${byEngine.size} volumes, one per engine (a named volume lives on one engine): a cache warmed on one engine warms no other`,
    );
  for (const [id, hosts] of byEngine)
    if (hosts.length > 1)
      parts.push(`${listWords(hosts)} reach one engine (ID ${id}): their ${volume} is one volume`);
  return parts;
}

/**
 * cache-volume-hosts: per host, the volume most of its workers share and which
 * workers; a name on several engines is said to be a volume per engine. Warns when
 * a host has no volume most of its workers share (its own cache-volume-shared says why).
 */
export function cacheVolumeHostsCheck(hosts: readonly AuditHost[]): Check {
  const { id } = CACHE_VOLUME_HOSTS;
  const parts: string[] = [];
  const unshared: string[] = [];
  const hostsByVolume = new Map<string, AuditHost[]>();
  for (const host of hosts) {
    if (!host.audit) continue;
    const workers = workersOf(host);
    const key = host.audit.cacheVolume;
    if (!key) {
      unshared.push(host.host);
      parts.push(`on ${host.host}: no volume shared by most of its ${workers.length} workers`);
      continue;
    }
    const volume = volumeOf(key);
    const sharing = workers.filter((c) => c.cacheMount?.name === volume).map((c) => c.name);
    parts.push(
      `on ${host.host}: ${key}, shared by ${listWords(sharing)} (${sharing.length} of ${workers.length} workers)`,
    );
    hostsByVolume.set(volume, [...(hostsByVolume.get(volume) ?? []), host]);
  }
  for (const [volume, on] of hostsByVolume) if (on.length > 1) parts.push(...acrossHosts(volume, on));
  if (parts.length === 0) parts.push('no host was audited');
  return { id, status: unshared.length > 0 ? 'warn' : 'pass', detail: parts.join('; ') };
}

/** The fleet's Report: each host's audit, its failures as `<host>:<gate>`, the rules across hosts. */
export function hostsReport(
  hosts: readonly AuditHost[],
  options: { startedAt: Date; skipChecks: readonly string[] },
): Report {
  const report = newReport('audit', options.startedAt);
  report.hosts = [...hosts];
  for (const host of hosts)
    for (const f of host.failures) addFailure(report, { ...f, gate: scopedGate(host.host, f.gate) });
  const skipped = new Set(options.skipChecks);
  for (const check of [imageDriftCheck(hosts), cacheVolumeHostsCheck(hosts)])
    if (!skipped.has(check.id)) addCheck(report, check);
  const errored = hosts.filter((h) => h.error);
  if (errored.length > 0)
    report.error = {
      message: `${errored.length} of ${hosts.length} hosts could not be audited: ${listWords(errored.map((h) => h.host))}`,
      detail: errored.map((h) => `${h.host}: ${h.error?.message}`).join('\n'),
    };
  return finishReport(report);
}
