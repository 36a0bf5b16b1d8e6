import { describe, expect, test } from 'vitest';
import { pythonMinorOf, readYamlRecord, requiresPythonOf } from '../../../../src/e2e/evidence/python-fit.js';

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
});
