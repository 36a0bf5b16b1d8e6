import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  CREDENTIALS_FILE,
  MAX_TEMPLATE_BYTES,
  prepareTemplate,
  splitUrlCredentials,
  TEMPLATE_BUNDLE,
} from '../../../../src/e2e/template/template-upload.js';
import { InputError } from '../../../../src/model/errors.js';
import { Redactor } from '../../../../src/model/redact.js';
import { ProcessError, processRunner } from '../../../../src/process/run.js';

const runProcess = processRunner({ timeoutSeconds: 60, redactor: new Redactor() });
const root = mkdtempSync(path.join(tmpdir(), 'wg-upload-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]): string =>
  execFileSync(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args],
    {
      cwd,
      stdio: 'pipe',
    },
  ).toString();

/** A repository with two commits on main, a tag on the first, a side branch, a hook and a credential header. */
function repo(): string {
  const dir = mkdtempSync(path.join(root, 'repo-'));
  git(dir, 'init', '-q');
  writeFileSync(path.join(dir, 'copier.yml'), 'python_version: {default: "3.12"}\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'one');
  git(dir, 'tag', 'v1');
  git(dir, 'checkout', '-q', '-b', 'side');
  writeFileSync(path.join(dir, 'side.txt'), 'side\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'side');
  git(dir, 'checkout', '-q', 'main');
  writeFileSync(path.join(dir, 'two.txt'), 'two\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'two');
  git(dir, 'config', '--local', 'http.https://github.com/.extraheader', 'AUTHORIZATION: basic SECRET');
  writeFileSync(path.join(dir, '.git', 'hooks', 'post-checkout'), '#!/bin/sh\necho hook\n', { mode: 0o755 });
  return dir;
}

/** Clone a bundle on the host and list what it holds. */
function inspectBundle(content: Buffer): { refs: string; objects: number; config: string } {
  const dir = mkdtempSync(path.join(root, 'bundle-'));
  const file = path.join(dir, 'b.bundle');
  writeFileSync(file, content);
  const refs = git(dir, 'bundle', 'list-heads', file);
  git(dir, 'clone', '-q', '--bare', file, 'clone.git');
  const clone = path.join(dir, 'clone.git');
  const objects = Number(git(clone, 'count-objects', '-v').match(/in-pack: (\d+)/)?.[1] ?? 0);
  return { refs, objects, config: git(clone, 'config', '--list', '--local') };
}

describe('a local git repository as template', () => {
  test('travels as a bundle of the ref only: its refs and objects, no config or other branches', async () => {
    const dir = repo();
    const upload = await prepareTemplate({ kind: 'folder', dir, isGitRepo: true }, 'v1', runProcess);
    expect(upload.entries.map((e) => e.name)).toEqual([TEMPLATE_BUNDLE.slice(1)]);
    expect(upload).toMatchObject({ copierSource: TEMPLATE_BUNDLE, vcsRef: 'v1', needsGitInit: false });
    expect(upload.copierYml).toContain('python_version');
    const content = upload.entries[0]?.content as Buffer;
    expect(content.includes(Buffer.from('SECRET'))).toBe(false);
    const bundle = inspectBundle(content);
    const v1 = git(dir, 'rev-parse', 'v1').trim();
    expect(bundle.refs.trim().split('\n').sort()).toEqual(
      [`${v1} HEAD`, `${v1} refs/heads/main`, `${v1} refs/tags/v1`].sort(),
    );
    // The first commit, its tree and one blob: nothing of two.txt or the side branch.
    expect(bundle.objects).toBe(3);
    expect(bundle.config).not.toContain('extraheader');
  });

  test('HEAD by name, a branch by name, anything else by its commit', async () => {
    const dir = repo();
    expect((await prepareTemplate({ kind: 'folder', dir, isGitRepo: true }, 'HEAD', runProcess)).vcsRef).toBe(
      'HEAD',
    );
    expect((await prepareTemplate({ kind: 'folder', dir, isGitRepo: true }, 'side', runProcess)).vcsRef).toBe(
      'side',
    );
    const parent = git(dir, 'rev-parse', 'HEAD~1').trim();
    expect(
      (await prepareTemplate({ kind: 'folder', dir, isGitRepo: true }, 'HEAD~1', runProcess)).vcsRef,
    ).toBe(parent);
    await expect(
      prepareTemplate({ kind: 'folder', dir, isGitRepo: true }, 'nope', runProcess),
    ).rejects.toThrow(/template-ref "nope" is not a commit/);
  });

  test("git on the template runs through the run's process runner: once the run is stopped, none starts", async () => {
    const dir = repo();
    const control = new AbortController();
    control.abort(new Error('interrupted by SIGINT: the run was stopped'));
    const stopped = processRunner({ timeoutSeconds: 60, signal: control.signal, redactor: new Redactor() });
    const err = await prepareTemplate({ kind: 'folder', dir, isGitRepo: true }, 'HEAD', stopped).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ProcessError);
    expect((err as ProcessError).failure).toBe('aborted');
    expect((err as ProcessError).message).toMatch(
      /^`git .* rev-parse .*` was stopped: interrupted by SIGINT/,
    );
  });

  test('uncommitted changes are left out and counted', async () => {
    const dir = repo();
    expect(
      (await prepareTemplate({ kind: 'folder', dir, isGitRepo: true }, 'HEAD', runProcess)).uncommitted,
    ).toBeUndefined();
    writeFileSync(path.join(dir, 'two.txt'), 'changed\n');
    writeFileSync(path.join(dir, 'new.txt'), 'untracked\n');
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'deep.txt'), 'untracked too\n');
    const upload = await prepareTemplate({ kind: 'folder', dir, isGitRepo: true }, 'HEAD', runProcess);
    expect(upload.uncommitted).toEqual({ count: 3, commit: git(dir, 'rev-parse', 'HEAD').trim() });
  });
});

describe('a plain template folder', () => {
  test('travels as its files, to become a repository in the worker', async () => {
    const dir = mkdtempSync(path.join(root, 'plain-'));
    writeFileSync(path.join(dir, 'copier.yml'), 'a: 1\n');
    const upload = await prepareTemplate({ kind: 'folder', dir, isGitRepo: false }, 'HEAD', runProcess);
    expect(upload.needsGitInit).toBe(true);
    expect(upload.entries.map((e) => e.name)).toEqual([
      'tmp/worker-gate/template/',
      'tmp/worker-gate/template/copier.yml',
    ]);
  });

  test('larger than 200 MB is refused, naming the input', async () => {
    const dir = mkdtempSync(path.join(root, 'big-'));
    // A sparse file: no disk used, but its size counts.
    execFileSync('truncate', ['-s', String(MAX_TEMPLATE_BYTES + 1), path.join(dir, 'data.bin')]);
    let error: unknown;
    try {
      await prepareTemplate({ kind: 'folder', dir, isGitRepo: false }, 'HEAD', runProcess);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('template');
    expect((error as Error).message).toMatch(
      /is too large for a worker: its files hold 200 MB, more than 200 MB/,
    );
  });
});

describe('a template URL', () => {
  test('its credentials leave the URL for a credential file that the scaffold environment names', async () => {
    expect(splitUrlCredentials('https://bot:p%40ss@git.example.com:8443/org/t.git')).toEqual({
      url: 'https://git.example.com:8443/org/t.git',
      credentials: 'https://bot:p%40ss@git.example.com:8443',
    });
    expect(splitUrlCredentials('https://git.example.com/t.git')).toEqual({
      url: 'https://git.example.com/t.git',
    });
    const upload = await prepareTemplate({ kind: 'url', url: 'https://bot:pw@h/t.git' }, 'v2', runProcess);
    expect(upload).toMatchObject({
      copierSource: 'https://h/t.git',
      vcsRef: 'v2',
      label: 'https://***@h/t.git',
    });
    expect(upload.entries).toEqual([
      { name: CREDENTIALS_FILE.slice(1), content: 'https://bot:pw@h\n', mode: 0o600 },
    ]);
    expect(upload.scaffoldEnv).toMatchObject({
      GIT_CONFIG_KEY_0: 'credential.helper',
      GIT_CONFIG_VALUE_0: `store --file=${CREDENTIALS_FILE}`,
      GIT_TERMINAL_PROMPT: '0',
    });
    expect(JSON.stringify(upload.scaffoldEnv)).not.toContain('pw');
  });
});
