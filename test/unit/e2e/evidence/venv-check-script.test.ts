// scripts/venv-check.py run with this host's python3 on real venvs (python3 -m
// venv) made in a temp folder as a scaffolder's `make setup` leaves them: a root
// venv with console scripts and an editable framework (a .pth path line), a
// service venv with an editable install by a finder module (MAPPING). The
// project is then moved to another folder, as `handoff mount` shows it to a
// developer worker, checked there, fixed up with sed as the platform's entry
// point would, and checked again. Read back through venv-check.ts's parser.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import VENV_CHECK_PY from '../../../../src/e2e/evidence/scripts/venv-check.py';
import { checkVenvs, parseVenvCheck } from '../../../../src/e2e/evidence/venv-check.js';
import type { Worker } from '../../../../src/e2e/worker/worker.js';
import { VENV_CHECK_PATH } from '../../../../src/e2e/worker/worker-tools.js';
import type { VenvCheck } from '../../../../src/model/report.js';

const root = mkdtempSync(path.join(tmpdir(), 'wg-venvs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const script = path.join(root, 'venv-check.py');
writeFileSync(script, VENV_CHECK_PY);
const ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: path.join(root, 'home') };

function write(file: string, text: string, mode?: number): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  if (mode) chmodSync(file, mode);
  return file;
}

function venv(dir: string): string {
  execFileSync('python3', ['-m', 'venv', '--without-pip', dir], { env: ENV, stdio: 'pipe' });
  const lib = path.join(dir, 'lib');
  const version = readdirSync(lib).find((n) => n.startsWith('python'));
  if (!version) throw new Error(`python3 -m venv made no lib/python* in ${dir}`);
  return path.join(lib, version, 'site-packages');
}

function run(project: string, from?: string): string {
  return execFileSync('python3', ['-I', '-S', script, project, ...(from ? [from] : [])], {
    encoding: 'utf8',
    env: ENV,
  });
}

const check = (project: string, from?: string): VenvCheck => parseVenvCheck(run(project, from), from);

// A setuptools-style editable finder, cut down: MAPPING and an install() that serves it.
const finder = (mapping: string) => `import importlib.util, os, sys
MAPPING: dict[str, str] = {'api': '${mapping}'}
class _Finder:
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name not in MAPPING:
            return None
        init = os.path.join(MAPPING[name], '__init__.py')
        if not os.path.exists(init):
            return None
        return importlib.util.spec_from_file_location(name, init, submodule_search_locations=[MAPPING[name]])
def install():
    sys.meta_path.append(_Finder)
`;

/** The project as the scaffolder's `make setup` leaves it at `from`. */
function scaffold(from: string): void {
  const site = venv(path.join(from, '.venv'));
  write(path.join(from, '.venv/bin/ruff'), `#!${from}/.venv/bin/python\nprint("ruff ok")\n`, 0o755);
  // The form pip and uv write for a long or spaced interpreter path.
  write(
    path.join(from, '.venv/bin/xenon'),
    `#!/bin/sh\n'''exec' '${from}/.venv/bin/python' "$0" "$@"\n' '''\nprint("xenon ok")\n`,
    0o755,
  );
  write(path.join(from, 'framework/src/framework/__init__.py'), 'NAME = "framework"\n');
  write(path.join(site, '_framework.pth'), `${from}/framework/src\n`);
  const fw = path.join(site, 'framework-0.1.0.dist-info');
  write(path.join(fw, 'METADATA'), 'Metadata-Version: 2.1\nName: framework\nVersion: 0.1.0\n');
  write(path.join(fw, 'RECORD'), '_framework.pth,,\nframework-0.1.0.dist-info/METADATA,,\n');
  write(
    path.join(fw, 'direct_url.json'),
    JSON.stringify({ url: `file://${from}/framework`, dir_info: { editable: true } }),
  );

  const apiSite = venv(path.join(from, 'services/api/.venv'));
  write(path.join(from, 'services/api/src/api/__init__.py'), 'NAME = "api"\n');
  write(
    path.join(apiSite, '__editable___api_0_1_0.pth'),
    'import __editable___api_0_1_0_finder; __editable___api_0_1_0_finder.install()\n',
  );
  write(path.join(apiSite, '__editable___api_0_1_0_finder.py'), finder(`${from}/services/api/src/api`));
  const api = path.join(apiSite, 'api-0.1.0.dist-info');
  write(path.join(api, 'RECORD'), '__editable___api_0_1_0.pth,,\n__editable___api_0_1_0_finder.py,,\n');
  write(
    path.join(api, 'direct_url.json'),
    JSON.stringify({ url: `file://${from}/services/api`, dir_info: { editable: true } }),
  );
  // An editable install that names its packages in top_level.txt, found by a .pth path line.
  write(path.join(from, 'shared/wgshared.py'), 'NAME = "shared"\n');
  write(path.join(apiSite, '_shared.pth'), `${from}/shared\n`);
  const shared = path.join(apiSite, 'shared-0.1.dist-info');
  write(path.join(shared, 'top_level.txt'), 'wgshared\n');
  write(
    path.join(shared, 'direct_url.json'),
    JSON.stringify({ url: `file://${from}/shared`, dir_info: { editable: true } }),
  );
  // Not a venv of the project: .git is never searched.
  write(path.join(from, '.git/modules/x/pyvenv.cfg'), 'home = /nowhere\n');
}

