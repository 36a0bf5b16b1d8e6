// The CLI's progress display as a person sees it: in a pseudo-terminal (util-linux
// `script` gives the CLI a real TTY) it redraws one status line; piped, or with
// CI set, it prints plain lines.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { toolRoot } from '../../src/config/shipped.js';
import { SLIM_IMAGE } from './images.js';

const cliJs = path.join(toolRoot(), 'dist', 'cli.js');
const args = ['check', '--image', SLIM_IMAGE, '--skip-check', 'cache-dir-writable'];

function env(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', COLUMNS: '120', ...extra };
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete out[k];
  return out;
}

test('in a pseudo-terminal the CLI redraws a status line naming the stage and its elapsed time', () => {
  expect(existsSync(cliJs)).toBe(true);
  const command = [process.execPath, cliJs, ...args].map((a) => `'${a}'`).join(' ');
  const run = spawnSync('script', ['-qefc', command, '/dev/null'], {
    encoding: 'utf8',
    env: env({ CI: undefined }),
  });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toContain('\r\x1b[2K');
  expect(run.stdout).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] \d\d:\d\d contract worker-gate-test\/slim:latest \(\d\d:\d\d\)/);
  expect(run.stdout).toMatch(/✓ contract worker-gate-test\/slim:latest \(\d+\.\d s\)/);
  expect(run.stdout).not.toContain('worker-gate: ▶');
});

test('piped, or with CI set, it prints plain lines with no cursor codes', () => {
  for (const extra of [{ CI: undefined }, { CI: 'true' }]) {
    const run = spawnSync(process.execPath, [cliJs, ...args], { encoding: 'utf8', env: env(extra) });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('worker-gate: ▶ contract worker-gate-test/slim:latest');
    expect(run.stderr).toMatch(/worker-gate: ✓ contract worker-gate-test\/slim:latest \(\d+\.\d s\)/);
    expect(run.stderr).not.toContain('\x1b[');
  }
});
