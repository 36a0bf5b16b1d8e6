import { describe, expect, it } from 'vitest';
import { describeLayer } from '../../../../src/contract/describe.js';
import { instructionKeyword, instructionOf, MESSAGE_FORM } from '../../../../src/model/layers/history.js';

describe('instructionOf, as the reports show it', () => {
  it.each([
    ['/bin/sh -c #(nop)  USER worker', 'USER worker'],
    [
      '/bin/sh -c #(nop) COPY multi:5b1c7e0d2f9a4e63b8c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9 in /usr/local/bin/ ',
      'COPY multi:5b1c7e0d2f9a… in /usr/local/bin/',
    ],
    ['/bin/sh -c apt-get update  && apt-get install -y git', 'RUN apt-get update && apt-get install -y git'],
    ['|2 PYTHON_IMAGE=python:3.12-slim UV_IMAGE=uv:0.13.9 /bin/sh -c useradd worker', 'RUN useradd worker'],
    ['RUN /bin/sh -c set -eux; \tapt-get update # buildkit', 'RUN set -eux; apt-get update'],
    ['ENV PYTHON_VERSION=3.12.8', 'ENV PYTHON_VERSION=3.12.8'],
  ])('%s → %s', (createdBy, instruction) => {
    expect(instructionOf(createdBy)).toBe(instruction);
  });
});

// What BuildKit writes (dockerfile2llb): the instruction itself, ` # buildkit` after
// the ones that make a layer from a build step (RUN, COPY, ADD), nothing after the others.
const BUILDKIT = [
  ['RUN /bin/sh -c pip install ruff # buildkit', 'RUN pip install ruff'],
  ['RUN |1 PIP_CERT=/etc/ssl/certs/ca.crt /bin/sh -c pip install ruff # buildkit', 'RUN pip install ruff'],
  ['RUN python -c print(1) # buildkit', 'RUN python -c print(1)'],
  ['COPY app /app # buildkit', 'COPY app /app'],
  ['COPY --chown=worker /uv /uvx /bin/ # buildkit', 'COPY --chown=worker /uv /uvx /bin/'],
  ['ADD https://example.invalid/x.tar.gz /opt/ # buildkit', 'ADD https://example.invalid/x.tar.gz /opt/'],
  ['WORKDIR /app', 'WORKDIR /app'],
  ['ENV PIP_NO_CACHE_DIR=1', 'ENV PIP_NO_CACHE_DIR=1'],
  ['ARG PIP_CERT=/etc/ssl/certs/ca.crt', 'ARG PIP_CERT=/etc/ssl/certs/ca.crt'],
  ['USER worker', 'USER worker'],
  ['CMD ["python3"]', 'CMD ["python3"]'],
] as const;

describe('instructionOf, BuildKit form', () => {
  it.each(BUILDKIT)('%s → %s, in reports and in messages alike', (createdBy, instruction) => {
    expect(instructionOf(createdBy)).toBe(instruction);
    expect(instructionOf(createdBy, MESSAGE_FORM)).toBe(instruction);
  });

  it("names the layer in a message once, without the builder's marks", () => {
    const layer = {
      createdBy: 'RUN /bin/sh -c pip install ruff # buildkit',
      sizeBytes: 1,
      dockerfileLine: 3,
    };
    expect(describeLayer(layer, 'Dockerfile')).toBe('`RUN pip install ruff` at Dockerfile:3');
  });
});

describe('instructionOf, classic form', () => {
  it.each([
    ['/bin/sh -c #(nop) WORKDIR /app', 'WORKDIR /app'],
    ['/bin/sh -c #(nop)  ENV PIP_NO_CACHE_DIR=1', 'ENV PIP_NO_CACHE_DIR=1'],
    ['|1 PIP_CERT=/etc/ssl/certs/ca.crt /bin/sh -c #(nop)  USER worker', 'USER worker'],
    ['python -c print(1)', 'RUN python -c print(1)'],
    ['/bin/bash -c #(nop)  CMD ["bash"]', 'CMD ["bash"]'],
  ])('%s → %s', (createdBy, instruction) => {
    expect(instructionOf(createdBy, MESSAGE_FORM)).toBe(instruction);
  });

  it('keeps whole content hashes in messages and shortens them in reports', () => {
    const hash = 'a'.repeat(64);
    const createdBy = `/bin/sh -c #(nop) COPY file:${hash} in /app `;
    expect(instructionOf(createdBy, MESSAGE_FORM)).toBe(`COPY file:${hash} in /app`);
    expect(instructionOf(createdBy)).toBe('COPY file:aaaaaaaaaaaa… in /app');
  });

  it('says which form an entry with no instruction is shown in', () => {
    expect(instructionOf('')).toBe('(base image layer, no instruction recorded)');
    expect(instructionOf('  ', MESSAGE_FORM)).toBe('(no instruction recorded: an imported layer)');
    expect(instructionKeyword('')).toBeUndefined();
  });
});

describe('instructionOf', () => {
  it.each([
    ['/bin/sh -c #(nop)  COPY multi:abc in /usr/local/bin/ ', 'COPY multi:abc in /usr/local/bin/'],
    ['/bin/sh -c #(nop)  USER worker', 'USER worker'],
    ['|1 PIP_CERT=/etc/ssl/certs/ca.crt /bin/sh -c pip install ruff', 'RUN pip install ruff'],
    ['/bin/sh -c apt-get update  && apt-get install -y git', 'RUN apt-get update && apt-get install -y git'],
    ['', '(no instruction recorded: an imported layer)'],
  ])('%j → %j', (createdBy, text) => {
    expect(instructionOf(createdBy, MESSAGE_FORM)).toBe(text);
  });
});
