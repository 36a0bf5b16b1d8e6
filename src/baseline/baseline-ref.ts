// baseline-ref: build the same Dockerfile at a git ref (the base branch) in a
// temporary worktree, in the same run, and measure it beside the image under
// test; the worktree and the baseline image are removed afterwards.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedBackend } from '../build/backend.js';
import { buildImage } from '../build/build.js';
import type { BuildOptions } from '../build/buildx.js';
import type { Engine } from '../docker/engine-api.js';
import { removeImage } from '../docker/images.js';
import { runLabels } from '../docker/labels.js';
import { InfraError, InputError } from '../model/errors.js';
import type { BaselineImage } from '../model/facts/baseline.js';
import type { Log } from '../model/log.js';
import type { RunProcess } from '../process/run.js';
import { type Git, hostGit } from './git.js';
import { makeWorktreeDir } from './worktrees.js';

export interface BaselineRefInput {
  ref: string;
  dockerfile: string;
  context: string;
  buildArgs: Record<string, string>;
  runId: string;
  /** The repository and commit, when locateBaselineRef found them before the run started. */
  located?: LocatedRef;
  /** Runs git (the run's deadline, abort and redactor) and pulls the base images. */
  runProcess: RunProcess;
  /** The builder the image under test was built with: the baseline is built the same way. */
  backend: ResolvedBackend;
  /** The image under test's build options (target, cache, pull, secrets). */
  options: BuildOptions;
}

export interface LocatedRef {
  repo: string;
  commit: string;
}

/** The repository holding the Dockerfile and the commit `ref` names: bad input (no engine needed) when either is missing. */
export async function locateBaselineRef(dockerfile: string, ref: string, git: Git): Promise<LocatedRef> {
  const repo = await repositoryOf(git, dockerfile);
  return { repo, commit: await resolveRef(git, repo, ref) };
}

/** The baseline image, built; `dispose` removes the image and the worktree. */
export interface BuiltBaseline {
  baseline: BaselineImage;
  imageId: string;
  dispose: () => Promise<void>;
}

/** The commit a ref names, trying the remote-tracking branch too (actions/checkout has no local base branch). */
export async function resolveRef(git: Git, repo: string, ref: string): Promise<string> {
  for (const candidate of [ref, `origin/${ref}`, `refs/remotes/origin/${ref}`]) {
    const out = await git(['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`], repo);
    if (out.code === 0 && out.stdout) return out.stdout;
  }
  const shallow = await git(['rev-parse', '--is-shallow-repository'], repo);
  if (shallow.stdout === 'true') {
    throw new InputError(
      `baseline-ref "${ref}" is not in this clone, which is shallow (actions/checkout fetches one commit by default): set fetch-depth: 0 on actions/checkout, or run git fetch origin ${ref} before worker-gate`,
      { input: 'baseline-ref' },
    );
  }
  throw new InputError(
    `baseline-ref "${ref}" names no commit in ${repo}: fetch it first (git fetch origin ${ref}) or name a branch, tag or commit that exists`,
    { input: 'baseline-ref' },
  );
}

export async function repositoryOf(git: Git, dockerfile: string): Promise<string> {
  const top = await git(['rev-parse', '--show-toplevel'], path.dirname(dockerfile));
  if (top.code !== 0 || !top.stdout) {
    throw new InputError(
      `baseline-ref needs the Dockerfile in a git repository; ${dockerfile} is not in one`,
      {
        input: 'baseline-ref',
      },
    );
  }
  return top.stdout;
}

/** Where a path inside `repo` lies in the worktree; undefined when it is outside the repository. */
export function inWorktree(repo: string, worktree: string, file: string): string | undefined {
  const rel = path.relative(repo, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return path.join(worktree, rel);
}

export async function buildBaselineAtRef(
  engine: Engine,
  input: BaselineRefInput,
  log: Log,
  git: Git = hostGit(input.runProcess),
): Promise<BuiltBaseline> {
  const { repo, commit } = input.located ?? (await locateBaselineRef(input.dockerfile, input.ref, git));
  const worktree = makeWorktreeDir(input.runId);
  const added = await git(['worktree', 'add', '--detach', worktree, commit], repo);
  if (added.code !== 0) {
    rmSync(worktree, { recursive: true, force: true });
    throw new InfraError(
      `git could not check out baseline-ref ${input.ref} (${commit.slice(0, 12)}) into a worktree`,
      added.stderr,
    );
  }
  const tag = `worker-gate-baseline/${path.basename(path.dirname(input.dockerfile)).toLowerCase() || 'worker'}:${input.runId}`;
  let imageId: string | undefined;
  const dispose = async (): Promise<void> => {
    await removeImage(engine, tag).catch((err: unknown) =>
      log.warn(`could not remove the baseline image ${tag}: ${String(err)}`),
    );
    await git(['worktree', 'remove', '--force', worktree], repo);
    rmSync(worktree, { recursive: true, force: true });
    await git(['worktree', 'prune'], repo);
  };
  try {
    const dockerfile = inWorktree(repo, worktree, input.dockerfile);
    const context = inWorktree(repo, worktree, input.context);
    if (!dockerfile || !context) {
      throw new InputError(
        `baseline-ref needs the Dockerfile and its context inside the repository ${repo} (they are rebuilt from ${input.ref})`,
        { input: 'baseline-ref' },
      );
    }
    if (!existsSync(dockerfile)) {
      throw new InputError(
        `baseline-ref ${input.ref} has no ${path.relative(repo, input.dockerfile)}: there is nothing to compare with (leave baseline-ref out for this change)`,
        { input: 'baseline-ref' },
      );
    }
    log.info(`baseline: ${path.relative(repo, input.dockerfile)} at ${input.ref} (${commit.slice(0, 12)})`);
    const result = await buildImage(
      engine,
      {
        dockerfile,
        context,
        tag,
        buildArgs: input.buildArgs,
        labels: runLabels(input.runId),
        runProcess: input.runProcess,
        backend: input.backend,
        options: input.options,
      },
      log,
    );
    if (!result.ok) {
      throw new InfraError(
        `the baseline at ${input.ref} does not build, so there is nothing to compare with`,
        result.failure.message,
      );
    }
    imageId = result.image.id;
    const facts = await engine.images.inspect(imageId);
    if (!facts) throw new InfraError(`the baseline image ${imageId} vanished from the engine`);
    const baseline: BaselineImage = {
      source: 'ref',
      origin: input.ref,
      ref: tag,
      sizeBytes: result.image.sizeBytes,
      layers: result.image.layers,
    };
    return { baseline, imageId, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}
