import { ValueError } from './errors.js';

/**
 * Version requirements for the commands an image must carry (`--require`), in
 * the PEP 440 style users know from pip: `NAME`, or `NAME` followed by
 * comma-separated clauses `>=, >, <=, <, ==, !=, ~=` on numeric release versions
 * (`uv>=0.9,<1`, `python3>=3.12,<3.13`, `git>=2`, `python3==3.12.*`).
 * Only release segments count: `0.13.9rc1` compares as `0.13.9`.
 */

export type Operator = '>=' | '>' | '<=' | '<' | '==' | '!=' | '~=';

export interface Clause {
  readonly op: Operator;
  /** Release segments, `0.9` → [0, 9]. */
  readonly release: readonly number[];
  /** `==3.12.*` / `!=3.12.*`: compare the prefix only. */
  readonly wildcard: boolean;
}

export interface RequireSpec {
  /** The command, as looked up on PATH in the image. */
  readonly name: string;
  /** The clauses as written, without spaces around commas (`>=0.9,<1`); '' for any version. */
  readonly range: string;
  readonly clauses: readonly Clause[];
}

export const REQUIRE_EXPECTED = 'a command NAME or NAME<range> like uv, uv>=0.9,<1 or python3==3.12.*';

// The name is run in the image (`command -v NAME`): letters, digits and . _ + - only.
const NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*/;
const CLAUSE = /^(~=|==|!=|>=|<=|>|<)\s*(\d+(?:\.\d+)*)(\.\*)?$/;

/** `uv>=0.9,<1` → { name: 'uv', range: '>=0.9,<1', clauses: [...] }. */
export function parseRequireSpec(text: string): RequireSpec {
  const trimmed = text.trim();
  const name = NAME.exec(trimmed)?.[0];
  if (!name) throw new ValueError(REQUIRE_EXPECTED);
  const rest = trimmed.slice(name.length).trim();
  const parts = rest === '' ? [] : rest.split(',').map((part) => part.trim());
  return { name, range: parts.join(','), clauses: parts.map(parseClause) };
}

function parseClause(text: string): Clause {
  const match = CLAUSE.exec(text);
  if (!match) throw new ValueError(`${REQUIRE_EXPECTED} (cannot read the clause "${text}")`);
  const op = match[1] as Operator;
  const release = (match[2] ?? '').split('.').map(Number);
  const wildcard = match[3] !== undefined;
  if (wildcard && op !== '==' && op !== '!=') {
    throw new ValueError(`${REQUIRE_EXPECTED} (".*" goes with == and != only, not "${text}")`);
  }
  if (op === '~=' && release.length < 2) {
    throw new ValueError(`${REQUIRE_EXPECTED} ("~=" needs at least two segments, like ~=0.9, not "${text}")`);
  }
  return { op, release, wildcard };
}

/** Release segments of a version string, or undefined when it does not start with one. */
export function parseRelease(version: string): number[] | undefined {
  const match = /^v?(\d+(?:\.\d+)*)/.exec(version.trim());
  return match?.[1]?.split('.').map(Number);
}

/** Whether `version` meets every clause; a version with no numbers meets none. */
export function satisfies(version: string, spec: RequireSpec | readonly Clause[]): boolean {
  const release = parseRelease(version);
  if (!release) return false;
  const clauses = 'clauses' in spec ? spec.clauses : spec;
  return clauses.every((clause) => meets(release, clause));
}

function meets(release: readonly number[], { op, release: wanted, wildcard }: Clause): boolean {
  if (wildcard) {
    const prefix = compare(release.slice(0, wanted.length), wanted) === 0;
    return op === '==' ? prefix : !prefix;
  }
  const order = compare(release, wanted);
  switch (op) {
    case '>=':
      return order >= 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '<':
      return order < 0;
    case '==':
      return order === 0;
    case '!=':
      return order !== 0;
    case '~=':
      // ~=X.Y.Z means >=X.Y.Z and ==X.Y.*
      return order >= 0 && compare(release.slice(0, wanted.length - 1), wanted.slice(0, -1)) === 0;
  }
}

/** Compare release segments with zero padding, so 3.12 == 3.12.0 (PEP 440). */
function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/**
 * The first dotted version in a `--version` output: `uv 0.13.9 (abc 2025-01-01)` →
 * `0.13.9`, `Python 3.12.1` → `3.12.1`, `git version 2.39.5` → `2.39.5`,
 * `GNU Make 4.3` → `4.3`. Digits glued to letters (`x86_64`, `ubuntu22.04`) are
 * not versions; a leading `v` is allowed.
 */
export function extractVersion(text: string): string | undefined {
  return /(?:^|[^A-Za-z0-9.])v?(\d+(?:\.\d+)+)/.exec(text)?.[1];
}
