import { describe, expect, test } from 'vitest';
import { describeEntry, newDistributions, provedState } from '../../../../src/e2e/evidence/cache-state.js';

describe('cache state', () => {
  test('downloads are the index distributions new in the cache after the setup', () => {
    const before = {
      entries: ['wheel:pypi:copier/9.19.1-py3-none-any', 'wheel:pypi:pyyaml/6.0.4-00b06ae7f1096870'],
    };
    const after = {
      entries: [
        ...before.entries,
        'wheel:pypi:ruff/0.17.6-py3-none-manylinux_2_17_x86_64',
        'sdist:index/b2a7:six/1.16.0',
      ],
    };
    expect(newDistributions(before, after)).toEqual([
      'wheel:pypi:ruff/0.17.6-py3-none-manylinux_2_17_x86_64',
      'sdist:index/b2a7:six/1.16.0',
    ]);
  });

  test('cold needs a cache created empty and at least one download', () => {
    expect(provedState('cold', 33, true)).toBe('cold');
    expect(provedState('cold', 0, true)).toBe('not-cold');
    expect(provedState('cold', 33, false)).toBe('not-cold');
    expect(provedState('cold', undefined, true)).toBe('not-cold');
  });

  test('warm needs zero downloads, proved', () => {
    expect(provedState('warm', 0, false)).toBe('warm');
    expect(provedState('warm', 2, false)).toBe('not-warm');
    expect(provedState('warm', undefined, false)).toBe('not-warm');
  });

  test('a cache key in words', () => {
    expect(describeEntry('wheel:pypi:ruff/0.17.6-py3-none-manylinux_2_17_x86_64')).toBe('ruff 0.17.6');
    expect(describeEntry('wheel:pypi:sqlalchemy/2.1.9-00b06ae7f1096870')).toBe('sqlalchemy 2.1.9');
    expect(describeEntry('sdist:index/b2a7:six/1.16.0')).toBe('six 1.16.0 (sdist)');
  });
});
