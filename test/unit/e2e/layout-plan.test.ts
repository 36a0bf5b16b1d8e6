import { describe, expect, test } from 'vitest';
import {
  configuredCacheDir,
  imageCacheDir,
  planLayout,
  projectDir,
  workerMounts,
} from '../../../src/e2e/layout-plan.js';

describe('cache layouts', () => {
  test('separate: the cache volume at the image cache folder, each worker on a workspace volume of its own', () => {
    const plan = planLayout('separate', 'wg-1', '/home/worker/.cache/uv');
    expect(plan.cacheDir).toBe('/home/worker/.cache/uv');
    expect(workerMounts(plan, 'wg-1', 'b2')).toEqual({
      'wg-1-origin': '/worker-gate-origin',
      'wg-1-separate-ws-b2': '/workspace',
      'wg-1-separate-cache': '/home/worker/.cache/uv',
    });
  });

  test('shared: one volume at /workspace holds the cache and every workspace', () => {
    const plan = planLayout('shared', 'wg-1', '/home/worker/.cache/uv');
    expect(plan.cacheDir).toBe('/workspace/.uv-cache');
    expect(workerMounts(plan, 'wg-1', 'a')).toEqual({
      'wg-1-origin': '/worker-gate-origin',
      'wg-1-shared': '/workspace',
    });
  });

  test('projects sit at the same path in both layouts', () => {
    expect(projectDir('b1')).toBe('/workspace/b1/project');
  });

  test("the image's cache folder: UV_CACHE_DIR, else XDG_CACHE_HOME/uv, else ~/.cache/uv of its user", () => {
    expect(imageCacheDir({ UV_CACHE_DIR: '/cache' }, '/home/w')).toBe('/cache');
    expect(imageCacheDir({ XDG_CACHE_HOME: '/xdg' }, '/home/w')).toBe('/xdg/uv');
    expect(imageCacheDir({}, '/home/w/')).toBe('/home/w/.cache/uv');
    expect(imageCacheDir({}, '/')).toBe('/.cache/uv');
  });

  test("only a cache folder the image does not name needs its user's HOME (a probe container)", () => {
    expect(configuredCacheDir({ UV_CACHE_DIR: '/cache' })).toBe('/cache');
    expect(configuredCacheDir({ XDG_CACHE_HOME: '/xdg' })).toBe('/xdg/uv');
    expect(configuredCacheDir({ HOME: '/home/w' })).toBeUndefined();
  });
});
