// The timing shell's markers and uv's lines, read as they stream, on phases
// recorded in real workers (test/fixtures/e2e/profile).
import { describe, expect, test } from 'vitest';
import { buildProfile, commandLabel, commandName } from '../../../../src/e2e/profile/categories.js';
import { failedLineText, withoutMarkers } from '../../../../src/e2e/profile/markers.js';
import { ProfileReader } from '../../../../src/e2e/profile/reader.js';
import { COLD, FLOOR, MAKE_SECONDS, profileOf, read, recorded, WARM, withCompileLines } from './recorded.js';

describe('reading a profiled make setup as it streams', () => {
  test('each recipe line with its target, its text as make ran it, seconds and exit code; no marker shown', () => {
    const { lines, shown } = read('cold-setup-separate');
    expect(lines.map((l) => [l.target, l.command.split('\n')[0], l.exitCode])).toEqual([
      ['setup', 'uv venv .venv --python 3.12 --allow-existing', 0],
      ['setup', 'uv pip install --python .venv -r requirements-tools.txt -e ./framework', 0],
      ['setup', 'for service in services/billing services/orders; do \\', 0],
      ['setup', '.venv/bin/python -m framework.codegen services/billing services/orders', 0],
      [
        'setup',
        '.venv/bin/ruff format services/billing/src/billing/_manifest.py services/orders/src/orders/_manifest.py',
        0,
      ],
    ]);
    // A recipe line continued over four lines comes back whole.
    expect(lines[2]?.command.split('\n')).toHaveLength(4);
    expect(lines.map((l) => l.seconds)).toEqual([1.06, 9.77, 29.17, 3.09, 0.11]);
    expect(shown.join('\n')).not.toContain('\u001e');
    expect(shown).toContain('Prepared 11 packages in 7.73s');
  });

  test("cold: uv's lines go to the recipe line that printed them; a build among 11 prepared is shared", () => {
    const cold = COLD();
    const install = cold.lines[1];
    expect(install?.uv).toMatchObject({
      prepared: 11,
      installed: 13,
      built: ['framework'],
      hardlinkFailed: true,
    });
    expect(install?.uv?.resolveSeconds).toBeCloseTo(0.413, 6);
    expect(install?.uv?.prepareSeconds).toBeCloseTo(7.73, 6);
    expect(cold.lines[0]?.uv).toBeUndefined(); // uv venv prints no summary line
    expect(cold.localBuilds).toEqual([
      { name: 'framework', seconds: null, sharedSeconds: 7.73, sharedBy: 11, line: 1 },
      expect.objectContaining({ name: 'billing', seconds: null, sharedBy: 8, line: 2 }),
      expect.objectContaining({ name: 'orders', seconds: null, line: 2 }),
    ]);
  });

  test('warm (fresh clone): every local package rebuilt alone, so its seconds are exact', () => {
    const warm = WARM();
    expect(warm.localBuilds.map((b) => [b.name, b.line, b.seconds !== null])).toEqual([
      ['framework', 1, true],
      ['billing', 2, true],
      ['orders', 2, true],
    ]);
    expect(warm.lines.every((l) => !l.uv || l.uv.prepared === l.uv.built.length)).toBe(true);
  });

  test('floor: the editable framework is rebuilt (uninstalled and installed again), the services are checked', () => {
    const floor = FLOOR();
    expect(floor.localBuilds).toEqual([{ name: 'framework', seconds: 10.3, line: 1 }]);
    expect(floor.lines[1]?.uv?.installSeconds).toBeCloseTo(0.016, 6);
    expect(floor.lines[2]?.uv).toMatchObject({ prepared: 0, installed: 0, built: [] });
  });

  test('hard link (shared layout) against copy (separate): the warning only on the copying lines', () => {
    const linked = profileOf('warm-setup-shared').lines.filter((l) => l.uv);
    const copied = WARM().lines.filter((l) => l.uv && l.uv.installed > 0);
    expect(linked.map((l) => [l.name, l.uv?.hardlinkFailed, l.uv?.installed])).toEqual([
      ['uv pip install', false, 13],
      ['uv sync', false, 47],
    ]);
    expect(copied.length).toBeGreaterThan(0);
    expect(copied.every((l) => l.uv?.hardlinkFailed)).toBe(true);
  });

  test('a marker after text the project printed without a newline still opens its line', () => {
    const reader = new ProfileReader();
    expect(reader.push('partial\u001ewg-begin 7 10.00 all')).toBe(true);
    reader.push('\u001ewg-cmd 7 echo hi');
    reader.push('Installed 2 packages in 5ms');
    reader.push('\u001ewg-end 7 10.50 0');
    expect(reader.finish()).toEqual([
      expect.objectContaining({ target: 'all', command: 'echo hi', seconds: 0.5, exitCode: 0 }),
    ]);
  });

  test('a line the phase never finished (stopped) is kept with no exit code', () => {
    const reader = new ProfileReader();
    reader.push('\u001ewg-begin 9 5.00 setup');
    reader.push('\u001ewg-cmd 9 sleep 600');
    expect(reader.finish()).toEqual([expect.objectContaining({ command: 'sleep 600', exitCode: null })]);
  });
});

