import { describe, expect, test } from 'vitest';
import { checkTargets, closestTargets, editDistance, parseTargets } from '../../../../src/e2e/run/targets.js';
import { InputError } from '../../../../src/model/errors.js';

// `make -pRrq -f Makefile __worker_gate_lists_targets__` on GNU make 4.3, cut down.
const DATABASE = `# GNU Make 4.3
# Variables
VENV := .venv
# Files

# Not a target:
__worker_gate_lists_targets__:
#  Command line target.

setup:
#  Phony target (prerequisite of .PHONY).
	uv venv

lint: setup
	ruff check .

# Not a target:
Makefile:
#  Last modified 2026-12-02

tests:
	pytest

%.o: %.c
	cc

foo.txt:
	echo

.PHONY: setup lint tests clean

clean::
	rm -rf .venv
# Finished Make data base on Wed Dec  2 00:00:00 2026
after:
`;

describe('the generated Makefile', () => {
  test('targets from the database: rules not marked "Not a target", no special or pattern rules', () => {
    expect(parseTargets(DATABASE)).toEqual(['clean', 'foo.txt', 'lint', 'setup', 'tests']);
  });

  test('no database: no targets', () => {
    expect(parseTargets("make: *** No rule to make target 'x'.  Stop.")).toEqual([]);
  });

  test('closest names: a small edit away or one inside the other, nearest first, at most three', () => {
    expect(editDistance('test', 'tests')).toBe(1);
    expect(closestTargets('test', ['clean', 'lint', 'setup', 'tests'])).toEqual(['tests']);
    expect(closestTargets('test', ['test-unit', 'tests', 'pytest', 'clean'])).toEqual([
      'tests',
      'pytest',
      'test-unit',
    ]);
    expect(closestTargets('install', ['clean', 'lint'])).toEqual([]);
  });

  test('a missing target fails naming the input and the closest one, as the config key to set', () => {
    const targets = ['clean', 'lint', 'setup', 'tests'];
    const call = () =>
      checkTargets({ 'setup-target': 'setup', 'lint-target': 'lint', 'test-target': 'test' }, targets);
    expect(call).toThrow(InputError);
    expect(call).toThrow(
      'test-target "test" is not a target of the generated Makefile; it has "tests": set test-target: tests',
    );
    try {
      call();
    } catch (err) {
      expect((err as InputError).input).toBe('test-target');
    }
  });

  test('several close ones, or none: all named', () => {
    expect(() =>
      checkTargets({ 'setup-target': 'setup', 'lint-target': 'lnt', 'test-target': 'test' }, [
        'lint',
        'lit',
        'setup',
        'test',
      ]),
    ).toThrow(
      'lint-target "lnt" is not a target of the generated Makefile; it has "lint", "lit": set lint-target to one of them',
    );
    expect(() =>
      checkTargets({ 'setup-target': 'install', 'lint-target': 'lint', 'test-target': 'test' }, [
        'lint',
        'test',
      ]),
    ).toThrow(
      'setup-target "install" is not a target of the generated Makefile; its targets are "lint", "test": set setup-target to one of them',
    );
  });

  test('every target there: nothing thrown', () => {
    expect(() =>
      checkTargets({ 'setup-target': 'setup', 'lint-target': 'lint', 'test-target': 'tests' }, [
        'lint',
        'setup',
        'tests',
      ]),
    ).not.toThrow();
  });
});
