// scripts/wipe.py run with this host's python3 on a tree shaped like the run's last volumes
// (venvs, a uv cache), with what a hostile project could leave there: links out of the
// volume, odd names. Read back as the clean-up reads it.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import WIPE_PY from '../../../../src/e2e/run/scripts/wipe.py';
import { parseRecords } from '../../../../src/model/script-records.js';

const root = mkdtempSync(path.join(tmpdir(), 'wg-wipe-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text = 'x\n'): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function wipe(...dirs: string[]) {
  const out = execFileSync('python3', ['-I', '-S', '-c', WIPE_PY, ...dirs], { encoding: 'utf8' });
  return parseRecords(out).map((r) => `${r.kind} ${r.text}`.trim());
}

describe('wipe.py', () => {
  test('empties each folder it is given, deep trees and odd names included, and keeps the folder itself', () => {
    const cache = path.join(root, 'cache');
    const workspace = path.join(root, 'workspace');
    for (let d = 0; d < 40; d++)
      for (let f = 0; f < 5; f++) write(path.join(cache, 'archive-v0', `h${d}`, 'pkg', `m${f}.py`));
    write(path.join(workspace, 'project/.venv/lib/python3.12/site-packages/six.py'));
    write(path.join(workspace, 'project/name with space\nand newline'));
    write(path.join(workspace, 'project/.git/HEAD'));
    const records = wipe(cache, workspace);
    expect(readdirSync(cache)).toEqual([]);
    expect(readdirSync(workspace)).toEqual([]);
    expect(records.at(-1)).toBe('done');
    expect(records[0]).toMatch(/^wiped \d+ 0$/);
  });

  test("a service's venv deep in the project is split into its packages, so that the rm's share it", () => {
    const workspace = path.join(root, 'services');
    const site = 'project/services/billing/.venv/lib/python3.12/site-packages';
    for (let p = 0; p < 100; p++) write(path.join(workspace, site, `pkg${p}`, '__init__.py'));
    const [wiped] = wipe(workspace);
    // Each package (or deeper) a path of its own: at least one per package.
    expect(Number(wiped?.split(' ')[1])).toBeGreaterThanOrEqual(100);
    expect(readdirSync(workspace)).toEqual([]);
  });

  test('links are deleted, never followed: what they point at stays', () => {
    const outside = path.join(root, 'outside');
    write(path.join(outside, 'keep.txt'), 'keep\n');
    const volume = path.join(root, 'volume');
    mkdirSync(path.join(volume, 'a'), { recursive: true });
    symlinkSync(outside, path.join(volume, 'a', 'to-folder'));
    symlinkSync(path.join(outside, 'keep.txt'), path.join(volume, 'to-file'));
    wipe(volume);
    expect(readdirSync(volume)).toEqual([]);
    expect(existsSync(path.join(outside, 'keep.txt'))).toBe(true);
  });

  test('a folder that is not there is nothing to do, not a failure', () => {
    expect(wipe(path.join(root, 'missing'))).toEqual(['wiped 0 0', 'done']);
  });

  test('--wait: nothing is deleted until SIGUSR1 comes, then the same', async () => {
    const volume = path.join(root, 'waiting');
    write(path.join(volume, 'project/.venv/bin/python'));
    const child = spawn('python3', ['-I', '-S', '-c', WIPE_PY, '--wait', volume], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise((r) => setTimeout(r, 500));
    expect(existsSync(path.join(volume, 'project/.venv/bin/python'))).toBe(true);
    expect(child.exitCode).toBeNull();
    child.kill('SIGUSR1');
    expect(await exited).toBe(0);
    expect(readdirSync(volume)).toEqual([]);
    expect(parseRecords(out).map((r) => `${r.kind} ${r.text}`.trim())).toEqual(['wiped 1 0', 'done']);
  });
});
