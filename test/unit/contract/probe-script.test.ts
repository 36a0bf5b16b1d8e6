// The probe scripts are plain POSIX sh: run them with this host's /bin/sh
// against a folder tree made for the test (no Docker needed).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseViewOutput } from '../../../src/contract/probe-output.js';
import { probeFragments, probeScript, shQuote, splitPath } from '../../../src/contract/probe-script.js';

const root = mkdtempSync(path.join(tmpdir(), 'wg-probe-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string, mode = 0o644): string {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}

function run(text: string, env: Record<string, string> = {}): string {
  const script = probeScript([{ view: 'user', name: 'test', text }]);
  return execFileSync('/bin/sh', ['-c', script], {
    env: { PATH: '/usr/bin:/bin', HOME: root, ...env },
    encoding: 'utf8',
  });
}

describe('probe scripts under /bin/sh', () => {
  test('shQuote survives quotes and spaces', () => {
    const word = `it's a "test" $HOME`;
    expect(execFileSync('/bin/sh', ['-c', `printf %s ${shQuote(word)}`], { encoding: 'utf8' })).toBe(word);
  });

  test('every generated script is valid sh', () => {
    const fragments = probeFragments({
      require: ['uv', 'python3'],
      info: [],
      forbidCommands: ['ruff', 'py.test'],
      configPath: ['/usr/local/bin', '/usr/bin'],
    });
    for (const view of ['user', 'root'] as const) {
      execFileSync('/bin/sh', ['-n', '-c', probeScript(fragments.filter((f) => f.view === view))]);
    }
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
    const out = parseViewOutput(
      run(
        `site global ${shQuote(site)}\nsite global ${shQuote(path.join(root, 'prefix/lib64/python3.12/site-packages'))}\n`,
      ),
    );
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
      execFileSync('/bin/sh', ['-c', probeScript(fragments.filter((f) => f.view === 'user'))], {
        env: { ...env, HOME: root },
        encoding: 'utf8',
      }),
    );
    const rootView = parseViewOutput(
      execFileSync('/bin/sh', ['-c', probeScript(fragments.filter((f) => f.view === 'root'))], {
        env: { ...env, HOME: root },
        encoding: 'utf8',
      }),
    );
    expect(user.complete && rootView.complete).toBe(true);
    expect(user.versions.map((v) => [v.name, v.exitCode, v.output])).toEqual([
      ['uv', 0, 'uv 0.13.9'],
      ['broken', 3, 'no good'],
    ]);
    expect(user.missing).toEqual(['absent']);
    expect(user.resolved.get('ruff')).toBe(path.join(root, 'linked', 'ruff'));
    expect(user.cacheDir).toEqual({ path: `${root}/.cache/uv`, present: false });
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
      execFileSync('/bin/sh', ['-c', probeScript(userSites)], {
        env: { PATH: `${path.join(root, 'venv/bin')}:/usr/bin:/bin`, HOME: root },
        encoding: 'utf8',
      }),
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

  test('splitPath drops empty entries', () => {
    expect(splitPath('/a::/b:')).toEqual(['/a', '/b']);
    expect(splitPath(undefined)).toEqual([]);
  });
});
