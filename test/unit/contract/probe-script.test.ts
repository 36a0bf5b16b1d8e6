// The probe is plain POSIX sh (scripts/probe.sh): run it with this host's /bin/sh
// against a folder tree made for the test (no Docker needed).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseViewOutput } from '../../../src/contract/probe-output.js';
import { probeCommand, probeFragments, splitPath, viewCommand } from '../../../src/contract/probe-script.js';

const root = mkdtempSync(path.join(tmpdir(), 'wg-probe-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string, mode = 0o644): string {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}

/** Run a probe command with this host's sh: the command's own /bin/sh -c PROGRAM ARGS. */
function exec(command: readonly string[], env: Record<string, string>): string {
  const [shell, ...args] = command;
  return execFileSync(shell ?? '/bin/sh', args, { env, encoding: 'utf8', stdio: 'pipe' });
}

function run(args: string[], env: Record<string, string> = {}): string {
  return exec(probeCommand(args), { PATH: '/usr/bin:/bin', HOME: root, ...env });
}

describe('probe scripts under /bin/sh', () => {
  test('a command name with quotes, spaces and $ goes in as an argument, unchanged', () => {
    const word = `it's a "test" $HOME`;
    expect(parseViewOutput(run(['version', word])).missing).toEqual([word]);
  });

  test('an unknown step stops the probe before its end', () => {
    expect(() => run(['no-such-step'])).toThrow(/unknown step no-such-step/);
  });

  test('site prints header blocks, egg-info files and requires.txt, each folder once', () => {
    const site = path.join(root, 'prefix/lib/python3.12/site-packages');
    write(
      'prefix/lib/python3.12/site-packages/PyYAML-6.0.2.dist-info/METADATA',
      'Name: PyYAML\nVersion: 6.0.2\n\nlong description\nName: not-this\n',
    );
    write('prefix/lib/python3.12/site-packages/tool-1.egg-info/PKG-INFO', 'Name: tool\n');
    write('prefix/lib/python3.12/site-packages/tool-1.egg-info/requires.txt', 'PyYAML\n[test]\npytest\n');
    write('prefix/lib/python3.12/site-packages/six-1.16.0.egg-info', 'Name: six\nVersion: 1.16.0\n');
    symlinkSync(path.join(root, 'prefix/lib'), path.join(root, 'prefix/lib64'));
    // The user's site, then the same prefix as a venv on PATH (lib and lib64): read once.
    write('prefix/pyvenv.cfg', 'home = /usr/bin\n');
    write('prefix/bin/python', '', 0o755);
    const prefix = path.join(root, 'prefix');
    const out = parseViewOutput(
      run(['user-sites'], { PYTHONUSERBASE: prefix, PATH: `${prefix}/bin:/usr/bin:/bin` }),
    );
    expect(out.complete).toBe(true);
    expect(out.sites).toHaveLength(1);
    const byFile = Object.fromEntries(out.metadata.map((m) => [path.relative(site, m.file), m]));
    expect(Object.keys(byFile).sort()).toEqual([
      'PyYAML-6.0.2.dist-info/METADATA',
      'six-1.16.0.egg-info',
      'tool-1.egg-info/PKG-INFO',
    ]);
    expect(byFile['PyYAML-6.0.2.dist-info/METADATA']?.headers).toEqual(['Name: PyYAML', 'Version: 6.0.2']);
    expect(byFile['tool-1.egg-info/PKG-INFO']?.requiresTxt).toEqual(['PyYAML', '[test]', 'pytest']);
  });

  test('versions, missing commands and forbidden executables by their real folder', () => {
    write('bin/uv', '#!/bin/sh\necho "uv 0.13.9"\n', 0o755);
    write('bin/broken', '#!/bin/sh\necho "no good" >&2\nexit 3\n', 0o755);
    write('real/ruff', '#!/bin/sh\n', 0o755);
    symlinkSync(path.join(root, 'real'), path.join(root, 'linked'));
    const fragments = probeFragments({
      require: ['uv', 'broken', 'absent'],
      info: [],
      forbidCommands: ['ruff'],
      configPath: [path.join(root, 'linked')],
    });
    const env = { PATH: `${path.join(root, 'bin')}:${path.join(root, 'linked')}:/usr/bin:/bin` };
    const user = parseViewOutput(
      exec(viewCommand(fragments.filter((f) => f.view === 'user')), { ...env, HOME: root }),
    );
    const rootView = parseViewOutput(
      exec(viewCommand(fragments.filter((f) => f.view === 'root')), { ...env, HOME: root }),
    );
    expect(user.complete && rootView.complete).toBe(true);
    expect(user.versions.map((v) => [v.name, v.exitCode, v.output])).toEqual([
      ['uv', 0, 'uv 0.13.9'],
      ['broken', 3, 'no good'],
    ]);
    expect(user.missing).toEqual(['absent']);
    expect(user.resolved.get('ruff')).toBe(path.join(root, 'linked', 'ruff'));
    expect(user.identity?.home).toBe(root);
    expect(user.env).toEqual({});
    expect(rootView.executables).toEqual([{ name: 'ruff', path: path.join(root, 'real', 'ruff') }]);
  });

  test("a venv on the user's PATH is found by its pyvenv.cfg", () => {
    write('venv/pyvenv.cfg', 'home = /usr/bin\n');
    write('venv/bin/python', '', 0o755);
    write('venv/lib/python3.12/site-packages/mypy-1.0.dist-info/METADATA', 'Name: mypy\n');
    const userSites = probeFragments({ require: [], info: [], forbidCommands: [], configPath: [] }).filter(
      (f) => f.name === 'user-site-packages',
    );
    const out = parseViewOutput(
      exec(viewCommand(userSites), { PATH: `${path.join(root, 'venv/bin')}:/usr/bin:/bin`, HOME: root }),
    );
    expect(out.sites).toEqual([
      {
        kind: 'venv',
        path: path.join(root, 'venv/lib/python3.12/site-packages'),
        venv: path.join(root, 'venv'),
      },
    ]);
    expect(out.metadata.map((m) => m.headers)).toEqual([['Name: mypy']]);
  });

  test("global site-packages of a PATH folder's prefix, as /opt/conda/bin gives /opt/conda/lib", () => {
    write('conda/lib/python3.12/site-packages/numpy-2.0.dist-info/METADATA', 'Name: numpy\nVersion: 2.0\n');
    write('conda/bin/python3', '', 0o755);
    const out = parseViewOutput(run(['global-sites', `/nonexistent:${path.join(root, 'conda/bin')}`]));
    const ours = out.sites.filter((s) => s.path.startsWith(root));
    expect(ours).toEqual([{ kind: 'global', path: path.join(root, 'conda/lib/python3.12/site-packages') }]);
    expect(out.metadata.filter((m) => m.file.startsWith(root)).map((m) => m.headers)).toEqual([
      ['Name: numpy', 'Version: 2.0'],
    ]);
  });

  test('the cache folder TypeScript resolved: missing, or present with its mode and owner', () => {
    const dir = path.join(root, 'cache dir');
    expect(parseViewOutput(run(['cache-dir', dir])).cacheDir).toEqual({ path: dir, present: false });
    mkdirSync(dir, { mode: 0o750 });
    chmodSync(dir, 0o750);
    const uid = process.getuid?.();
    expect(parseViewOutput(run(['cache-dir', dir])).cacheDir).toEqual({
      path: dir,
      present: true,
      mode: 'drwxr-x---',
      uid,
      gid: process.getgid?.(),
    });
  });

  test('cache-env reports the variables of the cache folder rule only when they are set', () => {
    expect(parseViewOutput(run(['cache-env'], { UV_CACHE_DIR: '/c d', XDG_CACHE_HOME: '' })).env).toEqual({
      UV_CACHE_DIR: '/c d',
      XDG_CACHE_HOME: '',
    });
    expect(parseViewOutput(run(['cache-env'])).env).toEqual({});
  });

  test('splitPath drops empty entries', () => {
    expect(splitPath('/a::/b:')).toEqual(['/a', '/b']);
    expect(splitPath(undefined)).toEqual([]);
  });
});
