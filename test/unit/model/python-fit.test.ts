import { describe, expect, test } from 'vitest';
import { meetsSpecifier, pythonFit } from '../../../src/model/python-fit.js';

describe("the fit of the worker's Python to what the project asks", () => {
  const ask = {
    requiresPython: [{ file: 'services/orders/pyproject.toml', spec: '>=3.12' }],
    minor: { version: '3.12', source: '.copier-answers.yml python_version' },
  };

  test('passes when the Python meets every requirement and is the minor asked for', () => {
    const fit = pythonFit({ python: '3.12.1', ask }, false);
    expect(fit.status).toBe('pass');
    expect(fit.detail).toContain('3.12.1');
  });

  test('a newer Python than the template asks for fails, naming both versions', () => {
    const fit = pythonFit({ python: '3.13.0', ask }, false);
    expect(fit.status).toBe('fail');
    expect(fit.detail).toContain('Python 3.13.0');
    expect(fit.detail).toContain('asks for Python 3.12');
    expect(fit.detail).toContain('allow-python-mismatch');
  });

  test('allow-python-mismatch turns the failure into a warning', () => {
    expect(pythonFit({ python: '3.13.0', ask }, true).status).toBe('warn');
  });

  test('an older Python than requires-python fails even when no minor is named', () => {
    const fit = pythonFit({ python: '3.11.9', ask: { requiresPython: ask.requiresPython } }, false);
    expect(fit.status).toBe('fail');
    expect(fit.detail).toContain('services/orders/pyproject.toml requires-python ">=3.12"');
  });

  test('a project that names no Python passes and says so', () => {
    expect(pythonFit({ python: '3.12.1', ask: { requiresPython: [] } }, false).detail).toMatch(
      /names no Python/,
    );
  });

  test('no python3 fails; unreadable requirements warn with the reason', () => {
    expect(pythonFit({}, true)).toEqual({
      status: 'fail',
      detail: 'the worker has no python3 on PATH to run the project',
    });
    expect(pythonFit({ python: '3.12.1', unreadable: 'no pyproject.toml' }, false)).toEqual({
      status: 'warn',
      detail: "cannot read the project's Python requirements: no pyproject.toml",
    });
  });
});

test('PEP 440 specifiers with spaces, upper bounds and wildcards', () => {
  expect(meetsSpecifier('3.12.1', '>=3.12')).toBe(true);
  expect(meetsSpecifier('3.13.0', '>= 3.12, < 3.13')).toBe(false);
  expect(meetsSpecifier('3.12.7', '==3.12.*')).toBe(true);
  expect(meetsSpecifier('3.12.1', '~=3.11')).toBe(true);
  expect(meetsSpecifier('3.12.1', 'garbage')).toBeUndefined();
});
