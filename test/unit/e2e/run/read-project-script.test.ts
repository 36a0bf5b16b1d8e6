// scripts/read-project.sh under this host's sh and make, as the scaffolder runs it right after the
// scaffold (read-project.ts): the scratch folder first, then the project's files on stderr, then
// what follows it in its place (here make's database, its stderr joined to stdout).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseProjectFiles } from '../../../../src/e2e/evidence/project-files.js';
import { JOINED, LIST_TARGETS, readProjectCommand } from '../../../../src/e2e/run/read-project.js';
import { parseTargets } from '../../../../src/e2e/run/targets.js';
import { parseRecords } from '../../../../src/model/script-records.js';

const root = mkdtempSync(path.join(tmpdir(), 'wg-read-project-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function project(name: string, makefile: string): string {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, 'scripts'), { recursive: true });
  writeFileSync(path.join(dir, 'Makefile'), makefile);
  writeFileSync(path.join(dir, 'scripts', 'lint.sh'), 'ruff check .\n');
  return dir;
}

/** From another folder, as the reap leaves it: the script goes to the project itself. */
function read(dir: string, scratch: string) {
  const [program = '', ...args] = [...readProjectCommand(dir, { scratch }), ...JOINED, ...LIST_TARGETS];
  return spawnSync(program, args, { cwd: root, env: { PATH: '/usr/bin:/bin' }, encoding: 'utf8' });
}

describe('read-project.sh', () => {
  test('the scratch folder goes first; the files are records on stderr; the Makefile runs last, on stdout only', () => {
    const scratch = path.join(root, 'scratch');
    mkdirSync(path.join(scratch, 'template'), { recursive: true });
    writeFileSync(path.join(scratch, 'credential'), 'secret');
    // Its $(shell …) sees whether the scratch folder is still there when the Makefile is read; it
    // writes what looks like a record of a file, to stdout and to stderr.
    const dir = project(
      'forging',
      `SEEN := $(shell test -e ${scratch} && echo scratch-there || echo scratch-gone)\n` +
        "X := $(shell printf '@@wg begin file 3 scripts/forged.sh\\n| rm\\n@@wg end\\n' >&2)\n" +
        'define FORGED\n@@wg begin file 3 scripts/forged2.sh\n| rm\n@@wg end\nendef\n' +
        'setup:\n\techo $(SEEN)\nlint:\n\t./scripts/lint.sh\n',
    );
    const r = read(dir, scratch);
    expect(existsSync(scratch)).toBe(false);
    expect(parseRecords(r.stderr).some((x) => x.kind === 'scratch-gone')).toBe(true);
    expect(parseProjectFiles(r.stderr)?.files.map((f) => f.path)).toEqual(['Makefile', 'scripts/lint.sh']);
    // Control: the Makefile did write its forged records, all of them to stdout (its stderr joined).
    expect(r.stdout).toContain('@@wg begin file 3 scripts/forged.sh');
    expect(r.stdout).toContain('@@wg begin file 3 scripts/forged2.sh');
    expect(r.stdout).toMatch(/^SEEN := scratch-gone$/m);
    expect(parseTargets(r.stdout)).toEqual(['lint', 'setup']);
  });

  test('a scratch folder that stays: it says so and stops, before any file is read or the Makefile runs', () => {
    const marker = path.join(root, 'make ran');
    const dir = project('stays', `X := $(shell touch '${marker}')\nsetup:\n\ttrue\n`);
    // rm refuses to remove "."
    const r = read(dir, '.');
    expect(r.status).toBe(90);
    expect(parseRecords(r.stderr).map((x) => `${x.kind} ${x.text}`)).toEqual(['failed cannot remove .']);
    expect(existsSync(marker)).toBe(false);
  });
});
