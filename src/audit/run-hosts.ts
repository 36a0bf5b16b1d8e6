// `audit --engine E…` / `--all-contexts`: one audit per host, then the fleet's
// Report (hosts.ts). Hosts are audited one after another: an audit reads
// inspect data in seconds, and one host at a time keeps one host's clean-up
// from racing another's when two endpoints reach one engine. An engine that
// does not answer is that host's error row (runOne reports it, never throws
// for it); after Ctrl-C the hosts not yet started are error rows too.
import type { EngineTarget } from '../config/docker-contexts.js';
import { abortReason } from '../docker/guard.js';
import { describeError } from '../model/errors.js';
import type { AuditHost, Report } from '../model/report.js';
import { hostOf, hostsReport } from './hosts.js';

export interface AuditHostsInput {
  targets: readonly EngineTarget[];
  /** One engine's audit (the pipeline's, on the target's environment). */
  runOne: (target: EngineTarget) => Promise<Report>;
  signal?: AbortSignal;
  skipChecks: readonly string[];
}

export async function auditHosts(input: AuditHostsInput): Promise<Report> {
  const startedAt = new Date();
  const hosts: AuditHost[] = [];
  for (const target of input.targets) {
    if (input.signal?.aborted) {
      const { message } = describeError(abortReason(input.signal));
      const error = { message: `not audited: ${message}` };
      hosts.push(hostOf(target, { verdict: 'error', failures: [], error }));
      continue;
    }
    hosts.push(hostOf(target, await input.runOne(target)));
  }
  return hostsReport(hosts, { startedAt, skipChecks: input.skipChecks });
}
