import { describe, expect, test } from 'vitest';
import { agentCacheDir, withoutVariables, workerVariables } from '../../../../src/e2e/worker/agent-env.js';

const none = { env: {}, unsetEnv: [] };
const home = async () => '/home/w';

describe("the agent's environment", () => {
  test("--env adds to worker-gate's own variables and wins; --unset-env removes either", () => {
    const own = { UV_PYTHON_DOWNLOADS: 'never', GIT_AUTHOR_NAME: 'worker-gate' };
    expect(
      workerVariables(own, { env: { A: '1', GIT_AUTHOR_NAME: 'me' }, unsetEnv: ['UV_PYTHON_DOWNLOADS'] }),
    ).toEqual({
      A: '1',
      GIT_AUTHOR_NAME: 'me',
    });
    expect(workerVariables(own, none)).toEqual(own);
  });

  test('removed names go through env -u in front of the command (absent, not empty); none: the command as it is', () => {
    expect(withoutVariables(['make', 'setup'], ['PYTHONPATH', 'UV_CACHE_DIR'])).toEqual([
      'env',
      '-u',
      'PYTHONPATH',
      '-u',
      'UV_CACHE_DIR',
      '--',
      'make',
      'setup',
    ]);
    expect(withoutVariables(['make', 'setup'], [])).toEqual(['make', 'setup']);
  });

  test('the cache folder as uv finds it: UV_CACHE_DIR, else XDG_CACHE_HOME/uv, else HOME/.cache/uv', async () => {
    expect(await agentCacheDir({ UV_CACHE_DIR: '/c' }, none, home)).toBe('/c');
    expect(await agentCacheDir({ XDG_CACHE_HOME: '/x/' }, none, home)).toBe('/x/uv');
    expect(await agentCacheDir({}, none, home)).toBe('/home/w/.cache/uv');
    expect(await agentCacheDir({}, none, async () => '/')).toBe('/.cache/uv');
    expect(await agentCacheDir({ HOME: '/h' }, none, home)).toBe('/h/.cache/uv');
  });

  test('--unset-env UV_CACHE_DIR finds the cache where uv then looks; --env UV_CACHE_DIR moves it', async () => {
    const image = { UV_CACHE_DIR: '/home/w/.cache/uv-elsewhere', XDG_CACHE_HOME: '/xdg' };
    expect(await agentCacheDir(image, { env: {}, unsetEnv: ['UV_CACHE_DIR'] }, home)).toBe('/xdg/uv');
    expect(await agentCacheDir(image, { env: {}, unsetEnv: ['UV_CACHE_DIR', 'XDG_CACHE_HOME'] }, home)).toBe(
      '/home/w/.cache/uv',
    );
    expect(await agentCacheDir(image, { env: { UV_CACHE_DIR: '/mine' }, unsetEnv: [] }, home)).toBe('/mine');
  });

  test('HOME is probed only when nothing else decides', async () => {
    let asked = 0;
    const counting = async () => {
      asked += 1;
      return '/home/w';
    };
    await agentCacheDir({ UV_CACHE_DIR: '/c' }, none, counting);
    expect(asked).toBe(0);
    await agentCacheDir({}, none, counting);
    expect(asked).toBe(1);
  });
});
