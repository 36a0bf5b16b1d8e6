import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { toolRoot } from '../../../src/config/shipped.js';
import { OUTPUT_NAMES } from '../../../src/report/outputs.js';

test('action.yml declares exactly the outputs the action sets', () => {
  const action = parse(readFileSync(path.join(toolRoot(), 'action.yml'), 'utf8')) as {
    outputs: Record<string, unknown>;
  };
  expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
});

test('action.yml runs on node24 with a main and a post step', () => {
  const action = parse(readFileSync(path.join(toolRoot(), 'action.yml'), 'utf8')) as {
    runs: Record<string, string>;
  };
  expect(action.runs).toMatchObject({ using: 'node24', main: 'dist/main.js', post: 'dist/post.js' });
});