describe('categories of a setup', () => {
  test('the categories and the unexplained remainder add up to the phase seconds', () => {
    for (const profile of [COLD(), WARM(), FLOOR()]) {
      const sum = profile.categories.reduce((s, c) => s + c.seconds, 0);
      expect(sum + profile.unexplainedSeconds).toBeCloseTo(profile.seconds, 6);
    }
  });

  test("time outside every recipe line is make's own; venv, uv's work and named commands each in their place", () => {
    const warm = WARM();
    const by = Object.fromEntries(warm.categories.map((c) => [c.label, c.seconds]));
    expect(by["make's own overhead"]).toBeCloseTo(MAKE_SECONDS, 6);
    expect(by['venv creation']).toBe(0.12);
    expect(by['code generation']).toBe(0.84);
    expect(by.formatter).toBe(0.02);
    expect(by['preparing (downloads, local builds)']).toBeGreaterThan(0);
    // What uv did not account for in its lines is left unexplained, not folded into a category.
    const uvLines = warm.lines.filter((l) => l.kind === 'uv');
    const uvSaid = uvLines.reduce(
      (s, l) => s + (l.uv ? l.uv.resolveSeconds + l.uv.prepareSeconds + l.uv.installSeconds : 0),
      0,
    );
    const uvSeconds = uvLines.reduce((s, l) => s + l.seconds, 0);
    expect(warm.unexplainedSeconds).toBeCloseTo(uvSeconds - uvSaid, 2);
  });

  test('a failed phase names its last failing line; `-` lines that failed before it do not count', () => {
    // Three lines as the timing shell reports them: a `-rm` that failed and make went on, then the failure.
    const reader = new ProfileReader();
    [
      ['rm nothing', 1],
      ['echo ok', 0],
      ['exit 3', 3],
    ].forEach(([command, code], pid) => {
      for (const marker of [`begin ${pid} 1.00 all`, `cmd ${pid} ${command}`, `end ${pid} 1.10 ${code}`])
        reader.push(`\u001ewg-${marker}`);
    });
    const lines = reader.finish();
    const profile = buildProfile(lines, 0.5, true);
    expect(profile.failedLine).toEqual({ index: 2, target: 'all', command: 'exit 3', exitCode: 3 });
    expect(failedLineText(profile)).toBe('failing in target all at `exit 3` (exit 3); ');
    expect(buildProfile(lines, 0.5, false).failedLine).toBeUndefined();
  });

  test('commands are named by the program they run, and labelled', () => {
    expect(commandName('.venv/bin/python -m framework.codegen services/a')).toBe(
      'python -m framework.codegen',
    );
    expect(commandName('cd services/a && uv sync --frozen')).toBe('uv sync');
    expect(
      commandName(
        'if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then git config core.hooksPath .githooks; fi',
      ),
    ).toBe('git rev-parse');
    expect(commandName('uv pip install --python .venv -e .')).toBe('uv pip install');
    expect(commandName('@FOO=1 .venv/bin/ruff format x.py')).toBe('ruff format');
    expect(commandLabel('python -m framework.codegen')).toBe('code generation');
    expect(commandLabel('ruff format')).toBe('formatter');
    expect(commandLabel('git commit')).toBe('git');
    expect(commandLabel('xenon')).toBe('linter');
  });
});

test('marker lines never reach a log tail', () => {
  const text = withoutMarkers(recorded('warm-lint-separate'));
  expect(text).not.toContain('\u001e');
  expect(text).toContain('ruff format --check .');
});

test('a shell loop is named by the command it repeats, not by its echo', () => {
  const reader = new ProfileReader();
  const loop = [
    '@status=0; for service in services/billing services/orders; do \\',
    '\techo "cd $service && .venv/bin/python -m pytest"; \\',
    '\t(cd $service && .venv/bin/python -m pytest) || status=1; \\',
    'done; exit $status',
  ];
  reader.push('\u001ewg-begin 1 1.00 test');
  for (const text of loop) reader.push(`\u001ewg-cmd 1 ${text}`);
  reader.push('\u001ewg-end 1 3.00 0');
  const profile = buildProfile(reader.finish(), 2.1, false);
  expect(profile.lines[0]).toMatchObject({ kind: 'command', name: 'python -m pytest' });
  expect(profile.categories).toContainEqual({ id: 'command', label: 'tests', seconds: 2 });
});

describe('bytecode compiled at install', () => {
  test("uv's `Bytecode compiled N files in T` is its own cause, not unexplained", () => {
    const plain = WARM();
    const compiled = profileOf('warm-setup-separate', withCompileLines);
    const install = compiled.lines[1];
    expect(install?.uv).toMatchObject({ compiled: 166 });
    expect(install?.uv?.compileSeconds).toBeCloseTo(0.457, 3);
    const compiling = compiled.categories.find((c) => c.id === 'compiling');
    expect(compiling).toMatchObject({ label: 'compiling bytecode' });
    const said = compiled.lines.reduce((sum, l) => sum + (l.uv?.compileSeconds ?? 0), 0);
    expect(said).toBeCloseTo(0.457 + 1.92 + 3.83, 3);
    // Never more than its line: uv's figures are scaled down where they exceed the line's seconds.
    expect(compiling?.seconds).toBeGreaterThan(5);
    expect(compiling?.seconds).toBeLessThanOrEqual(said);
    // The recorded lines took as long: the compile's seconds come out of what was unexplained.
    expect(plain.categories.find((c) => c.id === 'compiling')).toBeUndefined();
    expect(compiled.unexplainedSeconds).toBeLessThan(plain.unexplainedSeconds);
  });
});
