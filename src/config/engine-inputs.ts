// The inputs only the engine can judge, checked right after connecting and
// before the first build or container: every problem at once, as resolveConfig
// does for the rest. `image` and `baseline-image` the engine lacks are pulled
// here (a pull is neither); one that cannot be pulled is the problem. The
// engine is seen through a narrow view, so this stage stays free of Docker.

import type { Command } from '../model/command.js';
import type { Config } from './config.js';
import { type Problem, throwProblems } from './validate.js';

export interface EngineView {
  /** The engine's CPU count (`docker info`: NCPU). */
  cpuCount(): Promise<number>;
  /** Undefined when the engine has the image or has just pulled it; else why it cannot (one line). */
  obtainImage(ref: string, input: ImageInput): Promise<string | undefined>;
}

type ImageInput = 'image' | 'baseline-image' | 'scaffolder-image';

const startsWorkers = (command: Command, config: Config): boolean =>
  command === 'e2e' || (command === 'verify' && !config.skipE2e);

/** The problems the engine's answers reveal (pure, for tests). */
export function engineInputProblems(
  command: Command,
  config: Config,
  /** missingImages: ref → why the engine cannot have it. */
  facts: { cpuCount: number; missingImages: ReadonlyMap<string, string> },
): Problem[] {
  const problems: Problem[] = [];
  if (startsWorkers(command, config) && config.cpus > facts.cpuCount) {
    const input = config.spelled.cpus;
    problems.push({
      message: `${input} is ${config.cpus}, but the engine has ${facts.cpuCount} CPU${facts.cpuCount === 1 ? '' : 's'}: give at most ${facts.cpuCount}`,
      input,
    });
  }
  for (const [ref, name] of usedImages(command, config)) {
    const why = facts.missingImages.get(ref);
    if (why === undefined) continue;
    const input = config.spelled[name];
    problems.push({ message: `${input}: ${why}`, input });
  }
  return problems;
}

/** The images this command uses: `baseline-image` only where the contract compares with it. */
function usedImages(command: Command, config: Config): Array<[string, ImageInput]> {
  const images: Array<[string | undefined, ImageInput]> = [
    [config.image, 'image'],
    [command === 'check' || command === 'verify' ? config.baselineImage : undefined, 'baseline-image'],
    [startsWorkers(command, config) ? config.scaffolderImage : undefined, 'scaffolder-image'],
  ];
  return images.filter((entry): entry is [string, ImageInput] => entry[0] !== undefined);
}

/** Throws InputError listing every input the engine refutes. */
export async function checkEngineInputs(command: Command, config: Config, engine: EngineView): Promise<void> {
  const images = new Map<string, ImageInput>();
  for (const [ref, name] of usedImages(command, config)) if (!images.has(ref)) images.set(ref, name);
  const refs = [...images.keys()];
  const [cpuCount, whys] = await Promise.all([
    engine.cpuCount(),
    Promise.all(refs.map((ref) => engine.obtainImage(ref, images.get(ref) ?? 'image'))),
  ]);
  const missingImages = new Map<string, string>();
  refs.forEach((ref, i) => {
    const why = whys[i];
    if (why !== undefined) missingImages.set(ref, why);
  });
  throwProblems(engineInputProblems(command, config, { cpuCount, missingImages }));
}
