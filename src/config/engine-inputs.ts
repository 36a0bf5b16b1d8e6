// The inputs only the engine can judge, checked right after connecting and
// before the first build or container: every problem at once, as resolveConfig
// does for the rest. The engine is seen through a narrow view, so this stage
// stays free of Docker.
import type { Config } from './config.js';
import type { Stage } from './options.js';
import { type Problem, throwProblems } from './validate.js';

export interface EngineView {
  /** The engine's CPU count (`docker info`: NCPU). */
  cpuCount(): Promise<number>;
  hasImage(ref: string): Promise<boolean>;
}

const startsWorkers = (command: Stage, config: Config): boolean =>
  command === 'e2e' || (command === 'verify' && !config.skipE2e);

/** The problems the engine's answers reveal (pure, for tests). */
export function engineInputProblems(
  command: Stage,
  config: Config,
  facts: { cpuCount: number; missingImages: ReadonlySet<string> },
): Problem[] {
  const problems: Problem[] = [];
  if (startsWorkers(command, config) && config.cpus > facts.cpuCount) {
    const input = config.spelled.cpus;
    problems.push({
      message: `${input} is ${config.cpus}, but the engine has ${facts.cpuCount} CPU${facts.cpuCount === 1 ? '' : 's'}: give at most ${facts.cpuCount}`,
      input,
    });
  }
  const images: Array<[string | undefined, 'image' | 'baseline-image']> = [
    [config.image, 'image'],
    [command === 'check' || command === 'verify' ? config.baselineImage : undefined, 'baseline-image'],
  ];
  for (const [ref, name] of images) {
    if (ref === undefined || !facts.missingImages.has(ref)) continue;
    const input = config.spelled[name];
    problems.push({
      message: `${input}: image ${ref} is not in the engine: build or load it first (docker build, docker load)`,
      input,
    });
  }
  return problems;
}

/** Throws InputError listing every input the engine refutes. */
export async function checkEngineInputs(command: Stage, config: Config, engine: EngineView): Promise<void> {
  const refs = [config.image, config.baselineImage].filter((ref) => ref !== undefined);
  const [cpuCount, present] = await Promise.all([
    engine.cpuCount(),
    Promise.all(refs.map((ref) => engine.hasImage(ref))),
  ]);
  const missingImages = new Set(refs.filter((_, i) => !present[i]));
  throwProblems(engineInputProblems(command, config, { cpuCount, missingImages }));
}
