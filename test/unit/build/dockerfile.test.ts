import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyLines } from '../../../src/build/dockerfile.js';
import { toolRoot } from '../../../src/config/shipped.js';

describe('historyLines: history entries with the Dockerfile lines that made them', () => {
  // ENV at line 5, RUN 6, WORKDIR 7, COPY 8.
  const dockerfile = readFileSync(path.join(toolRoot(), 'test', 'fixtures', 'history', 'Dockerfile'), 'utf8');

  it('pairs BuildKit entries, newest first as the engine lists them', () => {
    const history = [
      'COPY app /app # buildkit',
      'WORKDIR /app',
      'RUN /bin/sh -c pip install ruff # buildkit',
      'ENV PIP_NO_CACHE_DIR=1',
      '',
    ];
    expect(historyLines(history, dockerfile)).toEqual([8, 7, 6, 5, undefined]);
  });

  it('pairs classic entries the same way', () => {
    const history = [
      `/bin/sh -c #(nop) COPY dir:${'b'.repeat(64)} in /app `,
      '/bin/sh -c #(nop) WORKDIR /app',
      '/bin/sh -c pip install ruff',
      '/bin/sh -c #(nop)  ENV PIP_NO_CACHE_DIR=1',
      '',
    ];
    expect(historyLines(history, dockerfile)).toEqual([8, 7, 6, 5, undefined]);
  });

  it("stops at the first entry whose instruction is not the step's", () => {
    const history = ['COPY app /app # buildkit', 'RUN /bin/sh -c mkdir /app # buildkit', 'ENV X=1'];
    expect(historyLines(history, dockerfile)).toEqual([8, undefined, undefined]);
  });
});
