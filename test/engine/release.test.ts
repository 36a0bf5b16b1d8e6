// scripts/release.sh on a temporary clone of this repository: the version in
// package.json, package-lock.json, CHANGELOG.md and the rebuilt dist/, one
// commit, the tag vX.Y.Z and the major tag vX moved along, nothing pushed,
// and the push command printed. Bad input and a tag that exists are refused.
import { execFile } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toolRoot } from '../../src/config/shipped.js';

const exec = promisify(execFile);
let root: string;
let clone: string;

const git = async (...args: string[]) => (await exec('git', args, { cwd: clone })).stdout.trim();
async function release(version: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec('bash', ['scripts/release.sh', version], { cwd: clone });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'wg-release-'));
  clone = path.join(root, 'clone');
  await exec('git', ['clone', '-q', toolRoot(), clone]);
  await git('config', 'user.name', 'Release Test');
  await git('config', 'user.email', 'release-test@example.invalid');
  // The script under test is this checkout's, committed or not.
  copyFileSync(path.join(toolRoot(), 'scripts', 'release.sh'), path.join(clone, 'scripts', 'release.sh'));
  await git('add', 'scripts/release.sh');
  if (await git('status', '--porcelain')) await git('commit', '-q', '-m', 'the release script under test');
  symlinkSync(path.join(toolRoot(), 'node_modules'), path.join(clone, 'node_modules'));
  appendFileSync(path.join(clone, '.git', 'info', 'exclude'), 'node_modules\n');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('scripts/release.sh', () => {
  test('refuses a version that is not X.Y.Z (exit 2), touching nothing', async () => {
    const head = await git('rev-parse', 'HEAD');
    const bad = await release('1.2');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('the version must be X.Y.Z');
    expect(await git('rev-parse', 'HEAD')).toBe(head);
    expect(await git('status', '--porcelain')).toBe('');
  });

  test('X.Y.Z: version, changelog, rebuilt dist/ in one commit; vX.Y.Z and vX tagged; nothing pushed', async () => {
    const before = await git('rev-parse', 'HEAD');
    const run = await release('9.8.7');
    expect(run.code, run.stderr).toBe(0);
    expect(await git('rev-parse', 'HEAD^')).toBe(before);
    expect(await git('log', '-1', '--format=%s')).toBe('Release v9.8.7');
    expect(await git('status', '--porcelain')).toBe('');
    const head = await git('rev-parse', 'HEAD');
    expect(await git('rev-parse', 'v9.8.7^{commit}')).toBe(head);
    expect(await git('rev-parse', 'v9^{commit}')).toBe(head);
    expect(await git('cat-file', '-t', 'v9.8.7')).toBe('tag');

    const json = (file: string) => JSON.parse(readFileSync(path.join(clone, file), 'utf8'));
    expect(json('package.json').version).toBe('9.8.7');
    expect(json('package-lock.json').version).toBe('9.8.7');
    expect(json('package-lock.json').packages[''].version).toBe('9.8.7');
    const changelog = readFileSync(path.join(clone, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(/^## Unreleased\n\n## 9\.8\.7 — \d{4}-\d{2}-\d{2}\n/m);
    const changed = (await git('show', '--name-only', '--format=', 'HEAD')).split('\n');
    expect(changed).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'CHANGELOG.md']));
    expect(changed.some((f) => f.startsWith('dist/'))).toBe(true);
    expect((await exec('node', [path.join(clone, 'dist', 'cli.js'), '--version'])).stdout.trim()).toBe(
      '9.8.7',
    );

    expect(run.stdout).toContain('nothing was pushed');
    expect(run.stdout).toMatch(/git push origin \S+ v9\.8\.7 && git push --force origin v9$/m);
    expect(
      await exec('git', ['ls-remote', '--tags', 'origin'], { cwd: clone }).then((r) => r.stdout),
    ).not.toContain('v9.8.7');
  });

  test('the next minor moves v9 to its own commit; the same version again is refused', async () => {
    const first = await git('rev-parse', 'v9.8.7^{commit}');
    const again = await release('9.8.7');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('tag v9.8.7 exists already');
    const next = await release('9.9.0');
    expect(next.code, next.stderr).toBe(0);
    const head = await git('rev-parse', 'HEAD');
    expect(head).not.toBe(first);
    expect(await git('rev-parse', 'v9^{commit}')).toBe(head);
    expect(await git('rev-parse', 'v9.8.7^{commit}')).toBe(first);
  });
});
