// The build stage: Dockerfile + context + build args + tag → an image, or a
// failure that names the instruction and shows the end of its output.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { runBuild } from '../docker/build-stream.js';
import { packContext } from '../docker/context.js';
import type { Engine } from '../docker/engine-api.js';
import { pullImage } from '../docker/pull.js';
import { readRegistryAuths } from '../docker/registry-auth.js';
import { InfraError } from '../model/errors.js';
import type { InspectedImage } from '../model/facts/image.js';
import type { Log } from '../model/log.js';
import type { Failure, ReportImage } from '../model/report.js';
import { truncate } from '../model/text.js';
import type { RunProcess } from '../process/run.js';
import { globalArgs, type Instruction, parseDockerfile, referencedImages } from './dockerfile.js';
import { toReportImage } from './image-info.js';

export interface BuildInput {
  dockerfile: string;
  context: string;
  tag: string;
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  /** Where registry credentials come from, for base images the engine must pull (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Runs a credential helper for such a pull. */
  runProcess: RunProcess;
}

export type BuildResult =
  | { ok: true; image: ReportImage; facts: InspectedImage; dockerfileText: string }
  | { ok: false; failure: Failure };

const TAIL_LINES = 30;

export async function buildImage(engine: Engine, input: BuildInput, log: Log): Promise<BuildResult> {
  if (!existsSync(input.dockerfile) || !statSync(input.dockerfile).isFile()) {
    throw new InfraError(`Dockerfile not found: ${input.dockerfile} (--dockerfile / dockerfile input)`);
  }
  if (!existsSync(input.context) || !statSync(input.context).isDirectory()) {
    throw new InfraError(`build context is not a folder: ${input.context} (--context / context input)`);
  }
  const text = readFileSync(input.dockerfile, 'utf8');
  const instructions = parseDockerfile(text);
  await pullBaseImages(engine, text, input, log);
  const context = packContext(input.context, input.dockerfile);
  log.info(
    `building ${input.tag} from ${input.dockerfile} (context ${input.context}, ${context.files.length} files)`,
  );
  const outcome = await log.group(
    `docker build ${input.tag}`,
    () =>
      runBuild(engine, {
        context: context.stream,
        dockerfile: context.dockerfileInContext,
        tag: input.tag,
        buildArgs: input.buildArgs,
        labels: input.labels,
        registryAuth: readRegistryAuths(input.env),
        onLine: (line) => log.detail(line),
      }),
    (o) => (o.error || !o.imageId ? 'the build failed' : undefined),
  );
  if (outcome.error || !outcome.imageId) {
    return classifyFailure(
      outcome.error ?? 'the build ended without an image id',
      outcome.lines,
      instructions,
      input,
    );
  }
  const facts = await engine.images.inspect(outcome.imageId);
  if (!facts) throw new InfraError(`the engine built ${outcome.imageId} but cannot inspect it`);
  return {
    ok: true,
    image: toReportImage(input.tag, facts, { path: input.dockerfile, text }),
    facts,
    dockerfileText: text,
  };
}

/**
 * Base images the engine lacks are pulled first, through our credentials
 * (helpers included, which the builder's X-Registry-Config cannot carry), so a
 * pull that fails says which image, registry and why, and the build finds them.
 */
async function pullBaseImages(engine: Engine, text: string, input: BuildInput, log: Log): Promise<void> {
  const file = path.relative(process.cwd(), input.dockerfile) || input.dockerfile;
  const seen = new Set<string>();
  for (const image of referencedImages(text, input.buildArgs)) {
    // An ARG the build does not know leaves `$`: the builder reports that itself.
    if (!image.ref || image.ref.includes('$') || seen.has(image.ref)) continue;
    seen.add(image.ref);
    if (await engine.images.inspect(image.ref)) continue;
    log.info(`base image ${image.ref} is not in the engine: pulling it`);
    const argName = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(image.written)?.[1];
    await pullImage(
      engine,
      image.ref,
      { log, env: input.env ?? process.env, runProcess: input.runProcess },
      {
        what: 'base image',
        where: ` (${file}:${image.line}${argName ? `, from --build-arg ${argName}` : ''})`,
      },
    );
  }
}

/** The instruction the classic builder was running: its last `Step N/M : ...` line. */
export function currentStep(lines: string[], instructions: Instruction[]): Instruction | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = /^Step (\d+)\/\d+ : /.exec(lines[i] ?? '');
    if (match) return instructions[Number(match[1]) - 1];
  }
  return undefined;
}

function classifyFailure(
  error: string,
  lines: string[],
  instructions: Instruction[],
  input: BuildInput,
): BuildResult {
  const step = currentStep(lines, instructions);
  const file = path.relative(process.cwd(), input.dockerfile) || input.dockerfile;
  if (
    step?.keyword === 'FROM' ||
    /pull access denied|manifest unknown|not found: manifest|repository does not exist/.test(error)
  ) {
    throw missingBaseImage(error, step, instructions, input);
  }
  const where = step
    ? `${file}:${step.line} ${step.keyword} ${truncate(step.args, 120, { tidy: false })}`
    : file;
  const tail = lines.slice(-TAIL_LINES).join('\n');
  const failure: Failure = {
    gate: 'build',
    message: `the build failed at ${where}: ${error}\n--- last lines of the build output ---\n${tail}`,
    file: input.dockerfile,
  };
  if (step) failure.line = step.line;
  return { ok: false, failure };
}

function missingBaseImage(
  error: string,
  step: Instruction | undefined,
  instructions: Instruction[],
  input: BuildInput,
) {
  const args = globalArgs(instructions, input.buildArgs);
  const written = step?.args.split(' ')[0] ?? '';
  const argName = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(written)?.[1];
  const image = argName ? (args[argName] ?? written) : written || 'a base image';
  const how = argName
    ? `build or load it into the engine, or pass --build-arg ${argName}=<an image the engine has>`
    : 'build or load it into the engine (docker load), or log in to its registry (docker login)';
  const where = step ? ` (${input.dockerfile}:${step.line})` : '';
  return new InfraError(
    `base image ${image} is not in the engine and cannot be pulled${where}: ${how}`,
    error,
  );
}
