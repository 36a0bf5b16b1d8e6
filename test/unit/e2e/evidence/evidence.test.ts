import { describe, expect, test } from 'vitest';
import { evidenceArgs, parseEvidence } from '../../../../src/e2e/evidence/evidence.js';

describe('the evidence request and what is read from it', () => {
  test('one exec asks for every part at once; sizing the cache only when asked', () => {
    expect(evidenceArgs({ cache: { dir: '/c', withBytes: true }, project: '/p' })).toEqual([
      'cache+bytes',
      '/c',
      'project',
      '/p',
    ]);
    expect(evidenceArgs({ cache: { dir: '/c', withBytes: false } })).toEqual(['cache', '/c']);
    expect(evidenceArgs({ ask: '/p' })).toEqual(['ask', '/p']);
  });

  test('the parts asked for are read', () => {
    const json = {
      cache: { entries: ['wheel:pypi:six/1.17.0-py2.py3-none-any'], bytes: 10 },
      project: {
        installs: 2,
        samples: [{ dist: 'six-1.17.0', path: '/p/six.py', nlink: 2, symlink: false }],
        venvs: ['/p/.venv'],
        config: [],
      },
    };
    const evidence = parseEvidence(json, { cache: { dir: '/c', withBytes: true }, project: '/p' });
    expect(evidence.cache).toEqual({ entries: ['wheel:pypi:six/1.17.0-py2.py3-none-any'], bytes: 10 });
    expect(evidence.project?.installs).toBe(2);
  });

  test('a part asked for and missing is an error, not an empty proof', () => {
    expect(() => parseEvidence({}, { cache: { dir: '/c', withBytes: false } })).toThrow(/no cache listing/);
    expect(() => parseEvidence({ project: { installs: 1 } }, { project: '/p' })).toThrow(
      /no project evidence/,
    );
    expect(() => parseEvidence(null, { ask: '/p' })).toThrow(/no project files/);
  });
});
