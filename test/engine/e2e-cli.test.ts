// Bad e2e input through the CLI: exit 2 and one clear line naming the input,
// before any container starts (the engine's lists are unchanged).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { type EngineState, engineState, expectEngineState } from './helpers.js';
import { SLIM_IMAGE } from './images.js';
import { cli } from './run-cli.js';

let engine: Engine;
let before: EngineState;
const dir = mkdtempSync(path.join(tmpdir(), 'wg-e2e-cli-'));
const notPem = path.join(dir, 'not-a-bundle.txt');
writeFileSync(notPem, 'just text, no certificate\n');

beforeAll(async () => {
  engine = await connectEngine();
  before = await engineState(engine);
});

afterAll(async () => {
  await expectEngineState(engine, before);
  rmSync(dir, { recursive: true, force: true });
});

describe('bad e2e input gives exit 2 and one clear line', () => {
  test.each([
    ['a template folder that does not exist', ['--template', path.join(dir, 'missing')], /template/],
    ['malformed data', ['--data', 'no-equals-sign'], /--data/],
    ['an unknown option', ['--frobnicate'], /frobnicate/],
    ['a ca-bundle that is not a PEM file', ['--ca-bundle', notPem], /--ca-bundle/],
    ['a ca-bundle that cannot be read', ['--ca-bundle', path.join(dir, 'nope.pem')], /--ca-bundle/],
    ['a phase-timeout of 0', ['--phase-timeout', '0'], /--phase-timeout/],
    ['warm-runs 0', ['--warm-runs', '0'], /--warm-runs/],
    ['negative warm-runs', ['--warm-runs', '-2'], /--warm-runs/],
    ['an unknown cache-layout', ['--cache-layout', 'mixed'], /--cache-layout.*separate.*shared.*both/],
    ['a negative max-warm-setup-seconds', ['--max-warm-setup-seconds', '-1'], /--max-warm-setup-seconds/],
    ['a negative min-setup-speedup', ['--min-setup-speedup', '-1'], /--min-setup-speedup/],
    ['a negative max-layout-ratio', ['--max-layout-ratio', '-0.5'], /--max-layout-ratio/],
  ])('%s', async (_name, args, names) => {
    const run = await cli(['e2e', '--image', SLIM_IMAGE, ...args], { cwd: dir });
    expect(run.code).toBe(2);
    const first = run.err.trim().split('\n')[0] ?? '';
    expect(first).toMatch(names);
    expect(first.length).toBeLessThan(300);
  });
});
