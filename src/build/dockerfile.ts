// A small Dockerfile reader: instructions with their line numbers, enough to
// point annotations at a line, list the images a build pulls from, and match
// the image history to the final stage's instructions.
import { instructionKeyword } from '../model/layers/history.js';

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
  /** Index of the build stage (-1 for global ARGs before the first FROM). */
  stage: number;
}

export function parseDockerfile(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  const out: Instruction[] = [];
  let stage = -1;
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i] ?? '';
    if (/^\s*(#.*)?$/.test(first)) continue;
    const start = i;
    let body = first;
    while (/\\\s*$/.test(body) && i + 1 < lines.length) {
      body = body.replace(/\\\s*$/, ' ');
      i++;
      const next = lines[i] ?? '';
      if (!/^\s*#/.test(next)) body += next;
    }
    const match = /^\s*([A-Za-z]+)\s*(.*)$/.exec(body);
    if (!match) continue;
    const keyword = (match[1] ?? '').toUpperCase();
    if (keyword === 'FROM') stage++;
    out.push({ keyword, args: (match[2] ?? '').replace(/\s+/g, ' ').trim(), line: start + 1, stage });
  }
  return out;
}

/** Values of ARGs declared before the first FROM, overridden by build args. */
export function globalArgs(
  instructions: Instruction[],
  buildArgs: Record<string, string>,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const ins of instructions) {
    if (ins.stage !== -1 || ins.keyword !== 'ARG') continue;
    const [name, ...rest] = ins.args.split('=');
    if (!name) continue;
    values[name] = buildArgs[name] ?? rest.join('=');
  }
  return values;
}

export function expandArgs(text: string, values: Record<string, string>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_, a, def, b) => {
      const name = (a ?? b) as string;
      return values[name] ?? def ?? '';
    },
  );
}

export interface ImageReference {
  /** The reference as written after expanding global ARGs. */
  ref: string;
  written: string;
  line: number;
  instruction: 'FROM' | 'COPY --from';
}

/** Every image the Dockerfile builds from or copies from (stage names excluded). */
export function referencedImages(text: string, buildArgs: Record<string, string> = {}): ImageReference[] {
  const instructions = parseDockerfile(text);
  const args = globalArgs(instructions, buildArgs);
  const stageNames = new Set<string>();
  const refs: ImageReference[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const parts = ins.args.split(' ').filter((p) => !p.startsWith('--'));
      const written = parts[0] ?? '';
      const ref = expandArgs(written, args);
      if (!stageNames.has(ref.toLowerCase()) && ref !== 'scratch') {
        refs.push({ ref, written, line: ins.line, instruction: 'FROM' });
      }
      if (parts[1]?.toUpperCase() === 'AS' && parts[2]) stageNames.add(parts[2].toLowerCase());
    } else if (ins.keyword === 'COPY') {
      const from = /--from=(\S+)/.exec(ins.args)?.[1];
      if (!from || /^\d+$/.test(from)) continue;
      const ref = expandArgs(from, args);
      if (!stageNames.has(ref.toLowerCase()))
        refs.push({ ref, written: from, line: ins.line, instruction: 'COPY --from' });
    }
  }
  return refs;
}

/** The instructions of the stage built (the last, or `target`) after its FROM: each one makes one history entry. */
export function finalStageSteps(text: string, target?: string): Instruction[] {
  const instructions = parseDockerfile(text);
  const named = target
    ? instructions.find(
        (i) =>
          i.keyword === 'FROM' &&
          i.args.toLowerCase().split(' ').slice(-2).join(' ') === `as ${target.toLowerCase()}`,
      )
    : undefined;
  const stage = named?.stage ?? Math.max(...instructions.map((i) => i.stage));
  return instructions.filter((i) => i.stage === stage && i.keyword !== 'FROM');
}

/**
 * Dockerfile lines for history entries (newest first, as the engine lists
 * them): the newest N entries are the final stage's N steps, in reverse order.
 * Entries are matched only while their kind agrees with the instruction.
 */
export function historyLines(
  createdBy: string[],
  dockerfileText: string,
  target?: string,
): (number | undefined)[] {
  const steps = finalStageSteps(dockerfileText, target).reverse();
  const lines: (number | undefined)[] = createdBy.map(() => undefined);
  for (let i = 0; i < steps.length && i < createdBy.length; i++) {
    const step = steps[i];
    const entry = createdBy[i] ?? '';
    if (!step) break;
    if (instructionKeyword(entry) !== step.keyword) break;
    lines[i] = step.line;
  }
  return lines;
}
