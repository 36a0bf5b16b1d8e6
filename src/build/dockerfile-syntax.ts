// What a builder cannot read, found before the build starts and named by its
// line: the classic builder knows no BuildKit flags on RUN (`--mount`,
// `--network`, `--security`) and no heredocs; BuildKit's built-in Dockerfile
// frontend reads heredocs only from version 1.4 (Docker 23), and the `# syntax=`
// line that would fetch a newer one pulls an image, so a heredoc that BuildKit
// failed to read is named the same way (heredocProblem).
import type { BuildBackend } from '../model/report.js';
import type { ImageReference, Instruction } from './dockerfile.js';

const RUN_FLAG = /^--(mount|network|security)=/;
const HEREDOC = /<<-?\s*["']?[A-Za-z_][A-Za-z0-9_]*["']?/;
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/** Every instruction the backend cannot build, one line each: `Dockerfile:7 RUN --mount=…: why; what to do`. */
export function unsupportedSyntax(
  instructions: readonly Instruction[],
  backend: BuildBackend,
  file: string,
): string[] {
  const problems: string[] = [];
  for (const ins of instructions) {
    const heredoc = heredocOf(ins);
    if (heredoc && backend === 'classic') {
      problems.push(`${file}:${ins.line} ${ins.keyword} ${heredoc}: ${HEREDOC_REMEDY}`);
    }
    if (backend !== 'classic' || ins.keyword !== 'RUN') continue;
    const flags = ins.args.split(' ');
    const flag = flags
      .slice(
        0,
        flags.findIndex((word) => !word.startsWith('--')),
      )
      .find((w) => RUN_FLAG.test(w));
    if (flag) {
      problems.push(
        `${file}:${ins.line} RUN ${flag}: the classic builder cannot run it; build with BuildKit (build-backend buildkit, or auto where docker buildx is installed)`,
      );
    }
  }
  return problems;
}

const IMAGE_ID = /^(sha256:)?[0-9a-f]{64}$/;

/** Base images named by id: the classic builder finds them in the engine, BuildKit looks them up in a registry. */
export function imageIdBases(
  images: readonly ImageReference[],
  backend: BuildBackend,
  file: string,
): string[] {
  if (backend !== 'buildkit') return [];
  return images
    .filter((image) => IMAGE_ID.test(image.ref))
    .map(
      (image) =>
        `${file}:${image.line} ${image.instruction} ${image.ref}: BuildKit takes a base image by name, not by id: tag it (docker tag ${image.ref.replace(/^sha256:/, '').slice(0, 12)} NAME) and pass the name, or set build-backend classic`,
    );
}

/** A heredoc that BuildKit failed on: the build's failure names its line, whatever the frontend said about it. */
export function heredocProblem(instructions: readonly Instruction[], file: string): string | undefined {
  for (const ins of instructions) {
    const heredoc = heredocOf(ins);
    if (heredoc) return `${file}:${ins.line} ${ins.keyword} ${heredoc}: ${HEREDOC_REMEDY}`;
  }
  return undefined;
}

const HEREDOC_REMEDY =
  'neither the classic builder nor the Dockerfile frontend built into engines before Docker 23 reads heredocs (a `# syntax=` line would pull a newer one from a registry): write its commands on one RUN, joined with && and \\';

function heredocOf(ins: Instruction): string | undefined {
  if (!HEREDOC_KEYWORDS.has(ins.keyword)) return undefined;
  return HEREDOC.exec(ins.args)?.[0];
}
