// The build stage: Dockerfile + context + build args + tag → an image, or a
// failure that names the instruction and shows the end of its output.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { OptionName } from '../config/options.js';
import { runBuild } from '../docker/build-stream.js';
import { packContext } from '../docker/context.js';
import type { Engine } from '../docker/engine-api.js';
import { pullImage } from '../docker/pull.js';
import { readRegistryAuths } from '../docker/registry-auth.js';
import { InfraError, InputError } from '../model/errors.js';
import type { InspectedImage } from '../model/facts/image.js';
import type { Log } from '../model/log.js';
import type { BuildStep, Failure, ReportBuild, ReportImage } from '../model/report.js';
import { truncate } from '../model/text.js';
import type { RunProcess } from '../process/run.js';
import type { ResolvedBackend } from './backend.js';
import { buildContextsRefusal } from './build-contexts.js';
import type { BuildkitVertex } from './buildkit-progress.js';
import { buildSteps, stepInstruction } from './buildkit-steps.js';
import { type BuildOptions, runBuildx } from './buildx.js';
import { globalArgs, type Instruction, parseDockerfile, referencedImages } from './dockerfile.js';
import { heredocProblem, imageIdBases, unsupportedSyntax } from './dockerfile-syntax.js';
import { toReportImage } from './image-info.js';

export interface BuildInput {
  dockerfile: string;
  context: string;
  tag: string;
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  /** Where registry credentials come from, for base images the engine must pull (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Runs a credential helper for such a pull, and `docker buildx`. */
  runProcess: RunProcess;
  /** Which builder, and why (resolveBackend). */
  backend: ResolvedBackend;
  /** What the user asked of the build besides (target, cache, pull, secrets); default none. */
  options?: BuildOptions;
  /** The options as the user spelled them (`--build-context`, `build-contexts input`), for messages. */
  spelled?: Readonly<Record<OptionName, string>>;
}

const NO_OPTIONS: BuildOptions = {
  cache: true,
  pull: false,
  secrets: [],
  cacheFrom: [],
  cacheTo: [],
  buildContexts: {},
  ssh: [],
};

export type BuildResult =
  | { ok: true; image: ReportImage; facts: InspectedImage; dockerfileText: string; build: ReportBuild }
  | { ok: false; failure: Failure; build: ReportBuild };

/** What one builder made of the Dockerfile: the image's id or name, or its failure. */
type Built =
  | { ok: true; image: string; steps: BuildStep[] }
  | { ok: false; failure: Failure; steps: BuildStep[] };

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
  const file = shownPath(input.dockerfile);
  const problems = [
    ...unsupportedSyntax(instructions, input.backend.backend, file),
    ...imageIdBases(referencedImages(text, input.buildArgs), input.backend.backend, file),
  ];
  if (problems.length > 0) {
    throw new InputError(problems[0] ?? '', { input: 'dockerfile', details: problems.slice(1) });
  }
  await pullBaseImages(engine, text, input, log);
  const built =
    input.backend.backend === 'buildkit'
      ? await buildkitBuild(input, instructions, log)
      : await classicBuild(engine, input, instructions, log);
  const build: ReportBuild = {
    backend: input.backend.backend,
    backendReason: input.backend.reason,
    steps: built.steps,
  };
  if (!built.ok) return { ok: false, failure: built.failure, build };
  const facts = await engine.images.inspect(built.image);
  if (!facts) throw new InfraError(`the engine built ${built.image} but cannot inspect it`);
  if (facts.platform) build.platform = facts.platform;
  return {
    ok: true,
    image: toReportImage(input.tag, facts, {
      path: input.dockerfile,
      text,
      ...(input.options?.target ? { target: input.options.target } : {}),
    }),
    facts,
    dockerfileText: text,
    build,
  };
}

async function classicBuild(
  engine: Engine,
  input: BuildInput,
  instructions: Instruction[],
  log: Log,
): Promise<Built> {
  const options = input.options ?? NO_OPTIONS;
  const context = packContext(input.context, input.dockerfile);
  log.info(
    `building ${input.tag} from ${input.dockerfile} with the classic builder (${input.backend.reason}; context ${input.context}, ${context.files.length} files)`,
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
        ...(options.target ? { target: options.target } : {}),
        ...(options.cache ? {} : { noCache: true }),
        ...(options.pull ? { pull: true } : {}),
        ...(options.platform ? { platform: options.platform } : {}),
        onLine: (line) => log.detail(line),
      }),
    (o) => (o.error || !o.imageId ? 'the build failed' : undefined),
  );
  if (outcome.error || !outcome.imageId) {
    const error = outcome.error ?? 'the build ended without an image id';
    const step = currentStep(outcome.lines, instructions);
    if (step?.keyword === 'FROM' || BASE_IMAGE_MISSING.test(error)) {
      throw missingBaseImage(error, step, instructions, input);
    }
    return { ok: false, failure: stepFailure(error, step, outcome.lines, input), steps: [] };
  }
  return { ok: true, image: outcome.imageId, steps: [] };
}

