import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  copierCommand,
  folderEntries,
  templateSource,
} from '../../../../src/e2e/template/template-source.js';
import { InputError } from '../../../../src/model/errors.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wg-template-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the template source', () => {
  test('a git URL is left to copier; a folder is uploaded, a git repository only at its own root', () => {
    expect(templateSource('https://example.com/t.git')).toEqual({
      kind: 'url',
      url: 'https://example.com/t.git',
    });
    expect(templateSource('git@example.com:org/t.git').kind).toBe('url');
    mkdirSync(path.join(dir, 'plain'));
    expect(templateSource(path.join(dir, 'plain'))).toEqual({
      kind: 'folder',
      dir: path.join(dir, 'plain'),
      isGitRepo: false,
    });
    mkdirSync(path.join(dir, 'repo', '.git'), { recursive: true });
    expect(templateSource(path.join(dir, 'repo'))).toMatchObject({ kind: 'folder', isGitRepo: true });
    // A worktree's .git is a file pointing elsewhere: useless inside the worker.
    mkdirSync(path.join(dir, 'worktree'));
    writeFileSync(path.join(dir, 'worktree', '.git'), 'gitdir: /elsewhere\n');
    expect(templateSource(path.join(dir, 'worktree'))).toMatchObject({ isGitRepo: false });
  });

  test('a template folder that is not there is bad input', () => {
    expect(() => templateSource(path.join(dir, 'missing'))).toThrow(InputError);
    expect(() => templateSource(path.join(dir, 'missing'))).toThrow(/is not a folder/);
  });

  test('folder entries keep executable bits and symlinks, under a prefix', () => {
    const t = path.join(dir, 'entries');
    mkdirSync(path.join(t, 'sub'), { recursive: true });
    writeFileSync(path.join(t, 'copier.yml'), 'a: 1\n');
    writeFileSync(path.join(t, 'sub', 'run.sh'), '#!/bin/sh\n', { mode: 0o755 });
    symlinkSync('copier.yml', path.join(t, 'link.yml'));
    const entries = folderEntries(t, 'worker-gate/template');
    expect(entries.map((e) => e.name)).toEqual([
      'worker-gate/template/',
      'worker-gate/template/copier.yml',
      'worker-gate/template/link.yml',
      'worker-gate/template/sub/',
      'worker-gate/template/sub/run.sh',
    ]);
    expect(entries.find((e) => e.name.endsWith('run.sh'))?.mode).toBe(0o755);
    expect(entries.find((e) => e.name.endsWith('link.yml'))).toMatchObject({
      type: 'symlink',
      linkname: 'copier.yml',
    });
  });
});

describe('the copier command', () => {
  const call = {
    copierVersion: '9.19.1',
    templateRef: 'HEAD',
    data: { python_version: '3.12', project_name: 'a b' },
    trust: false,
    source: '/tmp/worker-gate/template',
    destination: '/workspace/a/project',
  };

  test('a pinned uvx copier, --vcs-ref, --defaults and one --data per answer, as separate arguments', () => {
    expect(copierCommand(call)).toEqual([
      'uvx',
      'copier@9.19.1',
      'copy',
      '--vcs-ref',
      'HEAD',
      '--defaults',
      '--data',
      'python_version=3.12',
      '--data',
      'project_name=a b',
      '/tmp/worker-gate/template',
      '/workspace/a/project',
    ]);
  });

  test('--trust only when trust-template is set', () => {
    expect(copierCommand(call)).not.toContain('--trust');
    expect(copierCommand({ ...call, trust: true })).toContain('--trust');
  });
});
