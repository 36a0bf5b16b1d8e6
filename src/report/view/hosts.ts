// An audit over several engines as every renderer shows it: the fleet table
// (one row per host: where it is, which engine answered, how many workers,
// its verdict, failures and warnings, the images its workers run), the rules
// across hosts, and each host's own audit as the one-engine audit shows it.
// Reads report.hosts and report.checks only.
import type { AuditHost, Report, Verdict } from '../../model/report.js';
import { shortImageId } from '../../model/text.js';
import { type AuditView, auditView } from './audit.js';
import { type CheckView, checkView, shownOrder } from './checks.js';

export interface HostRowView {
  host: string;
  endpoint: string;
  context?: string;
  /** The engine that answered: its name and ID (docker info's; absent when none did). */
  engineName?: string;
  engineId?: string;
  workers: number;
  verdict: Verdict;
  failures: number;
  warnings: number;
  /** `ref (short id)`, each image the host's workers run, once. */
  images: string[];
  /** Why the host could not be audited, and what to do. */
  error?: string;
}

export interface HostSectionView {
  host: string;
  audit: AuditView;
}

export interface HostsView {
  rows: HostRowView[];
  /** The rules across hosts (image-drift, cache-volume-hosts): failed first. */
  rules: CheckView[];
  /** Each audited host's own audit, in the table's order. */
  sections: HostSectionView[];
}

const ORDER: Record<Verdict, number> = { error: 0, fail: 1, pass: 2 };

function rowOf(host: AuditHost): HostRowView {
  const containers = host.audit?.containers ?? [];
  const workers = containers.filter((c) => c.role !== 'scaffolder');
  const images = [...new Set(workers.map((c) => `${c.image.ref} (${shortImageId(c.image.id)})`))];
  const row: HostRowView = {
    host: host.host,
    endpoint: host.engine.endpoint,
    workers: workers.length,
    verdict: host.verdict,
    failures: host.failures.length,
    warnings: containers.flatMap((c) => c.checks).filter((k) => k.status === 'warn').length,
    images,
  };
  if (host.engine.context) row.context = host.engine.context;
  if (host.engine.name) row.engineName = host.engine.name;
  if (host.engine.id) row.engineId = host.engine.id;
  if (host.error)
    row.error = host.error.detail ? `${host.error.message}\n${host.error.detail}` : host.error.message;
  return row;
}

/** A host's audit seen as a one-engine audit's Report: its own failures, so each check finds its remedy. */
function sectionOf(report: Report, host: AuditHost): HostSectionView | undefined {
  if (!host.audit) return undefined;
  const audit = auditView({ ...report, audit: host.audit, failures: host.failures, verdict: host.verdict });
  return audit && { host: host.host, audit };
}

/** `1 of 3 hosts failed its audit, 1 could not be audited; image-drift failed across hosts`: the headline. */
export function hostsWhat(report: Report): string {
  const hosts = report.hosts ?? [];
  const count = (v: Verdict) => hosts.filter((h) => h.verdict === v).length;
  const of = (n: number) => `${n} of ${hosts.length} host${hosts.length === 1 ? '' : 's'}`;
  const rules = report.checks.filter((c) => c.status === 'fail').map((c) => c.id);
  const parts: string[] = [];
  if (count('fail') > 0) parts.push(`${of(count('fail'))} failed the audit`);
  if (count('error') > 0)
    parts.push(`${parts.length > 0 ? count('error') : of(count('error'))} could not be audited`);
  const across = rules.length > 0 ? `${rules.join(', ')} failed across hosts` : '';
  if (parts.length === 0) return across || `every host passed the audit (${hosts.length})`;
  return [parts.join(', '), across].filter(Boolean).join('; ');
}

export function hostsView(report: Report): HostsView | undefined {
  if (!report.hosts) return undefined;
  // Errors first, then failures, then passes; a stable sort keeps the order they were named in.
  const hosts = [...report.hosts].sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict]);
  return {
    rows: hosts.map(rowOf),
    rules: shownOrder(report.checks.map((c) => checkView(report, c))),
    sections: hosts.flatMap((h) => sectionOf(report, h) ?? []),
  };
}
