import { describe, expect, test } from 'vitest';
import {
  meetsSpecifier,
  pythonMinorOf,
  readYamlRecord,
  requiresPythonOf,
} from '../../../src/e2e/evidence/python-fit.js';
import { pythonFitCheck } from '../../../src/judge/python-fit.js';

const answers =
  '# Changes here will be overwritten by Copier\n_commit: "ffa3ae2"\n_src_path: "/tmp/t"\nproject_name: "demo-service"\npython_version: "3.12"\nuv_link_mode: ""\n';

describe('what the project asks of Python', () => {
  test('requires-python is read from the [project] table only', () => {
    expect(
      requiresPythonOf(
        '[build-system]\nrequires = ["hatchling"]\n[project]\nname = "orders"\nrequires-python = ">=3.12"\n',
      ),
    ).toBe('>=3.12');
    expect(requiresPythonOf('[tool.x]\nrequires-python = ">=3.9"\n')).toBeUndefined();
  });

  test('the python_version answer of .copier-answers.yml, or the default in copier.yml', () => {
    expect(pythonMinorOf(readYamlRecord(answers))).toEqual({ key: 'python_version', version: '3.12' });
    expect(pythonMinorOf(readYamlRecord('python_version:\n  type: str\n  default: "3.13"\n'))).toEqual({
      key: 'python_version',
      version: '3.13',
    });
    expect(pythonMinorOf(readYamlRecord('project_name: x\n'))).toBeUndefined();
    expect(readYamlRecord(': not yaml : [')).toEqual({});
  });

  test('PEP 440 specifiers with spaces, upper bounds and wildcards', () => {
    expect(meetsSpecifier('3.12.1', '>=3.12')).toBe(true);
    expect(meetsSpecifier('3.13.0', '>= 3.12, < 3.13')).toBe(false);
    expect(meetsSpecifier('3.12.7', '==3.12.*')).toBe(true);
    expect(meetsSpecifier('3.12.1', '~=3.11')).toBe(true);
    expect(meetsSpecifier('3.12.1', 'garbage')).toBeUndefined();
  });
});

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
