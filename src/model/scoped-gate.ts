// A report of many runs names each run's failures by its scope: a merged matrix
// `<cell>:<gate>`, an audit over several engines `<host>:<gate>`. The one place
// that joins a scope to a gate and splits it off again, so a scoped failure
// finds its gate's remedy and family.
import type { Report } from './report.js';

export function scopedGate(scope: string, gate: string): string {
  return `${scope}:${gate}`;
}

/** The scopes a report names failures by: its cells' ids, its hosts. */
export function gateScopes(report: Report): string[] {
  return [...(report.cells ?? []).map((c) => c.id), ...(report.hosts ?? []).map((h) => h.host)];
}

/**
 * The scope and the gate as its own run named it; no scope when none of `scopes`
 * prefixes it. The longest scope wins: a host holds colons of its own (tcp://h:2376).
 */
export function splitScope(gate: string, scopes: readonly string[]): { scope?: string; gate: string } {
  const scope = scopes.filter((s) => gate.startsWith(`${s}:`)).sort((a, b) => b.length - a.length)[0];
  return scope === undefined ? { gate } : { scope, gate: gate.slice(scope.length + 1) };
}
