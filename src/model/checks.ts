// Skipping a check by its id or its whole family. A leaf module: the gates
// import it, and the registry of ids (ids.ts) is built from the gates.

/** Skipped by its own id, or with its whole family (`forbid-package` skips every forbid-package:NAME). */
export function isSkipped(id: string, skipChecks: readonly string[]): boolean {
  const family = id.includes(':') ? id.slice(0, id.indexOf(':')) : id;
  return skipChecks.includes(id) || skipChecks.includes(family);
}
