// `explain: true` in the bundled action, as GitHub runs it: what the gate would
// do, in the log, from the inputs and the workspace's .worker-gate.yml; no
// report, no outputs, no engine (DOCKER_HOST names a socket that is not there).
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { runAction } from './run-action.js';

function workspace(config: string): string {
  const ws = path.join(mkdtempSync(path.join(os.tmpdir(), 'wg-explain-action-')), 'workspace');
  mkdirSync(ws, { recursive: true });
  writeFileSync(path.join(ws, '.worker-gate.yml'), config);
  return ws;
}

const noEngine = { DOCKER_HOST: 'unix:///nonexistent/docker.sock' };

test('explain: true prints each value with its source and the gates, exits 0, writes no report', async () => {
  const ws = workspace('max-image-size: 400MB\ncomment: true\n');
  const run = await runAction({ explain: 'true', memory: '3GiB', 'skip-e2e': 'true' }, ws, noEngine);
  expect(run.code, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toMatch(/memory +3GiB +\[memory input\]/);
  expect(run.stdout).toMatch(/max-image-size +400\.0 MB .*\.worker-gate\.yml: max-image-size\]/);
  expect(run.stdout).toContain('pull-request comment, updated in place');
  expect(run.outputs).toEqual({});
  expect(existsSync(path.join(run.runnerTemp, 'worker-gate-report.json'))).toBe(false);
});

test('explain: true with bad inputs lists every problem as an error and exits 2', async () => {
  const ws = workspace('warm-runs: 0\n');
  const run = await runAction({ explain: 'true', cpus: 'many' }, ws, noEngine);
  expect(run.code).toBe(2);
  expect(run.stdout).toContain('::error::invalid cpus input "many"');
  expect(run.stdout).toContain('::error::.worker-gate.yml: invalid warm-runs');
});
