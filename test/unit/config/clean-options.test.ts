import { describe, expect, test } from 'vitest';
import { resolveCleanOptions } from '../../../src/config/clean-options.js';
import { InputError } from '../../../src/model/errors.js';

function problems(raw: Parameters<typeof resolveCleanOptions>[0]): string[] {
  try {
    resolveCleanOptions(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return [(err as InputError).message, ...(err as InputError).details];
  }
  throw new Error('no problem found');
}

describe("clean's options come from the option table", () => {
  test("--run names one run; engine-timeout is the table's default", () => {
    expect(resolveCleanOptions({ run: 'wg-m1abc2-3f9e01' })).toEqual({
      scope: { runId: 'wg-m1abc2-3f9e01' },
      engineTimeoutSeconds: 120,
    });
  });

  test('--all, with an engine-timeout of its own', () => {
    expect(resolveCleanOptions({ all: true, 'engine-timeout': '30' })).toEqual({
      scope: { all: true },
      engineTimeoutSeconds: 30,
    });
  });

  test("every problem at once: the rule, then clean's own flags, then engine-timeout's bounds", () => {
    expect(problems({ run: 'x', all: true, 'engine-timeout': '3601' })).toEqual([
      'clean needs exactly one of --run ID and --all',
      `invalid --run "x": expected a run id like wg-m1abc2-3f9e01 (the first line of a run's output)`,
      'invalid --engine-timeout "3601": expected a whole number of seconds > 0 and ≤ 3600',
    ]);
    expect(problems({})).toEqual(['clean needs exactly one of --run ID and --all']);
  });
});
