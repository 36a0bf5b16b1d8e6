// Which layer of the baseline image each layer of the image under test is
// "the same step" as, from the two lists of instructions alone.
//
// The rule: identical instructions pair in order, as a longest common
// subsequence, so an inserted or removed instruction shifts nothing else.
// Between two such anchors, the leftover instructions of the two images pair
// up, in order, when they are the same kind (RUN with RUN, COPY with COPY) and
// their words are at least half shared (Dice coefficient ≥ 0.5): an edited
// line pairs with its old self. The rest are new (image under test) or gone
// (baseline).
import { instructionOf, MESSAGE_FORM } from './history.js';

const SIMILAR = 0.5;

function words(createdBy: string): { kind: string; words: Set<string> } {
  const [kind = '', ...rest] = instructionOf(createdBy, MESSAGE_FORM).split(/\s+/);
  return { kind, words: new Set(rest) };
}

/** Dice coefficient of two instructions' words; 0 when they are different kinds of instruction. */
export function similarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.kind !== y.kind) return 0;
  if (x.words.size + y.words.size === 0) return 1;
  let shared = 0;
  for (const w of x.words) if (y.words.has(w)) shared += 1;
  return (2 * shared) / (x.words.size + y.words.size);
}

/** Index pairs [current, baseline] of a longest common subsequence of equal items. */
function commonSubsequence(
  current: readonly string[],
  baseline: readonly string[],
  score: (i: number, j: number) => number,
): [number, number][] {
  const n = current.length;
  const m = baseline.length;
  // best[i][j]: the best total score aligning current[i..] with baseline[j..].
  const best = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = best[i] as number[];
      const s = score(i, j);
      const paired = s > 0 ? s + ((best[i + 1] as number[])[j + 1] ?? 0) : 0;
      row[j] = Math.max(paired, (best[i + 1] as number[])[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = score(i, j);
    const here = (best[i] as number[])[j] ?? 0;
    if (s > 0 && here === s + ((best[i + 1] as number[])[j + 1] ?? 0)) {
      pairs.push([i, j]);
      i += 1;
      j += 1;
    } else if (here === ((best[i + 1] as number[])[j] ?? 0)) i += 1;
    else j += 1;
  }
  return pairs;
}

/**
 * For each layer of `current` (instructions oldest first), the index of the
 * baseline layer it pairs with, or undefined for a new one.
 */
export function pairLayers(current: readonly string[], baseline: readonly string[]): (number | undefined)[] {
  const out: (number | undefined)[] = new Array(current.length).fill(undefined);
  const anchors = commonSubsequence(current, baseline, (i, j) => (current[i] === baseline[j] ? 1 : 0));
  const bounds: [number, number][] = [[-1, -1], ...anchors, [current.length, baseline.length]];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [ci, bi] = bounds[k] as [number, number];
    const [cj, bj] = bounds[k + 1] as [number, number];
    if (ci >= 0) out[ci] = bi;
    const gapCurrent = current.slice(ci + 1, cj);
    const gapBaseline = baseline.slice(bi + 1, bj);
    if (gapCurrent.length === 0 || gapBaseline.length === 0) continue;
    const edited = commonSubsequence(gapCurrent, gapBaseline, (i, j) => {
      const s = similarity(gapCurrent[i] ?? '', gapBaseline[j] ?? '');
      return s >= SIMILAR ? s : 0;
    });
    for (const [i, j] of edited) out[ci + 1 + i] = bi + 1 + j;
  }
  return out;
}
