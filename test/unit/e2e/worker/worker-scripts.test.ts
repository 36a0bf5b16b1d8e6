// The e2e's first look at a worker (scripts/whoami.sh) and at its image
// (scripts/image-probe.sh), run with this host's sh as the worker runs them,
// with fake python3 and uv on PATH, read back through worker.ts's parsers.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import IMAGE_PROBE_SH from '../../../../src/e2e/worker/scripts/image-probe.sh';
import WHOAMI_SH from '../../../../src/e2e/worker/scripts/whoami.sh';
import { parseProbe, parseWhoami } from '../../../../src/e2e/worker/worker.js';
import RECORDS_SH from '../../../../src/model/script-records.sh';

const root = mkdtempSync(path.join(tmpdir(), 'wg-worker-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const bin = path.join(root, 'bin');
mkdirSync(bin);
for (const [name, text] of [
  ['python3', '#!/bin/sh\necho 3.12.1\n'],
  ['uv', '#!/bin/sh\necho "uv 0.13.9 (abc 2025-01-01)"\n'],
  ['copier', '#!/bin/sh\nexit 0\n'],
]) {
  writeFileSync(path.join(bin, name ?? ''), text ?? '');
  chmodSync(path.join(bin, name ?? ''), 0o755);
}

const run = (script: string, env: Record<string, string>) =>
  execFileSync('/bin/sh', ['-c', `${RECORDS_SH}${script}`], { env, encoding: 'utf8', stdio: 'pipe' });

describe("the worker's scripts under this host's sh", () => {
  test('image-probe.sh: HOME and the versions of python3 and uv', () => {
    const home = path.join(root, 'home dir');
    expect(parseProbe(run(IMAGE_PROBE_SH, { PATH: `${bin}:/usr/bin:/bin`, HOME: home }))).toEqual({
      home,
      python: '3.12.1',
      uv: '0.13.9',
      copier: path.join(bin, 'copier'),
    });
    expect(parseProbe(run(IMAGE_PROBE_SH, { PATH: '/nonexistent', HOME: '' }))).toEqual({ home: '/' });
  });

  test('image-probe.sh: the version is the one platform.python_version() says, read without importing platform', () => {
    // A python3 that keeps its arguments: the probe's code, run by this host's python3.
    const spy = path.join(root, 'spy');
    mkdirSync(spy, { recursive: true });
    const told = path.join(root, 'python3-args');
    writeFileSync(path.join(spy, 'python3'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${told}'\necho 3.12.1\n`);
    chmodSync(path.join(spy, 'python3'), 0o755);
    run(IMAGE_PROBE_SH, { PATH: `${spy}:/usr/bin:/bin`, HOME: root });
    const [isolated, noSite, dashC, code] = readFileSync(told, 'utf8').split('\n');
    expect([isolated, noSite, dashC]).toEqual(['-I', '-S', '-c']);
    expect(code).not.toMatch(/platform/);
    const host = (args: string[]) => execFileSync('python3', args, { encoding: 'utf8' }).trim();
    expect(host(['-I', '-S', '-c', code ?? ''])).toBe(
      host(['-c', 'import platform; print(platform.python_version())']),
    );
  });

  test('whoami.sh: uid and gid; python3 only when the user cannot write it', () => {
    const facts = parseWhoami(run(WHOAMI_SH, { PATH: `${bin}:/usr/bin:/bin` }));
    expect(facts).toMatchObject({ uid: process.getuid?.(), gid: process.getgid?.() });
    // The fake python3 is this user's own file: not one the evidence may trust; found all the same.
    expect(facts.python).toBeUndefined();
    expect(facts.found).toBe(path.join(bin, 'python3'));
  });
});
