// The generated Makefile's targets, read inside the worker right after scaffolding
// (read-project.sh prints make's database for NO_SUCH_GOAL),
// so a configured setup/lint/test target that does not exist fails at once with the
// names that do, instead of a "No rule to make target" deep in a phase's log.
import { InputError } from '../../model/errors.js';

/** A goal no Makefile has: make reads every makefile, prints its database and runs no recipe. */
export const NO_SUCH_GOAL = '__worker_gate_lists_targets__';

/**
 * The targets in `make -p`'s "# Files" section: rule lines not marked
 * "# Not a target:", without special (.PHONY) and pattern (%.o) rules.
 */
export function parseTargets(database: string): string[] {
  const lines = database.replace(/\r/g, '').split('\n');
  const start = lines.indexOf('# Files');
  const targets = new Set<string>();
  if (start < 0) return [];
  let notTarget = false;
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('# Finished Make data base')) break;
    if (line === '# Not a target:') {
      notTarget = true;
      continue;
    }
    const rule = /^([^#\s:=%.][^\s:=%]*)\s*::?(?!=)/.exec(line);
    if (rule?.[1] && !notTarget && rule[1] !== NO_SUCH_GOAL) targets.add(rule[1]);
    if (line !== '' && !line.startsWith('#')) notTarget = false;
  }
  return [...targets].sort();
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Up to three targets close to `name`: a small edit away, or one name inside the other. */
export function closestTargets(name: string, targets: readonly string[]): string[] {
  const limit = Math.max(2, Math.floor(name.length / 2));
  return targets
    .map((target) => ({ target, distance: editDistance(name, target) }))
    .filter(({ target, distance }) => distance <= limit || target.includes(name) || name.includes(target))
    .sort((x, y) => x.distance - y.distance || x.target.localeCompare(y.target))
    .slice(0, 3)
    .map(({ target }) => target);
}

export type TargetInput = 'setup-target' | 'lint-target' | 'test-target';

/** The first configured target the Makefile lacks, as an InputError naming the input and the closest targets. */
export function checkTargets(
  configured: Readonly<Record<TargetInput, string>>,
  targets: readonly string[],
): void {
  for (const [input, name] of Object.entries(configured) as [TargetInput, string][]) {
    if (targets.includes(name)) continue;
    const close = closestTargets(name, targets);
    const quoted = (list: readonly string[]) => list.map((t) => `"${t}"`).join(', ');
    const advice =
      close.length === 1
        ? `it has ${quoted(close)}: set ${input}: ${close[0]}`
        : close.length > 1
          ? `it has ${quoted(close)}: set ${input} to one of them`
          : targets.length > 0
            ? `its targets are ${quoted(targets.slice(0, 12))}${targets.length > 12 ? ', …' : ''}: set ${input} to one of them`
            : 'it has no targets at all';
    throw new InputError(`${input} "${name}" is not a target of the generated Makefile; ${advice}`, {
      input,
    });
  }
}
