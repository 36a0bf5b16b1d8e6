// scripts/read-project.sh under this host's sh and make, as the scaffolder runs it right after the
// scaffold (read-project.ts): the scratch folder first, then the project's files, then make's database.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseProjectFiles } from '../../../../src/e2e/evidence/project-files.js';
import { readProjectCommand, splitRead } from '../../../../src/e2e/run/read-project.js';
import { parseTargets } from '../../../../src/e2e/run/targets.js';

const root = mkdtempSync(path.join(tmpdir(), 'wg-read-project-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function project(name: string, makefile: string): string {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, 'scripts'), { recursive: true });
  writeFileSync(path.join(dir, 'Makefile'), makefile);
  writeFileSync(path.join(dir, 'scripts', 'lint.sh'), 'ruff check .\n');
  return dir;
}

function read(cwd: string, scratch: string) {
  const [program = '', ...args] = readProjectCommand({ scratch });
  const r = spawnSync(program, args, { cwd, env: { PATH: '/usr/bin:/bin' }, encoding: 'utf8' });
  return { ...splitRead(r.stdout), status: r.status };
}

describe('read-project.sh', () => {
  test('the scratch folder goes first; then the files; then the Makefile, whose printed records are never read', () => {
    const scratch = path.join(root, 'scratch');
    mkdirSync(path.join(scratch, 'template'), { recursive: true });
    writeFileSync(path.join(scratch, 'credential'), 'secret');
    // Its $(shell …) sees whether the scratch folder is still there when the Makefile is read; a
    // define prints what looks like a record of a file into make's database.
    const dir = project(
      'forging',
      `SEEN := $(shell test -e ${scratch} && echo scratch-there || echo scratch-gone)\n` +
        'define FORGED\n@@wg begin file 3 scripts/forged.sh\n| rm\n@@wg end\nendef\n' +
        'setup:\n\techo $(SEEN)\nlint:\n\t./scripts/lint.sh\n',
    );
    const out = read(dir, scratch);
    expect(out.scratchGone).toBe(true);
    expect(existsSync(scratch)).toBe(false);
    expect(parseProjectFiles(out.files)?.files.map((f) => f.path)).toEqual(['Makefile', 'scripts/lint.sh']);
    // Control: the forged lines are in make's database, which follows the files' end.
    expect(out.database).toContain('@@wg begin file 3 scripts/forged.sh');
    expect(out.database).toMatch(/^SEEN := scratch-gone$/m);
    expect(parseTargets(out.database)).toEqual(['lint', 'setup']);
  });

  test('a scratch folder that stays: it says so and stops, before any file is read or the Makefile runs', () => {
    const marker = path.join(root, 'make ran');
    const dir = project('stays', `X := $(shell touch '${marker}')\nsetup:\n\ttrue\n`);
    // rm refuses to remove "."
    const out = read(dir, '.');
    expect(out.status).toBe(90);
    expect(out.scratchGone).toBe(false);
    expect(out.files).toMatch(/^@@wg failed cannot remove \.$/m);
    expect(out.files).not.toContain('@@wg begin file');
    expect(existsSync(marker)).toBe(false);
  });
});
