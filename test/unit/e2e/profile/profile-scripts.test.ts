// The profiler's scripts (make-profiled.sh, profile.mk, profile-shell.sh) run
// with this host's make and sh, installed as a worker gets them (one folder),
// against small makefiles; their markers read back with the real reader.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { PROFILE_DIR, profilerEntries } from '../../../../src/e2e/profile/install.js';
import { MARKER } from '../../../../src/e2e/profile/markers.js';
import { ProfileReader } from '../../../../src/e2e/profile/reader.js';

const root = mkdtempSync(path.join(tmpdir(), 'wg-profile-scripts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// The worker's folder has no space; make's MAKEFILE_LIST could not carry one. The projects' folders do.
const installed = path.join(root, PROFILE_DIR);
for (const entry of profilerEntries()) {
  const at = path.join(root, entry.name);
  if (entry.type === 'directory') mkdirSync(at, { recursive: true });
  else writeFileSync(at, entry.content ?? '', { mode: entry.mode });
}

let projects = 0;
/** A project folder holding these files (name → text; recipe lines start with `\t`). */
function project(files: Record<string, string>): string {
  const dir = path.join(root, `project ${++projects}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

function run(cmd: string, args: string[], cwd: string) {
  const out = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

/** make-profiled.sh as the worker runs it (profiledMake), its stderr read as the phase reads it. */
function profiled(dir: string, ...args: string[]) {
  const out = run('sh', [path.join(installed, 'make-profiled.sh'), ...args], dir);
  const reader = new ProfileReader();
  const shown = out.stderr.split('\n').filter((line) => !reader.push(line));
  const lines = reader.finish().map((l) => ({ target: l.target, command: l.command, exitCode: l.exitCode }));
  const markers = out.stderr.split('\n').filter((line) => MARKER.test(line));
  return { ...out, lines, shown: shown.join('\n'), markers };
}

const plain = (dir: string, ...args: string[]) => run('make', args, dir);

describe('the profiler scripts under this host make and sh', () => {
  test('this host has make and bash', () => {
    expect(run('sh', ['-c', 'command -v make bash'], root).status, 'install make and bash').toBe(0);
  });

  test('each recipe line: a begin with its target, its text (a continued line: one wg-cmd per line), an end with its exit code', () => {
    const dir = project({
      Makefile: 'all: first\n\t@echo one\n\techo two; \\\n\t  echo three\n\nfirst:\n\ttrue\n',
    });
    const { status, lines, markers } = profiled(dir);
    expect(status).toBe(0);
    expect(lines).toEqual([
      { target: 'first', command: 'true', exitCode: 0 },
      { target: 'all', command: 'echo one', exitCode: 0 },
      { target: 'all', command: 'echo two; \\\n  echo three', exitCode: 0 },
    ]);
    const kinds = markers.map((line) => MARKER.exec(line)?.[1]);
    expect(kinds).toEqual(['begin', 'cmd', 'end', 'begin', 'cmd', 'end', 'begin', 'cmd', 'cmd', 'end']);
    // Begin, cmd and end of one line carry the timing shell's pid; begin and end an uptime.
    const fields = markers.slice(0, 3).map((line) => (MARKER.exec(line)?.[3] ?? '').split(' '));
    expect(markers.slice(0, 3).map((line) => MARKER.exec(line)?.[2])).toEqual(
      Array(3).fill(markers[0]?.split(' ')[1]),
    );
    expect(fields[0]?.[0]).toMatch(/^\d+\.\d+$/);
    expect(fields[2]).toEqual([expect.stringMatching(/^\d+\.\d+$/), '0']);
  });

  test('.ONESHELL: the whole recipe is one line, each of its lines a wg-cmd', () => {
    const dir = project({ Makefile: '.ONESHELL:\nall:\n\tx=1\n\techo $$x\n' });
    const { status, stdout, lines } = profiled(dir);
    expect(status).toBe(0);
    expect(stdout).toBe('x=1\necho $x\n1\n');
    expect(lines).toEqual([{ target: 'all', command: 'x=1\necho $x', exitCode: 0 }]);
  });

  test('a failing line keeps its exit code, make stops there with its own status', () => {
    const dir = project({ Makefile: 'all:\n\techo before\n\texit 3\n\techo never\n' });
    const { status, lines, shown } = profiled(dir);
    expect(status).toBe(plain(dir).status);
    expect(status).toBe(2);
    expect(lines).toEqual([
      { target: 'all', command: 'echo before', exitCode: 0 },
      { target: 'all', command: 'exit 3', exitCode: 3 },
    ]);
    expect(shown).toContain('make: *** [Makefile:3: all] Error 3');
  });

  test("the Makefile's SHELL and .SHELLFLAGS: a bash-only line passes, pipefail fails a pipe", () => {
    const dir = project({
      Makefile:
        'SHELL := /bin/bash\n.SHELLFLAGS := -eu -o pipefail -c\n\nall:\n\t[[ -n "$$BASH_VERSION" ]] && echo bash\n\tfalse | true\n',
    });
    const { status, stdout, lines } = profiled(dir);
    expect(status).toBe(2);
    expect(stdout).toBe('[[ -n "$BASH_VERSION" ]] && echo bash\nbash\nfalse | true\n');
    expect(lines).toEqual([
      { target: 'all', command: '[[ -n "$BASH_VERSION" ]] && echo bash', exitCode: 0 },
      { target: 'all', command: 'false | true', exitCode: 1 },
    ]);
  });

  test('a target with a SHELL of its own (and its prerequisites) runs under it, as plain make runs it', () => {
    const dir = project({
      Makefile:
        'all: first\n\t@[[ -n "$$BASH_VERSION" ]] && echo bash\nall: SHELL := /bin/bash\n\nfirst:\n\t@echo first\n',
    });
    const { status, stdout, lines } = profiled(dir);
    expect({ status, stdout }).toEqual({ status: 0, stdout: 'first\nbash\n' });
    // Unprofiled there: make runs that SHELL itself, not the timing shell.
    expect(lines).toEqual([]);
    expect(plain(dir).stdout).toBe(stdout);
  });

  // Under make 4.3 (this host's, bookworm's); make 4.4 passes exported variables to $(shell), so there it names the target.
  test('$(shell …) in a recipe comes through as a line of its own with no target; at parse time it is not profiled', () => {
    const dir = project({
      Makefile: 'PARSED := $(shell echo parsed)\nall:\n\t@echo $(PARSED) $(shell echo called)\n',
    });
    const { status, stdout, lines } = profiled(dir);
    expect(status).toBe(0);
    expect(stdout).toBe('parsed called\n');
    expect(lines).toEqual([
      { target: '', command: 'echo called', exitCode: 0 },
      { target: 'all', command: 'echo parsed called', exitCode: 0 },
    ]);
  });

  test("stdout is the project's, byte for byte; the markers are on stderr only", () => {
    // The recipe's environment is make's: the target the timing shell is given does not reach it.
    const dir = project({
      Makefile:
        'all:\n\techo out\n\t@echo "[$${WG_PROFILE_TARGET-unset}]"\n\t@printf "no newline"\n\t@echo err >&2\n',
    });
    const out = profiled(dir);
    const ref = plain(dir);
    expect(out.stdout).toBe(ref.stdout);
    expect(out.stdout).not.toContain('\u001e');
    expect(out.shown).toBe(ref.stderr);
    expect(out.lines).toHaveLength(4);
    expect(out.stdout).toContain('[unset]');
  });

  test("the makefile make would read: GNUmakefile, then makefile, then Makefile; none: plain make's message", () => {
    const all = {
      GNUmakefile: 'all:\n\t@echo GNUmakefile\n',
      makefile: 'all:\n\t@echo makefile\n',
      Makefile: 'all:\n\t@echo Makefile\n',
    };
    expect(profiled(project(all)).stdout).toBe('GNUmakefile\n');
    expect(profiled(project({ makefile: all.makefile, Makefile: all.Makefile })).stdout).toBe('makefile\n');
    expect(profiled(project({ Makefile: all.Makefile })).stdout).toBe('Makefile\n');
    const none = project({});
    const out = profiled(none);
    const ref = plain(none);
    expect(out.stderr).toBe(ref.stderr);
    expect(out.stderr).toContain('No targets specified and no makefile found');
    expect(out.status).toBe(ref.status);
    expect(profiled(none, 'setup').stderr).toBe(plain(none, 'setup').stderr);
  });

  test('targets with characters make allows (an escaped space, quotes, $) run as plain make runs them, named as they are', () => {
    const dir = project({
      Makefile: `all: with\\ space it's say"so" cost$$5\n${['with\\ space', "it's", 'say"so"', 'cost$$5'].map((t) => `${t}:\n\t@echo made\n`).join('')}`,
    });
    const { status, stdout, lines } = profiled(dir);
    expect({ status, stdout }).toEqual({ status: 0, stdout: 'made\n'.repeat(4) });
    expect(lines.map((l) => l.target)).toEqual(['with space', "it's", 'say"so"', 'cost$5']);
    expect(plain(dir).stdout).toBe(stdout);
  });
});
