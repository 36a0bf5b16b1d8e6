import { describe, expect, test } from 'vitest';
import { pythonFitCheck } from '../../../src/judge/python-fit.js';

describe('python-fits-template', () => {
  const ask = {
    requiresPython: [{ file: 'services/orders/pyproject.toml', spec: '>=3.12' }],
    minor: { version: '3.12', source: '.copier-answers.yml python_version' },
  };

  test('passes when the Python meets every requirement and is the minor asked for', () => {
    const check = pythonFitCheck('3.12.1', ask, false);
    expect(check.status).toBe('pass');
    expect(check.detail).toContain('3.12.1');
  });

  test('a newer Python than the template asks for fails, naming both versions', () => {
    const check = pythonFitCheck('3.13.0', ask, false);
    expect(check).toMatchObject({ id: 'python-fits-template', status: 'fail' });
    expect(check.detail).toContain('Python 3.13.0');
    expect(check.detail).toContain('asks for Python 3.12');
    expect(check.detail).toContain('allow-python-mismatch');
  });

  test('allow-python-mismatch turns the failure into a warning', () => {
    expect(pythonFitCheck('3.13.0', ask, true).status).toBe('warn');
  });

  test('an older Python than requires-python fails even when no minor is named', () => {
    const check = pythonFitCheck('3.11.9', { requiresPython: ask.requiresPython }, false);
    expect(check.status).toBe('fail');
    expect(check.detail).toContain('services/orders/pyproject.toml requires-python ">=3.12"');
  });

  test('a project that names no Python passes and says so', () => {
    expect(pythonFitCheck('3.12.1', { requiresPython: [] }, false).detail).toMatch(/names no Python/);
  });
});
