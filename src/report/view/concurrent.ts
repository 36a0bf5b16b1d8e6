// The concurrent-workers batches as rows, for the summary and the HTML alike:
// their setup median beside the lone warm median, the offline proof, and every
// lock uv made a worker wait for. Pure; the renderers add the markup.

import { formatRatio, formatSeconds } from '../../model/numbers.js';
import type { ConcurrentBatch, E2eReport } from '../../model/report.js';

export const CONCURRENT_HEAD = [
  'Layout',
  'Workers',
  'Concurrent setup median (min–max)',
  'Lone warm median',
  'Contention',
  'Downloads',
  'Offline proof',
];
export const LOCK_HEAD = ['Layout', 'Cache entry', 'Workers that waited', 'Longest wait'];

function workersCell(batch: ConcurrentBatch): string {
  const baseline = batch.runs.filter((r) => r.baseline).length;
  return baseline > 0 ? `${batch.workers} (${baseline} on the baseline image)` : String(batch.workers);
}

function offlineCell(batch: ConcurrentBatch): string {
  const proof = batch.offline;
  if (!proof) return '— (not run)';
  if (proof.passed) return 'passed, 0 downloads';
  const failed = proof.phases.find((p) => p.exitCode !== 0 || p.timedOut);
  return failed ? `failed (${failed.name})` : `failed (${proof.downloads ?? '?'} downloads)`;
}

export function concurrentRows(e2e: E2eReport): string[][] {
  return (e2e.concurrent ?? []).map((batch) => {
    const s = batch.setupSeconds;
    return [
      batch.layout,
      workersCell(batch),
      s
        ? `${formatSeconds(s.median)} (${formatSeconds(s.min)}–${formatSeconds(s.max)})`
        : '— (no setup passed)',
      formatSeconds(batch.loneWarmMedianSeconds),
      formatRatio(batch.contentionRatio),
      batch.downloads === undefined ? '—' : String(batch.downloads),
      offlineCell(batch),
    ];
  });
}

/** How the e2e ran, in words: where copier's cache was, and the variables changed for every phase. */
export function e2eSettings(e2e: E2eReport): string[] {
  const out: string[] = [];
  // With roles, the roles' lines say where the scaffolder cached (roles.ts).
  if (e2e.scaffoldCache && !e2e.scaffolder)
    out.push(
      e2e.scaffoldCache === 'own'
        ? 'scaffolded on a uv cache of its own'
        : "scaffolded on the workers' cache",
    );
  if (e2e.agentEnv?.set.length) out.push(`env set: ${e2e.agentEnv.set.join(', ')}`);
  if (e2e.agentEnv?.unset.length) out.push(`env unset: ${e2e.agentEnv.unset.join(', ')}`);
  return out;
}

/** Every lock wait of every batch; empty when no worker waited. */
export function lockRows(e2e: E2eReport): string[][] {
  return (e2e.concurrent ?? []).flatMap((batch) =>
    batch.lockWaits.map((w) => [
      batch.layout,
      w.entry,
      `${w.workers} of ${batch.workers}`,
      formatSeconds(w.longestSeconds),
    ]),
  );
}
