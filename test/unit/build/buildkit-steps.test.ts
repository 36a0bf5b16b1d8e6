// BuildKit's step ids (`[stage 2/3] RUN …`) back to the Dockerfile's lines.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { BuildkitProgress } from '../../../src/build/buildkit-progress.js';
import { buildSteps, stepInstruction } from '../../../src/build/buildkit-steps.js';
import { parseDockerfile } from '../../../src/build/dockerfile.js';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures', 'buildkit');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

const SHIPPED_LIKE = `ARG PYTHON_IMAGE=python:3.12-slim
ARG UV_IMAGE=ghcr.io/astral-sh/uv:0.13.9
FROM \${UV_IMAGE} AS uv

FROM \${PYTHON_IMAGE}
RUN apt-get update \\
 && apt-get install -y git
COPY --from=uv /uv /uvx /usr/local/bin/
ENV A=1
USER worker
WORKDIR /workspace
ARG SOURCE=""
LABEL x=y
`;

describe('a step names its instruction', () => {
  const instructions = parseDockerfile(SHIPPED_LIKE);
  test.each([
    ['[uv 1/1] FROM ghcr.io/astral-sh/uv:0.13.9', 3],
    ['[stage-1 1/4] FROM docker.io/library/python:3.12-slim', 5],
    ['[stage-1 2/4] RUN apt-get update  && apt-get install -y git', 6],
    ['[stage-1 3/4] COPY --from=uv /uv /uvx /usr/local/bin/', 8],
    ['[stage-1 4/4] WORKDIR /workspace', 11],
    ['[linux/amd64 stage-1 3/4] COPY --from=uv /uv /uvx /usr/local/bin/', 8],
  ])('%s → line %i', (name, line) => {
    expect(stepInstruction(name, instructions)?.line).toBe(line);
  });

  test("BuildKit's own work is no step", () => {
    expect(
      stepInstruction('[internal] load metadata for docker.io/library/python:3.12-slim', instructions),
    ).toBe(undefined);
    expect(stepInstruction('exporting to image', instructions)).toBeUndefined();
  });

  test('counted differently, a step is found by its text', () => {
    expect(stepInstruction('[stage-1 3/5] WORKDIR /workspace', instructions)?.line).toBe(11);
    expect(stepInstruction('[stage-1 2/5] RUN something else', instructions)).toBeUndefined();
  });

  test('a Dockerfile of one stage names no stage', () => {
    const ins = parseDockerfile('ARG BASE_IMAGE\nFROM $BASE_IMAGE\nRUN a\nRUN b && false\n');
    expect(stepInstruction('[1/3] FROM docker.io/library/python:3.12-slim', ins)?.line).toBe(2);
    expect(stepInstruction('[3/3] RUN b && false', ins)?.line).toBe(4);
  });

  test('a stage that starts from another stage has no FROM step', () => {
    const text = 'FROM base:1 AS build\nRUN make\nFROM build\nCOPY a /a\nRUN b\n';
    const ins = parseDockerfile(text);
    expect(stepInstruction('[stage-1 1/2] COPY a /a', ins)?.line).toBe(4);
    expect(stepInstruction('[stage-1 2/2] RUN b', ins)?.line).toBe(5);
    expect(stepInstruction('[build 2/2] RUN make', ins)?.line).toBe(2);
  });
});

test("a multi-stage build's steps, from the cache, with their lines", () => {
  const progress = new BuildkitProgress(() => {});
  progress.push(fixture('cached-multistage.rawjson'));
  progress.end();
  const steps = buildSteps(progress.all(), parseDockerfile(fixture('cached-multistage.Dockerfile')));
  expect(steps.map(({ seconds: _, ...rest }) => rest)).toEqual([
    {
      name: '[base 1/2] FROM docker.io/worker-gate-standin/python:3.12-slim',
      dockerfileLine: 2,
      cached: false,
    },
    { name: '[stage-1 2/4] WORKDIR /w', dockerfileLine: 7, cached: true },
    { name: '[base 2/2] RUN echo hello > /a', dockerfileLine: 5, cached: true },
    { name: '[stage-1 3/4] COPY --from=base /a /b', dockerfileLine: 8, cached: true },
    { name: '[stage-1 4/4] RUN --mount=type=cache,target=/tmp/c echo hi', dockerfileLine: 10, cached: true },
  ]);
  expect(steps.every((s) => s.seconds >= 0)).toBe(true);
});
