// scripts/cache-volume.sh run with this host's sh on a temp folder, as the
// contract runs it over a fresh volume: can the user create and delete a file
// there, and who owns the folder. As root the script runs as nobody, so that a
// folder without write permission really is one the user cannot write.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseVolumeProbe, volumeCommand } from '../../../src/contract/cache-dir.js';

const root = mkdtempSync(path.join(tmpdir(), 'wg-volume-'));
chmodSync(root, 0o755);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

function check(dir: string) {
  const [shell, ...args] = volumeCommand(dir);
  const command = asRoot
    ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', shell ?? '/bin/sh', ...args]
    : [shell ?? '/bin/sh', ...args];
  const [file, ...rest] = command;
  return parseVolumeProbe(dir, execFileSync(file ?? 'sh', rest, { encoding: 'utf8', stdio: 'pipe' }));
}

const me = asRoot ? NOBODY : process.getuid?.();

describe('cache-volume.sh on a temp folder', () => {
  test('a folder the user can write: ok, and the test file is gone again', () => {
    const dir = path.join(root, 'writable');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    expect(check(dir)).toEqual({
      dir,
      outcome: 'ok',
      mode: 'drwxrwxrwx',
      ownerUid: process.getuid?.(),
      ownerGid: process.getgid?.(),
      uid: me,
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a folder the user cannot write: cannot-create, with its mode and owner', () => {
    const dir = path.join(root, 'read only');
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    expect(check(dir)).toMatchObject({ outcome: 'cannot-create', mode: 'dr-xr-xr-x', uid: me });
  });

  test('a folder that is not there: cannot-create, owner unknown', () => {
    const dir = path.join(root, 'missing');
    expect(check(dir)).toEqual({ dir, outcome: 'cannot-create', uid: me });
  });
});
