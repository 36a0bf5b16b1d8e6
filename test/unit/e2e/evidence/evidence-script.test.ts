// scripts/evidence.py run with this host's python3 on a uv cache and a project
// made in a temp folder, as uv and a setup lay them out, read back through the
// records parser as the e2e reads it in a worker.
import { execFileSync, spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  type EvidenceRequest,
  evidenceArgs,
  evidenceOf,
  parseEvidence,
  readEvidence,
} from '../../../../src/e2e/evidence/evidence.js';
import EVIDENCE_PY from '../../../../src/e2e/evidence/scripts/evidence.py';
import { oursSecondsOf } from '../../../../src/e2e/run/phases.js';
import { parseRecords, reachedEnd } from '../../../../src/model/script-records.js';

const root = mkdtempSync(path.join(tmpdir(), 'wg-evidence-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const cache = path.join(root, 'cache');
const project = path.join(root, 'my project'); // a space: paths are the last field
const script = path.join(root, 'evidence.py');
writeFileSync(script, EVIDENCE_PY);

function write(file: string, text = ''): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

// uv 0.13.9's layout: a wheel from PyPI (with its metadata files and the entry that points
// into archive-v0), one from another index, an sdist from PyPI; local builds, index
// metadata and unpacked archives are not downloads.
const wheels = path.join(cache, 'wheels-v8');
write(path.join(wheels, 'pypi/six/1.17.0-py2.py3-none-any.http'));
write(path.join(wheels, 'pypi/six/1.17.0-py2.py3-none-any.msgpack'));
write(path.join(wheels, 'pypi/six/.lock'));
const unpacked = write(path.join(cache, 'archive-v0/abc123/six.py'), 'x = 1\n'.repeat(100));
symlinkSync(path.join(cache, 'archive-v0/abc123'), path.join(wheels, 'pypi/six/1.17.0-py2.py3-none-any'));
// The same file twice in the cache (a hard link): its bytes count once.
mkdirSync(path.join(cache, 'archive-v0/def456'), { recursive: true });
linkSync(unpacked, path.join(cache, 'archive-v0/def456/six.py'));
write(path.join(wheels, 'index/9f2e1a/ruff/0.6.9-py3-none-manylinux_2_17_x86_64.http'));
write(path.join(cache, 'sdists-v11/pypi/pyyaml/6.0.2/x1y2/pyyaml-6.0.2.tar.gz'), 'sdist');
write(path.join(cache, 'sdists-v11/editable/0011aa/service/pyproject.toml'));
write(path.join(cache, 'simple-v28/pypi/six.rkyv'));

// A project with one venv: six installed by a hard link into the cache, a path install
// (direct_url.json: not sampled), and the files that configure uv and name a Python.
const site = path.join(project, '.venv/lib/python3.12/site-packages');
write(path.join(project, '.venv/pyvenv.cfg'), 'home = /usr/bin\n');
mkdirSync(site, { recursive: true });
linkSync(unpacked, path.join(site, 'six.py'));
write(
  path.join(site, 'six-1.17.0.dist-info/RECORD'),
  'six-1.17.0.dist-info/METADATA,,\nsix.py,sha256=x,600\n',
);
write(path.join(site, 'service-0.1.dist-info/RECORD'), 'service.py,,\n');
write(path.join(site, 'service-0.1.dist-info/direct_url.json'), '{}');
write(path.join(site, 'service.py'));
write(path.join(project, 'Makefile'), 'setup:\n\tuv sync --link-mode=copy\n');
write(path.join(project, 'pyproject.toml'), '[project]\nname = "demo"\nrequires-python = ">=3.12"\n');
write(path.join(project, '.copier-answers.yml'), 'python_version: "3.12"\n');

function gather(req: EvidenceRequest) {
  const output = execFileSync('python3', ['-I', '-S', script, ...evidenceArgs(req)], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: path.join(root, 'home') },
  });
  const records = parseRecords(output);
  expect(reachedEnd(records)).toBe(true);
  return parseEvidence(evidenceOf(records), req);
}

