import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { explain, wantsExplain } from '../../../src/explain/explain.js';
import { cli } from '../../engine/run-cli.js';
import { PEM } from '../config/helpers.js';

// A stand-in engine on a unix socket: explain must never connect to it.
let dir: string;
let engine: Server;
let connections = 0;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'wg-explain-'));
  engine = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => engine.listen(path.join(dir, 'engine.sock'), resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => engine.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

async function explainIn(argv: string[], files: Record<string, string>) {
  const cwd = mkdtempSync(path.join(dir, 'project-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(cwd, name), text);
  const env = {
    DOCKER_HOST: `unix://${path.join(dir, 'engine.sock')}`,
    SSL_CERT_FILE: path.join(cwd, 'ca.pem'),
  };
  return { ...(await cli(argv, { cwd, env })), cwd };
}

/** The line of an option in the explanation, whitespace squeezed. */
function optionLine(text: string, name: string): string {
  const line = text.split('\n').find((l) => l.trimStart().startsWith(`${name} `));
  return (line ?? '').trim().replace(/\s+/g, ' ');
}

describe('worker-gate explain', () => {
  test('shows every value with where it came from: flag, config key, environment, default', async () => {
    const run = await explainIn(['explain', '--memory', '1GiB', '--max-wasted-bytes', '10MB', '--skip-e2e'], {
      '.worker-gate.yml': 'memory: 4GiB\nwarm-runs: 5\nmax-image-size: 400MB\ncomment: true\n',
      'ca.pem': PEM,
    });
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(optionLine(run.out, 'memory')).toBe('memory 1GiB [--memory]');
    expect(optionLine(run.out, 'warm-runs')).toBe(
      `warm-runs 5 [${path.join(run.cwd, '.worker-gate.yml')}: warm-runs]`,
    );
    expect(optionLine(run.out, 'ca-bundle')).toBe(
      `ca-bundle ${path.join(run.cwd, 'ca.pem')} [SSL_CERT_FILE]`,
    );
    expect(optionLine(run.out, 'cpus')).toBe('cpus 1 [default]');
    expect(optionLine(run.out, 'baseline-ref')).toBe('baseline-ref (unset)');
    // Stages and gates follow from the values: no end to end, the size and waste gates with their limits.
    expect(run.out).toContain('end to end: skipped (skip-e2e)');
    expect(run.out).toMatch(/max-image-size +image ≤ 400\.0 MB/);
    expect(run.out).toMatch(/max-wasted-bytes +wasted bytes ≤ 10\.0 MB/);
    expect(run.out).not.toContain('python-fits-template');
    expect(run.out).toContain('No problems found');
    expect(connections).toBe(0);
  });

  test('a bad config file and bad flags: every problem at once, one line each, exit 2, no engine', async () => {
    const run = await explainIn(['explain', '--cpus', '0'], {
      '.worker-gate.yml': 'memory: lots\nwarm-runs: 0\ncache-layout: sideways\n',
      'ca.pem': PEM,
    });
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    const lines = run.err.trimEnd().split('\n');
    expect(lines[0]).toBe('4 problem(s) in the options:');
    expect(lines.slice(1).map((l) => l.trim().split(' ').slice(0, 3).join(' '))).toEqual([
      'invalid --cpus "0":',
      '.worker-gate.yml: invalid memory',
      '.worker-gate.yml: invalid warm-runs',
      '.worker-gate.yml: invalid cache-layout',
    ]);
    expect(connections).toBe(0);
  });

  test('the forbid lists: the final list, each entry with where it came from', async () => {
    const run = await explainIn(['explain', '--forbid-package', 'boto3'], {
      '.worker-gate.yml': 'forbid-commands: [black, ruff]\n',
      'ca.pem': PEM,
    });
    expect(run.code).toBe(0);
    expect(optionLine(run.out, 'forbid-packages')).toBe(
      'forbid-packages ruff, xenon, pytest, pytest-cov, mypy, pyyaml, jinja2, copier [default] + boto3 [--forbid-package]',
    );
    expect(optionLine(run.out, 'forbid-commands')).toBe(
      `forbid-commands ruff, pytest, py.test, mypy, xenon, copier [default] + black [${path.join(run.cwd, '.worker-gate.yml')}: forbid-commands]`,
    );
    expect(run.out).toMatch(/forbid-package:pytest +/);
    expect(run.out).toMatch(/forbid-package:boto3 +/);
    const none = await explainIn(['explain', '--no-default-forbids'], { 'ca.pem': PEM });
    expect(optionLine(none.out, 'forbid-packages')).toBe('forbid-packages (none) [--default-forbids]');
    expect(none.out).not.toMatch(/forbid-package:/);
  });

  test('writes no report even when a report file is named', async () => {
    const run = await explainIn(['explain', '--report', 'r.json', '--html', 'r.html'], { 'ca.pem': PEM });
    expect(run.code).toBe(0);
    expect(run.out).toContain('report: ');
    const { existsSync } = await import('node:fs');
    expect(existsSync(path.join(run.cwd, 'r.json'))).toBe(false);
    expect(existsSync(path.join(run.cwd, 'r.html'))).toBe(false);
  });
});

describe('explain in the action', () => {
  test('explain: true is read like any boolean input; another word is left to validation', () => {
    expect(wantsExplain({ explain: 'true' })).toBe(true);
    expect(wantsExplain({ explain: 'false' })).toBe(false);
    expect(wantsExplain({})).toBe(false);
    const bad = explain({
      frontDoor: 'action',
      overrides: { explain: 'yes' },
      env: {},
      cwd: dir,
      assetsDir: dir,
    });
    expect(bad.problems).toEqual(['invalid explain input "yes": expected true or false']);
  });

  test('action inputs are named as inputs, the config file by its key', () => {
    const workspace = mkdtempSync(path.join(dir, 'ws-'));
    writeFileSync(path.join(workspace, '.worker-gate.yml'), 'comment: true\n');
    const result = explain({
      frontDoor: 'action',
      overrides: { memory: '3GiB' },
      env: { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: dir },
      cwd: dir,
      assetsDir: dir,
    });
    expect(result.problems).toEqual([]);
    const byName = new Map(result.options.map((o) => [o.name, o]));
    expect(byName.get('memory')?.source).toBe('memory input');
    expect(byName.get('comment')).toMatchObject({
      value: 'true',
      source: `${path.join(workspace, '.worker-gate.yml')}: comment`,
    });
    expect(result.stages).toContain('pull-request comment, updated in place');
  });
});
