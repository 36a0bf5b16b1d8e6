// Which Dockerfile instruction a BuildKit step is, from BuildKit's own step id:
// the vertex `[stage 2/3] RUN …` is the stage's second step of three. A stage is
// named by its alias (`FROM x AS uv`) or `stage-N` (N counting every FROM from 0), and not
// named at all in a Dockerfile of one stage;
// its steps are, in order, its FROM when it starts from an image (a stage that
// starts from another stage, or from scratch, has no FROM step) and each
// instruction that changes the file system (RUN, COPY, ADD, WORKDIR). ENV, USER,
// LABEL and the like are no steps: they only change the image's config.
import type { BuildStep } from '../model/report.js';
import { secondsOf } from './buildkit-progress.js';
import { expandArgs, globalArgs, type Instruction } from './dockerfile.js';

const STEP_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

// `[stage-1 2/3] RUN …`, `[linux/amd64 base 2/2] RUN …` (a platform in front when one is named),
// `[2/3] RUN …` (a Dockerfile of one stage).
const STEP_NAME = /^\[(?:(?:\S+ )?(\S+) )?(\d+)\/(\d+)\] (.*)$/s;

/** The instruction a vertex name is BuildKit's step of; undefined for BuildKit's own work (`[internal] …`). */
export function stepInstruction(
  vertexName: string,
  instructions: readonly Instruction[],
  buildArgs: Record<string, string> = {},
): Instruction | undefined {
  const match = STEP_NAME.exec(vertexName);
  if (!match) return undefined;
  const [, stageName, index = '', total = '', text = ''] = match;
  const lastStage = Math.max(...instructions.map((i) => i.stage));
  const steps = stageSteps(instructions, buildArgs).get(stageName?.toLowerCase() ?? `stage-${lastStage}`);
  if (!steps) return undefined;
  const keyword = text.split(' ', 1)[0]?.toUpperCase();
  const byPosition = steps[Number(index) - 1];
  if (steps.length === Number(total) && byPosition?.keyword === keyword) return byPosition;
  // Counted differently by another BuildKit: the instruction as written.
  return steps.find((s) => fold(`${s.keyword} ${s.args}`) === fold(text));
}

/** Each stage's steps, by the name BuildKit gives the stage (lower case). */
function stageSteps(
  instructions: readonly Instruction[],
  buildArgs: Record<string, string>,
): Map<string, Instruction[]> {
  const args = globalArgs([...instructions], buildArgs);
  const stages = new Map<string, Instruction[]>();
  const known = new Set<string>();
  let current: Instruction[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const [image = '', as, alias] = ins.args.split(' ').filter((p) => !p.startsWith('--'));
      const base = expandArgs(image, args).toLowerCase();
      current = known.has(base) || base === 'scratch' ? [] : [ins];
      stages.set(`stage-${ins.stage}`, current);
      known.add(`stage-${ins.stage}`);
      if (as?.toUpperCase() === 'AS' && alias) {
        stages.set(alias.toLowerCase(), current);
        known.add(alias.toLowerCase());
      }
    } else if (ins.stage >= 0 && STEP_KEYWORDS.has(ins.keyword)) {
      current.push(ins);
    }
  }
  return stages;
}

function fold(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface StepVertex {
  readonly name: string;
  readonly started?: string;
  readonly completed?: string;
  readonly cached?: boolean;
}

/** The Dockerfile's steps that ran (or came from the cache), in the order BuildKit started them. */
export function buildSteps(
  vertices: readonly StepVertex[],
  instructions: readonly Instruction[],
  buildArgs: Record<string, string> = {},
): BuildStep[] {
  const steps: BuildStep[] = [];
  const byStart = [...vertices].sort((a, b) => (a.started ?? '~').localeCompare(b.started ?? '~'));
  for (const v of byStart) {
    if (!STEP_NAME.test(v.name)) continue;
    const ins = stepInstruction(v.name, instructions, buildArgs);
    steps.push({
      name: v.name,
      ...(ins ? { dockerfileLine: ins.line } : {}),
      seconds: Math.round((secondsOf(v) ?? 0) * 100) / 100,
      cached: v.cached === true,
    });
  }
  return steps;
}