describe('evidence.py on a fake uv cache and project', () => {
  test('counts the downloads from an index, sized with hard links once', () => {
    const { cache: listing } = gather({ cache: { dir: cache, withBytes: true } });
    expect(listing?.entries).toEqual([
      'sdist:pypi:pyyaml/6.0.2',
      'wheel:index/9f2e1a:ruff/0.6.9-py3-none-manylinux_2_17_x86_64',
      'wheel:pypi:six/1.17.0-py2.py3-none-any',
    ]);
    // six.py (600 bytes, linked twice) and the sdist (5): the symlink is not followed, empty files add nothing.
    expect(listing?.bytes).toBe(605);
    expect(gather({ cache: { dir: cache, withBytes: false } }).cache).toEqual({
      entries: listing?.entries,
      ownerUid: process.getuid?.(),
    });
  });

  test("the cache folder's owner comes with its listing (no exec of its own)", () => {
    expect(gather({ cache: { dir: cache, withBytes: false } }).cache?.ownerUid).toBe(process.getuid?.());
  });

  test('an empty or missing cache is a listing with no entries, not a missing part', () => {
    expect(gather({ cache: { dir: path.join(root, 'nothing'), withBytes: false } }).cache).toEqual({
      entries: [],
    });
  });

  test('reads the venvs, a sample per index install with its link count, and the uv config files', () => {
    const evidence = gather({ project }).project;
    expect(evidence?.installs).toBe(2);
    expect(evidence?.venvs).toEqual([path.join(project, '.venv')]);
    expect(evidence?.samples).toEqual([
      { dist: 'six-1.17.0', path: path.join(site, 'six.py'), nlink: 3, symlink: false },
    ]);
    expect(evidence?.config.map((c) => [c.kind, path.relative(project, c.file)])).toEqual([
      ['makefile', 'Makefile'],
      ['pyproject', 'pyproject.toml'],
    ]);
    expect(evidence?.config[0]?.text).toBe('setup:\n\tuv sync --link-mode=copy\n');
  });

  test("the project's Python requirements, file texts exact", () => {
    expect(gather({ ask: project }).ask).toEqual({
      pyprojects: [
        { file: 'pyproject.toml', text: '[project]\nname = "demo"\nrequires-python = ">=3.12"\n' },
      ],
      answers: [{ file: '.copier-answers.yml', text: 'python_version: "3.12"\n' }],
    });
  });

  test('every part in one start, in the order asked', () => {
    const all = gather({ sync: false, cache: { dir: cache, withBytes: false }, project, ask: project });
    expect(Object.keys(all)).toEqual(['cache', 'project', 'ask']);
  });

  // The evidence before a phase, in the phase's exec: its records on stderr with its own time, then
  // the phase's command in its place, with stderr joined to stdout.
  test('… then CMD: the records and their time on stderr, then CMD with stderr on stdout; a failure still runs CMD', () => {
    const req: EvidenceRequest = { sync: true, cache: { dir: cache, withBytes: false } };
    const phase = ['sh', '-c', 'echo out; echo err >&2; exit 3'];
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: path.join(root, 'home') };
    const r = spawnSync('python3', ['-I', '-S', script, ...evidenceArgs(req), 'then', ...phase], {
      encoding: 'utf8',
      env,
    });
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('out\nerr\n');
    const told = readEvidence(r.stderr, req);
    // What the plain run lists, three downloads.
    expect(told.ok && told.value.cache?.entries).toEqual(gather({ cache: req.cache }).cache?.entries);
    expect(told.ok && told.value.cache?.entries).toHaveLength(3);
    // From this process's start: a Python start and a listing, well under a second on this host.
    const ours = oursSecondsOf(r.stderr);
    expect(ours).toBeGreaterThanOrEqual(0);
    expect(ours).toBeLessThan(2);
    // After a reap: from its end (WG_REAPED_AT, in hundredths of /proc/uptime), which is not passed on.
    const up = Math.round(Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 100);
    const after = spawnSync(
      'python3',
      ['-I', '-S', script, 'cache', cache, 'then', 'sh', '-c', 'echo "${WG_REAPED_AT:-unset}"'],
      { encoding: 'utf8', env: { ...env, WG_REAPED_AT: String(up - 500) } },
    );
    expect(after.stdout).toBe('unset\n');
    expect(oursSecondsOf(after.stderr)).toBeGreaterThanOrEqual(5);
    // A folder it cannot list: said as such, and the phase runs all the same.
    const failed = spawnSync('python3', ['-I', '-S', script, 'bogus', cache, 'then', 'sh', '-c', 'exit 0'], {
      encoding: 'utf8',
      env,
    });
    expect(failed.status).toBe(0);
    // The phase has the exec's environment, not Python's (which coerces a C locale to
    // LC_CTYPE=C.UTF-8), and SIGPIPE and SIGXFSZ as any command has them, not ignored as Python has them.
    const locale = spawnSync('python3', ['-I', '-S', script, 'cache', cache, 'then', 'env'], {
      encoding: 'utf8',
      env: { ...env, LANG: 'C' },
    });
    expect(locale.stdout.split('\n').filter((l) => /^(LC_|LANG=|WG_)/.test(l))).toEqual(['LANG=C']);
    const sigs = spawnSync(
      'python3',
      ['-I', '-S', script, 'cache', cache, 'then', 'sh', '-c', 'grep -E "^SigIgn" /proc/self/status'],
      { encoding: 'utf8', env },
    );
    const ignored = BigInt(`0x${sigs.stdout.trim().split(/\s+/)[1] ?? '0'}`);
    const bit = (signal: number) => (ignored >> BigInt(signal - 1)) & 1n;
    expect([bit(13), bit(25)]).toEqual([0n, 0n]);
    const outcome = readEvidence(failed.stderr, { cache: { dir: cache, withBytes: false } });
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.why).toMatch(/unknown request bogus/);
  });
});
