// BuildKit's rawjson progress, as buildx 0.13.1 printed it on this machine's
// engine (test/fixtures/buildkit/*.rawjson), read whole and cut anywhere.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { BuildkitProgress, secondsOf } from '../../../src/build/buildkit-progress.js';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures', 'buildkit');
const failing = readFileSync(path.join(FIXTURES, 'failing-run.rawjson'), 'utf8');
const cached = readFileSync(path.join(FIXTURES, 'cached-multistage.rawjson'), 'utf8');

function read(text: string, chunk = text.length) {
  const lines: string[] = [];
  const progress = new BuildkitProgress((line) => lines.push(line));
  for (let i = 0; i < text.length; i += chunk) progress.push(text.slice(i, i + chunk));
  progress.end();
  return { progress, lines };
}

describe('a failing RUN', () => {
  const { progress, lines } = read(failing);
  const failed = progress.all().find((v) => v.error);

  test('is the vertex that carries the error, with its output in order, both streams', () => {
    expect(failed?.name).toBe('[stage-1 3/3] RUN echo out1; echo out2 >&2; exit 3');
    expect(failed?.error).toContain('exit code: 3');
    expect(failed?.output).toEqual(['out1', 'out2']);
  });

  test("buildx's own closing line is kept apart from the steps", () => {
    expect(progress.messages).toEqual([
      'ERROR: failed to solve: executor failed running [/bin/sh -c echo out1; echo out2 >&2; exit 3]: exit code: 3',
    ]);
  });

  test('the live log reads like --progress plain', () => {
    expect(lines).toContain('#4 [base 1/2] FROM docker.io/worker-gate-standin/python:3.12-slim');
    expect(lines).toContain('#4 CACHED');
    expect(lines).toContain('#8 out1');
    expect(lines.some((l) => /^#5 DONE \d+\.\ds$/.test(l))).toBe(true);
    expect(lines).toContain(
      '#8 ERROR: executor failed running [/bin/sh -c echo out1; echo out2 >&2; exit 3]: exit code: 3',
    );
  });

  test('the same, cut into pieces of any size (a stream arrives in chunks)', () => {
    for (const size of [1, 7, 64, 1000]) {
      const cut = read(failing, size);
      expect(cut.lines).toEqual(lines);
      expect(cut.progress.all()).toEqual(progress.all());
    }
  });
});

test('steps that came from the cache say so, and take their time from BuildKit', () => {
  const { progress } = read(cached);
  const steps = progress.all().filter((v) => v.name.startsWith('[stage-1'));
  expect(steps.map((v) => [v.name, v.cached === true])).toEqual([
    ['[stage-1 2/4] WORKDIR /w', true],
    ['[stage-1 3/4] COPY --from=base /a /b', true],
    ['[stage-1 4/4] RUN --mount=type=cache,target=/tmp/c echo hi', true],
  ]);
  expect(steps.every((v) => secondsOf(v) !== undefined)).toBe(true);
});

test('a line split across two logs is one line; a last line without a newline is kept', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const vertex = { digest: 'sha256:1', name: '[stage-0 2/2] RUN x', started: '2026-01-01T00:00:00Z' };
  const { progress } = read(
    [
      JSON.stringify({ vertexes: [vertex] }),
      JSON.stringify({ logs: [{ vertex: 'sha256:1', stream: 1, data: b64('hel') }] }),
      JSON.stringify({ logs: [{ vertex: 'sha256:1', stream: 1, data: b64('lo {"}\nlast') }] }),
    ].join('\n'),
  );
  expect(progress.all()[0]?.output).toEqual(['hello {"}', 'last']);
});

test('seconds come from started and completed, and are unknown without both', () => {
  expect(secondsOf({ started: '2026-01-01T00:00:00Z', completed: '2026-01-01T00:00:01.5Z' })).toBe(1.5);
  expect(secondsOf({ started: '2026-01-01T00:00:00Z' })).toBeUndefined();
});
