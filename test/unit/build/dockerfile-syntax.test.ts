// What a builder cannot read, named by its line before the build starts.
import { expect, test } from 'vitest';
import { parseDockerfile, referencedImages } from '../../../src/build/dockerfile.js';
import { heredocProblem, imageIdBases, unsupportedSyntax } from '../../../src/build/dockerfile-syntax.js';

const TEXT = `FROM base
RUN --mount=type=cache,target=/root/.cache/uv uv sync
RUN echo --mount=not-a-flag
RUN --network=none make
COPY <<EOF /etc/motd
hello
EOF
RUN cat /etc/motd
`;
const ins = parseDockerfile(TEXT);

test('the classic builder refuses every BuildKit flag on RUN and every heredoc, each by its line, with the remedy', () => {
  const problems = unsupportedSyntax(ins, 'classic', 'images/w/Dockerfile');
  expect(problems).toHaveLength(3);
  expect(problems[0]).toBe(
    'images/w/Dockerfile:2 RUN --mount=type=cache,target=/root/.cache/uv: the classic builder cannot run it; build with BuildKit (build-backend buildkit, or auto where docker buildx is installed)',
  );
  expect(problems[1]).toMatch(
    /^images\/w\/Dockerfile:4 RUN --network=none: the classic builder cannot run it/,
  );
  expect(problems[2]).toMatch(
    /^images\/w\/Dockerfile:5 COPY <<EOF: neither the classic builder nor .* one RUN, joined with && and \\$/,
  );
});

test('BuildKit takes its flags, and leaves a heredoc to its frontend', () => {
  expect(unsupportedSyntax(ins, 'buildkit', 'Dockerfile')).toEqual([]);
});

test('a heredoc BuildKit failed on is named by its line', () => {
  expect(heredocProblem(ins, 'Dockerfile')).toMatch(/^Dockerfile:5 COPY <<EOF: /);
  expect(heredocProblem(parseDockerfile('FROM a\nRUN cat <file\n'), 'Dockerfile')).toBeUndefined();
});

test('BuildKit refuses a base image named by id, saying how to name it; the classic builder takes it', () => {
  const id = `sha256:${'ab'.repeat(32)}`;
  const images = referencedImages('ARG BASE_IMAGE\nFROM $BASE_IMAGE\nRUN true\n', { BASE_IMAGE: id });
  expect(imageIdBases(images, 'buildkit', 'Dockerfile')).toEqual([
    `Dockerfile:2 FROM ${id}: BuildKit takes a base image by name, not by id: tag it (docker tag abababababab NAME) and pass the name, or set build-backend classic`,
  ]);
  expect(imageIdBases(images, 'classic', 'Dockerfile')).toEqual([]);
});