/** The platform's entry-point rewrite: the old prefix replaced in every text file (bytecode left alone). */
function fixup(project: string, from: string): void {
  execFileSync(
    'sh',
    [
      '-c',
      'grep -rlF --null --exclude-dir=__pycache__ -e "$1" "$3" | xargs -0 sed -i "s|$1|$2|g"',
      'sh',
      from,
      project,
      project,
    ],
    { env: ENV },
  );
}

const from = path.join(root, 'data/workspaces/project');
const project = path.join(root, 'workspace');
const SITE = `lib/${path.basename(path.dirname(venv(path.join(root, 'probe/.venv'))))}/site-packages`;
scaffold(from);

describe('venv-check.py on venvs built in one folder and handed over in another', () => {
  const where = {
    asBuilt: undefined as VenvCheck | undefined,
    handedOver: undefined as VenvCheck | undefined,
  };

  test('where they were built, every venv works: scripts, .pth paths, direct_url.json, imports', () => {
    where.asBuilt = check(from);
    expect(where.asBuilt).toEqual({
      venvs: [
        { path: '.venv', pythonOk: true, scripts: 2, pthPaths: 1, directUrls: 1, imports: 1, broken: 0 },
        {
          path: 'services/api/.venv',
          pythonOk: true,
          scripts: 0,
          pthPaths: 2,
          directUrls: 2,
          imports: 2,
          broken: 0,
        },
      ],
      findings: [],
    });
  });

  test('moved, every stale reference is found, with the prefix it was built under', () => {
    renameSync(from, project);
    // The breakage is real: the console script cannot start.
    expect(spawnSync(path.join(project, '.venv/bin/ruff'), { env: ENV }).error).toMatchObject({
      code: 'ENOENT',
    });
    where.handedOver = check(project, from);
    const stale = (file: string, kind: string, target: string) => ({
      file,
      kind,
      path: `${from}/${target}`,
      stalePrefix: from,
      foundAt: `${project}/${target}`,
    });
    expect(where.handedOver.findings).toEqual([
      stale('.venv/bin/ruff', 'shebang', '.venv/bin/python'),
      stale('.venv/bin/xenon', 'shebang', '.venv/bin/python'),
      stale(`.venv/${SITE}/_framework.pth`, 'pth', 'framework/src'),
      stale(`.venv/${SITE}/framework-0.1.0.dist-info/direct_url.json`, 'direct_url', 'framework'),
      {
        file: `.venv/${SITE}/framework-0.1.0.dist-info`,
        kind: 'import',
        message: "import framework: ModuleNotFoundError: No module named 'framework'",
      },
      stale(`services/api/.venv/${SITE}/__editable___api_0_1_0_finder.py`, 'pth', 'services/api/src/api'),
      stale(`services/api/.venv/${SITE}/_shared.pth`, 'pth', 'shared'),
      stale(`services/api/.venv/${SITE}/api-0.1.0.dist-info/direct_url.json`, 'direct_url', 'services/api'),
      stale(`services/api/.venv/${SITE}/shared-0.1.dist-info/direct_url.json`, 'direct_url', 'shared'),
      {
        file: `services/api/.venv/${SITE}/api-0.1.0.dist-info`,
        kind: 'import',
        message: "import api: ModuleNotFoundError: No module named 'api'",
      },
      {
        file: `services/api/.venv/${SITE}/shared-0.1.dist-info`,
        kind: 'import',
        message: "import wgshared: ModuleNotFoundError: No module named 'wgshared'",
      },
    ]);
    expect(where.handedOver.venvs.map((v) => [v.path, v.pythonOk, v.broken])).toEqual([
      ['.venv', true, 5],
      ['services/api/.venv', true, 6],
    ]);
  });

  test('without the scaffolder path, the script still names the prefix: the rest of the path is here', () => {
    // Nothing of the old path is left (the worker never had it): its first missing folder would be /data.
    rmSync(path.join(root, 'data'), { recursive: true });
    const findings = check(project).findings;
    // The same prefixes and places as with the scaffolder's path given (where each is `from`).
    const placed = (found: VenvCheck['findings'] = []) => found.map((f) => [f.stalePrefix, f.foundAt]);
    expect(placed(findings)).toEqual(placed(where.handedOver?.findings));
  });

  test('after a sed of the old prefix, nothing is broken and the scripts run', () => {
    fixup(project, from);
    const fixed = check(project, from);
    expect(fixed.findings).toEqual([]);
    expect(fixed.venvs.map((v) => v.broken)).toEqual([0, 0]);
    expect(fixed.venvs).toEqual(where.asBuilt?.venvs);
    expect(execFileSync(path.join(project, '.venv/bin/ruff'), { env: ENV, encoding: 'utf8' })).toBe(
      'ruff ok\n',
    );
    expect(execFileSync(path.join(project, '.venv/bin/xenon'), { env: ENV, encoding: 'utf8' })).toBe(
      'xenon ok\n',
    );
  });
});

