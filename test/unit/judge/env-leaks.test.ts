import { describe, expect, test } from 'vitest';
import { envLeaksCheck, leakingVariables } from '../../../src/judge/env-leaks.js';

describe('env-leaks', () => {
  test("PYTHONPATH, PYTHONHOME, VIRTUAL_ENV, UV_* and PIP_* reach every project's tools", () => {
    expect(
      leakingVariables({
        PATH: '/usr/bin',
        PYTHONPATH: '/opt/agent',
        PYTHONHOME: '/x',
        VIRTUAL_ENV: '/venv',
        UV_INDEX_URL: 'https://mirror',
        PIP_NO_CACHE_DIR: '1',
        PYTHONNOUSERSITE: '1',
        HOME: '/home/w',
      }),
    ).toEqual(['PIP_NO_CACHE_DIR', 'PYTHONHOME', 'PYTHONPATH', 'UV_INDEX_URL', 'VIRTUAL_ENV']);
  });

  test("the worker's own uv settings (cache folder, the image's Python) are not leaks: no check at all", () => {
    expect(
      envLeaksCheck({
        UV_CACHE_DIR: '/home/worker/.cache/uv',
        UV_PYTHON_DOWNLOADS: 'never',
        UV_PYTHON_PREFERENCE: 'only-system',
        PYTHONNOUSERSITE: '1',
      }),
    ).toBeUndefined();
  });

  test('a warning naming each variable with its value, and the --unset-env that runs like production', () => {
    const check = envLeaksCheck({ PYTHONPATH: '/opt/agent', UV_CACHE_DIR: '/c' });
    expect(check).toMatchObject({ id: 'env-leaks', status: 'warn' });
    expect(check?.summary).toContain('the image sets PYTHONPATH=/opt/agent');
    expect(check?.summary).toContain('--unset-env PYTHONPATH');
    expect(check?.summary).not.toContain('UV_CACHE_DIR');
  });
});