async function buildkitBuild(input: BuildInput, instructions: Instruction[], log: Log): Promise<Built> {
  log.info(
    `building ${input.tag} from ${input.dockerfile} with BuildKit (${input.backend.reason}; context ${input.context})`,
  );
  const outcome = await log.group(
    `docker buildx build ${input.tag}`,
    () =>
      runBuildx(
        {
          dockerfile: input.dockerfile,
          context: input.context,
          tag: input.tag,
          buildArgs: input.buildArgs,
          labels: input.labels,
          ...(input.options ?? NO_OPTIONS),
        },
        { runProcess: input.runProcess, env: input.env ?? process.env, onLine: (line) => log.detail(line) },
      ),
    (o) => (o.exitCode !== 0 ? 'the build failed' : undefined),
  );
  const steps = buildSteps(outcome.vertices, instructions, input.buildArgs);
  if (outcome.exitCode === 0) return { ok: true, image: input.tag, steps };
  // BuildKit names the step that failed: its own step id says which instruction it is.
  const failed = outcome.vertices.find((v) => v.error);
  const step = failed ? stepInstruction(failed.name, instructions, input.buildArgs) : undefined;
  const error = failed?.error ?? buildxError(outcome.messages, outcome.exitCode);
  const heredoc =
    /dockerfile parse error/.test(error) && heredocProblem(instructions, shownPath(input.dockerfile));
  if (heredoc) throw new InputError(heredoc, { input: 'dockerfile', details: [error] });
  if (/unsupported frontend capability moby\.buildkit\.frontend\.contexts/.test(error)) {
    // Refused before the build when buildx names the builder's BuildKit (build-contexts.ts); this is when it does not.
    throw new InputError(
      buildContextsRefusal(input.spelled?.['build-contexts'] ?? 'build-contexts', undefined),
      {
        input: 'build-contexts',
        details: [error],
      },
    );
  }
  if (step?.keyword === 'FROM' || BASE_IMAGE_MISSING.test(error) || failed?.name.startsWith(LOAD_METADATA)) {
    throw missingBaseImage(error, step, instructions, input);
  }
  const lines = failed ? stepOutput(failed) : outcome.messages;
  return { ok: false, failure: stepFailure(error, step, lines, input), steps };
}

/** What buildx said when no step failed (a Dockerfile it cannot read, a builder it cannot reach). */
function buildxError(messages: string[], exitCode: number): string {
  const said = messages.filter((m) => /^ERROR\b/.test(m)).pop() ?? messages[messages.length - 1];
  return said?.replace(/^ERROR:\s*/, '') ?? `docker buildx build exited with ${exitCode}`;
}

function stepOutput(vertex: BuildkitVertex): string[] {
  return vertex.output.length > 0 ? vertex.output : ['(the step printed nothing)'];
}

/**
 * Base images the engine lacks are pulled first, through our credentials
 * (helpers included, which the builder's X-Registry-Config cannot carry), so a
 * pull that fails says which image, registry and why, and the build finds them.
 */
async function pullBaseImages(engine: Engine, text: string, input: BuildInput, log: Log): Promise<void> {
  const file = shownPath(input.dockerfile);
  const seen = new Set<string>();
  for (const image of referencedImages(text, input.buildArgs)) {
    // An ARG the build does not know leaves `$`: the builder reports that itself.
    if (!image.ref || image.ref.includes('$') || seen.has(image.ref)) continue;
    // A named build context (--build-context NAME=…) stands in for an image of that name.
    if (input.options?.buildContexts[image.ref] !== undefined) continue;
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

/** BuildKit's vertex that resolves a base image: failing, the image is not there. */
const LOAD_METADATA = '[internal] load metadata for ';

const BASE_IMAGE_MISSING =
  /pull access denied|manifest unknown|not found: manifest|repository does not exist|failed to resolve source metadata/;

/** A step that failed: where (its Dockerfile line, when known), the builder's error and the end of its output. */
function shownPath(dockerfile: string): string {
  return path.relative(process.cwd(), dockerfile) || dockerfile;
}

function stepFailure(
  error: string,
  step: Instruction | undefined,
  lines: string[],
  input: BuildInput,
): Failure {
  const file = shownPath(input.dockerfile);
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
  return failure;
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
