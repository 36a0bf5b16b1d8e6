import { describe, expect, test } from 'vitest';
import { cacheDirOf, mountHolding } from '../../../src/audit/cache-dir.js';
import { worker } from './worker.js';

describe('the uv cache folder a worker resolves, as uv does', () => {
  test.each([
    [{ UV_CACHE_DIR: '/cache/uv/' }, { path: '/cache/uv', from: 'UV_CACHE_DIR' }],
    [{ UV_CACHE_DIR: 'rel/uv' }, { path: 'rel/uv', from: 'UV_CACHE_DIR', relative: true }],
    [
      { XDG_CACHE_HOME: '/xdg', HOME: '/h' },
      { path: '/xdg/uv', from: 'XDG_CACHE_HOME' },
    ],
    // XDG ignores a relative value: HOME decides.
    [
      { XDG_CACHE_HOME: 'xdg', HOME: '/h' },
      { path: '/h/.cache/uv', from: 'HOME', home: { path: '/h', from: 'env' } },
    ],
    [{}, { path: '/home/worker/.cache/uv', from: 'HOME', home: { path: '/home/worker', from: 'passwd' } }],
  ])('%j → %j', (env, expected) => {
    expect(cacheDirOf(worker({ env }))).toEqual(expected);
  });

  test('a user the image does not list gets HOME=/, as the engine gives it', () => {
    expect(cacheDirOf(worker({ env: {}, user: '4242' }))).toEqual({
      path: '/.cache/uv',
      from: 'HOME',
      home: { path: '/', from: 'default' },
    });
  });

  test('the mount holding a folder is the deepest one above it, never a name prefix', () => {
    const mounts = [
      { type: 'volume', name: 'home', destination: '/home/worker' },
      { type: 'volume', name: 'cache', destination: '/home/worker/.cache/uv' },
      { type: 'volume', name: 'other', destination: '/home/work' },
    ];
    expect(mountHolding(mounts, '/home/worker/.cache/uv/wheels')?.name).toBe('cache');
    expect(mountHolding(mounts, '/home/worker/.cache')?.name).toBe('home');
    expect(mountHolding(mounts, '/home/workspace')).toBeUndefined();
    expect(mountHolding([{ type: 'bind', destination: '/' }], '/anything')?.type).toBe('bind');
  });
});