describe('venv-check.py on what a prefix rewrite cannot repair', () => {
  const other = path.join(root, 'other');
  const gone = path.join(root, 'gone');
  // A venv whose base Python was the scaffolder's own (uv's managed Pythons under its home).
  const basePython = path.join(gone, 'home/.local/share/uv/python/cpython-3.12/bin/python3.12');
  write(path.join(other, '.venv/pyvenv.cfg'), `home = ${path.dirname(basePython)}\n`);
  mkdirSync(path.join(other, '.venv/bin'), { recursive: true });
  symlinkSync(basePython, path.join(other, '.venv/bin/python'));
  const dist = path.join(other, '.venv/lib/python3.12/site-packages/tool-1.0.dist-info');
  write(
    path.join(dist, 'direct_url.json'),
    JSON.stringify({ url: `file://${gone}/src/tool`, dir_info: { editable: true } }),
  );
  // A script that asks env for an interpreter no PATH has, and many that name a lost one.
  write(path.join(other, '.venv/bin/tool'), '#!/usr/bin/env wg-no-such-python\n', 0o755);
  const lost = Array.from({ length: 45 }, (_, i) =>
    path.join(other, `.venv/bin/s${String(i).padStart(2, '0')}`),
  );
  for (const file of lost) write(file, `#!${gone}/python\n`, 0o755);
  write(path.join(other, '.venv/bin/activate'), '# no shebang: not a script\n');

  test('a python that cannot start; findings capped at 40 a venv, counted in full', () => {
    const result = check(other);
    expect(result.findings[0]).toEqual({
      file: '.venv/bin/python',
      kind: 'python',
      path: basePython,
      message: 'cannot start: No such file or directory',
      stalePrefix: gone,
    });
    expect(result.findings[1]).toEqual({
      file: '.venv/bin/s00',
      kind: 'shebang',
      path: `${gone}/python`,
      stalePrefix: gone,
    });
    expect(result.findings).toHaveLength(40);
    // 1 python, 45 lost interpreters, 1 env, 1 direct_url; no import is tried without a python.
    expect(result.venvs).toEqual([
      { path: '.venv', pythonOk: false, scripts: 46, pthPaths: 0, directUrls: 1, imports: 0, broken: 48 },
    ]);
  });

  test('an env command not on PATH and a missing editable source are findings too', () => {
    for (const file of lost) rmSync(file);
    expect(check(other).findings.slice(1)).toEqual([
      {
        file: '.venv/bin/tool',
        kind: 'shebang',
        path: '/usr/bin/env',
        message: 'wg-no-such-python is not on PATH',
      },
      {
        file: '.venv/lib/python3.12/site-packages/tool-1.0.dist-info/direct_url.json',
        kind: 'direct_url',
        path: `${gone}/src/tool`,
        stalePrefix: gone,
      },
    ]);
  });

  test("given the scaffolder's path, a path under it is never placed by its last name alone", () => {
    // A file of the project that happens to share the missing source's last name.
    write(path.join(other, 'tool'), '');
    const directUrl = (found: VenvCheck) => found.findings.find((f) => f.kind === 'direct_url');
    expect(directUrl(check(other))).toMatchObject({
      stalePrefix: `${gone}/src`,
      foundAt: path.join(other, 'tool'),
    });
    expect(directUrl(check(other, gone))).toEqual({
      file: '.venv/lib/python3.12/site-packages/tool-1.0.dist-info/direct_url.json',
      kind: 'direct_url',
      path: `${gone}/src/tool`,
      stalePrefix: gone,
    });
  });

  test('a project with no venv has none to report', () => {
    const empty = path.join(root, 'empty/project');
    write(path.join(empty, 'pyproject.toml'), '[project]\nname = "empty"\n');
    expect(check(empty)).toEqual({ venvs: [], findings: [] });
  });
});

describe('checkVenvs', () => {
  // A worker whose exec runs on this host, the tools folder mapped to the temp copy of the script.
  const hostWorker = (python?: string): Worker =>
    ({
      ...(python ? { python } : {}),
      exec: async (cmd: string[]) => {
        const args = cmd.slice(1).map((a) => (a === VENV_CHECK_PATH ? script : a));
        const r = spawnSync(cmd[0] ?? '', args, { env: ENV, encoding: 'utf8' });
        return {
          exitCode: r.status,
          output: `${r.stdout}${r.stderr}`,
          lineCount: 0,
          seconds: 0,
          timedOut: false,
        };
      },
    }) as unknown as Worker;

  test('runs the tools-folder script by the worker python and reads it', async () => {
    expect(await checkVenvs(hostWorker('python3'), project, from)).toEqual(check(project, from));
  });

  test('says why when it cannot run or stops early', async () => {
    expect(await checkVenvs(hostWorker(), project)).toEqual({
      venvs: [],
      findings: [],
      error: 'the worker has no python3 on PATH that it cannot change itself',
    });
    const crashed = await checkVenvs(hostWorker('/bin/false'), project);
    expect(crashed.error).toMatch(/^venv-check\.py exited 1/);
  });
});
