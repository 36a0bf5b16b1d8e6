import { describe, expect, test } from 'vitest';
import { needsPasswd, parsePasswd, resolveUser } from '../../../src/audit/passwd.js';
import { PASSWD } from './worker.js';

describe('the worker user from the image’s /etc/passwd', () => {
  test('parsePasswd keeps well-formed lines and skips comments and junk', () => {
    const entries = parsePasswd('# c\nroot:x:0:0:root:/root:/bin/sh\nbroken line\nx:x:abc:0::/x:/bin/sh\n');
    expect(entries).toEqual([{ name: 'root', uid: 0, gid: 0, home: '/root' }]);
  });

  test.each([
    ['worker', { uid: 1000, home: '/home/worker' }],
    ['worker:staff', { uid: 1000, home: '/home/worker' }],
    ['1000', { uid: 1000, home: '/home/worker' }],
    ['1000:1000', { uid: 1000, home: '/home/worker' }],
    ['', { uid: 0, home: '/root' }],
    ['root', { uid: 0, home: '/root' }],
    ['4242', { uid: 4242 }],
    ['ghost', {}],
  ])('%j → %j', (configured, expected) => {
    const { configured: _c, ...rest } = resolveUser(configured, PASSWD);
    expect(rest).toEqual(expected);
  });

  test('without the file: root and numeric users still have a uid, a named one has none', () => {
    expect(resolveUser('', undefined).uid).toBe(0);
    expect(resolveUser('1000', undefined).uid).toBe(1000);
    expect(resolveUser('worker', undefined).uid).toBeUndefined();
  });

  test('the file is read only when a name or the cache folder depends on it', () => {
    expect(needsPasswd('worker', { UV_CACHE_DIR: '/c' })).toBe(true);
    expect(needsPasswd('1000', { UV_CACHE_DIR: '/c' })).toBe(false);
    expect(needsPasswd('root', { HOME: '/root' })).toBe(false);
    expect(needsPasswd('1000', {})).toBe(true);
    expect(needsPasswd('1000', { XDG_CACHE_HOME: '/x' })).toBe(false);
    expect(needsPasswd('1000', { XDG_CACHE_HOME: 'relative' })).toBe(true);
  });
});
