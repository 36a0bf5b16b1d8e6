// The CLI's standard streams as a shell sees them, from the bundled CLI
// (dist/cli.js) as a process: a reader that goes away (`| head`) ends the run
// quietly with its usual exit status, and `--report -` makes stdout the JSON
// report alone, progress staying on stderr.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, test } from 'vitest';
import { toolRoot } from '../../src/config/shipped.js';
import type { Report } from '../../src/model/report.js';
import { validateReport } from '../../src/model/report-schema.js';
import { SLIM_IMAGE } from './images.js';

interface Ran {
  code: number | null;
  out: string;
  err: string;
}

/** Run the CLI; `close` shuts that pipe's read end before the CLI has started, so before it writes. */
function runDist(args: string[], close?: 'stdout' | 'stderr'): Promise<Ran> {
  const child = spawn(process.execPath, [path.join(toolRoot(), 'dist', 'cli.js'), ...args], {
    env: { ...process.env, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (close) child[close].destroy();
  let out = '';
  let err = '';
  if (close !== 'stdout') child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  if (close !== 'stderr') child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

test('stdout closed before the help is written (`build --help | head -0`): exit 0, nothing on stderr', async () => {
  for (const command of ['build', 'verify', 'audit']) {
    const run = await runDist([command, '--help'], 'stdout');
    expect({ command, code: run.code, err: run.err }).toEqual({ command, code: 0, err: '' });
  }
});

test('stderr closed before bad input is refused: exit 2, as always, and no crash', async () => {
  const run = await runDist(['verify', '--max-image-sise', '400MB'], 'stderr');
  expect(run.code).toBe(2);
  expect(run.out).toBe('');
});

test('--report - writes the JSON report to stdout and nothing else; progress stays on stderr', async () => {
  const run = await runDist(['check', '--image', SLIM_IMAGE, '--report', '-']);
  expect(run.code, run.err).toBe(0);
  const report = JSON.parse(run.out) as Report;
  expect(validateReport(report)).toEqual([]);
  expect(report.command).toBe('check');
  expect(report.verdict).toBe('pass');
  expect(run.err).toMatch(/^worker-gate: check run wg-/);
  expect(run.err).toMatch(/worker-gate: verdict pass/);
});
