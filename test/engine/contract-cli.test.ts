// Bad input to `worker-gate check` ends with exit 2 and one clear line that
// names the input, before any container starts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { connectEngine } from '../../src/docker/engine.js';
import type { Engine } from '../../src/docker/engine-api.js';
import { engineState, expectEngineState } from './helpers.js';
import { SLIM_IMAGE } from './images.js';
import { cli } from './run-cli.js';

let engine: Engine;

beforeAll(async () => {
  engine = await connectEngine();
});

/** Run `check` with bad input: exit 2, the first line of stderr an error naming `named`. */
async function expectBadInput(args: string[], named: RegExp, cwd?: string): Promise<void> {
  const before = await engineState(engine);
  const run = await cli(['check', ...args], cwd ? { cwd } : {});
  expect(run.code, run.err).toBe(2);
  const [first] = run.err.split('\n');
  expect(first).toMatch(/^worker-gate: error: /);
  expect(first).toMatch(named);
  await expectEngineState(engine, before);
}

describe('worker-gate check: bad input is exit 2 with one line naming it', () => {
  test('an image the engine does not have and cannot pull', async () => {
    // A loopback port nobody listens on: the pull fails at once, with no traffic off this machine.
    const before = await engineState(engine);
    const run = await cli(['check', '--image', '127.0.0.1:1/worker-gate-test/no-such-image:1']);
    expect(run.code, run.err).toBe(2);
    const errors = run.err.split('\n').filter((l) => l.startsWith('worker-gate: error: '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /no-such-image:1 is not in the engine .*cannot be pulled from 127\.0\.0\.1:1: unreachable/,
    );
    await expectEngineState(engine, before);
  });

  test('a malformed version range', async () => {
    await expectBadInput(['--image', SLIM_IMAGE, '--require', 'uv>=zero'], /--require/);
  });

  test('a malformed size', async () => {
    await expectBadInput(['--image', SLIM_IMAGE, '--max-image-size', '10XB'], /--max-image-size/);
  });

  test('a malformed size change', async () => {
    await expectBadInput(['--image', SLIM_IMAGE, '--max-size-increase', 'ten%'], /--max-size-increase/);
  });

  test('an allowed package without its reason', async () => {
    await expectBadInput(['--image', SLIM_IMAGE, '--allow-package', 'pyyaml'], /--allow-package/);
  });

  test('an unknown key in the config file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wg-contract-cli-'));
    writeFileSync(path.join(dir, '.worker-gate.yml'), 'max-imag-size: 400MB\n');
    await expectBadInput(['--image', SLIM_IMAGE], /max-imag-size/, dir);
  });
});

test('--forbid-package boto3 adds to the eight default forbidden packages: all nine are checked on the image', async () => {
  const run = await cli(['check', '--image', SLIM_IMAGE, '--forbid-package', 'boto3', '--report', '-']);
  expect(run.code, run.err).toBe(0);
  const report = JSON.parse(run.out) as { checks: { id: string; status: string }[] };
  const packages = report.checks.filter((c) => c.id.startsWith('forbid-package:'));
  expect(packages.map((c) => c.id.slice('forbid-package:'.length))).toEqual([
    'ruff',
    'xenon',
    'pytest',
    'pytest-cov',
    'mypy',
    'pyyaml',
    'jinja2',
    'copier',
    'boto3',
  ]);
  expect(packages.every((c) => c.status === 'pass')).toBe(true);
});
