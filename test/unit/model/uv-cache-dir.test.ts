import { describe, expect, test } from 'vitest';
import { uvCacheDir } from '../../../src/model/uv-cache-dir.js';

describe("uv's cache folder rule", () => {
  test('the image config decides the folder when it names one', () => {
    expect(uvCacheDir({ UV_CACHE_DIR: '/c' })).toEqual({ path: '/c', from: 'UV_CACHE_DIR' });
    expect(uvCacheDir({ XDG_CACHE_HOME: '/x' })).toEqual({ path: '/x/uv', from: 'XDG_CACHE_HOME' });
    expect(uvCacheDir({})).toBeUndefined();
  });

  test('UV_CACHE_DIR wins over XDG_CACHE_HOME, which wins over HOME', () => {
    expect(uvCacheDir({ UV_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' }, '/h')?.path).toBe('/c');
    expect(uvCacheDir({ XDG_CACHE_HOME: '/x' }, '/h')?.path).toBe('/x/uv');
    expect(uvCacheDir({}, '/h')).toEqual({ path: '/h/.cache/uv', from: 'HOME' });
  });

  test('a relative XDG_CACHE_HOME is ignored; a relative UV_CACHE_DIR is kept and flagged', () => {
    expect(uvCacheDir({ XDG_CACHE_HOME: 'xdg' })).toBeUndefined();
    expect(uvCacheDir({ XDG_CACHE_HOME: 'xdg' }, '/h')?.path).toBe('/h/.cache/uv');
    expect(uvCacheDir({ UV_CACHE_DIR: 'rel/cache' })).toEqual({
      path: 'rel/cache',
      from: 'UV_CACHE_DIR',
      relative: true,
    });
  });

  test('empty variables count as unset; paths come back clean; an empty HOME is /', () => {
    expect(uvCacheDir({ UV_CACHE_DIR: '', XDG_CACHE_HOME: '' }, '/h')?.path).toBe('/h/.cache/uv');
    expect(uvCacheDir({ UV_CACHE_DIR: '/a//b/../c/' })?.path).toBe('/a/c');
    expect(uvCacheDir({ XDG_CACHE_HOME: '/x/' })?.path).toBe('/x/uv');
    expect(uvCacheDir({}, '')?.path).toBe('/.cache/uv');
  });
});
