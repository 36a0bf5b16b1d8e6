import { describe, expect, test } from 'vitest';
import { phaseFailure, tail } from '../../../src/e2e/phases.js';

const role = { worker: 'A' as const, layout: 'separate' as const, title: 'worker A (cold, separate layout)' };
const req = {
  name: 'test' as const,
  label: 'make test',
  cmd: ['make', 'test'],
  workdir: '/w',
  timeoutSeconds: 900,
};

describe('phase failures', () => {
  const output = `${Array.from({ length: 80 }, (_, i) => `line ${i + 1}`).join('\n')}\n\u001b[31mFAILED tests/test_x.py::test_y\u001b[0m\n`;

  test('the last 50 lines, without colour codes', () => {
    const lines = tail(output).split('\n');
    expect(lines).toHaveLength(50);
    expect(lines.at(-1)).toBe('FAILED tests/test_x.py::test_y');
    expect(lines[0]).toBe('line 32');
  });

  test('a non-zero exit names the gate, the worker, the phase, the target and the exit code', () => {
    const failure = phaseFailure(
      role,
      req,
      { name: 'test', seconds: 3, exitCode: 2, timedOut: false },
      output,
    );
    expect(failure.gate).toBe('e2e:A:test');
    expect(failure.message.split('\n')[0]).toBe(
      'worker A (cold, separate layout): phase test (make test) exited with 2; last 50 lines:',
    );
    expect(failure.message).toContain('FAILED tests/test_x.py::test_y');
  });

  test('a timeout says so, with the limit', () => {
    const failure = phaseFailure(
      role,
      { ...req, timeoutSeconds: 5 },
      { name: 'test', seconds: 5, exitCode: 137, timedOut: true },
      'x',
    );
    expect(failure.message).toMatch(/timed out after 5 s \(phase-timeout\) and was stopped/);
  });
});
