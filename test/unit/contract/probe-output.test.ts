import { describe, expect, test } from 'vitest';
import { parseViewOutput } from '../../../src/contract/probe-output.js';

const sample = [
  'some stray stderr line',
  '@@wg identity 1000 1000 /home/worker',
  '@@wg cache-dir present drwxr-xr-x 1000 1000 /home/worker/.cache/uv',
  '@@wg begin version uv 0 /usr/local/bin/uv',
  '| uv 0.13.9',
  '@@wg end',
  '@@wg begin version make 2 /usr/bin/make',
  '| make: *** weird',
  '|',
  '| second line',
  '@@wg end',
  '@@wg missing git',
  '@@wg resolve ruff /home/worker/my tools/ruff',
  '@@wg exe pytest /usr/bin/pytest',
  '@@wg site global /usr/local/lib/python3.12/site-packages',
  '@@wg begin meta /usr/local/lib/python3.12/site-packages/PyYAML-6.0.2.dist-info/METADATA',
  '| Metadata-Version: 2.1',
  '| Name: PyYAML',
  '@@wg end',
  '@@wg venv /opt/venv',
  '@@wg site venv /opt/venv/lib/python3.12/site-packages',
  '@@wg begin meta /opt/venv/lib/python3.12/site-packages/x.egg-info/PKG-INFO',
  '| Name: x',
  '@@wg end',
  '@@wg begin requires /opt/venv/lib/python3.12/site-packages/x.egg-info/requires.txt',
  '| pyyaml',
  '| [test]',
  '| pytest',
  '@@wg end',
  '@@wg done',
].join('\n');

describe('parseViewOutput', () => {
  const view = parseViewOutput(sample);

  test('reads identity and the cache folder as the image left it', () => {
    expect(view.identity).toEqual({ uid: 1000, gid: 1000, home: '/home/worker' });
    expect(view.cacheDir).toEqual({
      path: '/home/worker/.cache/uv',
      present: true,
      mode: 'drwxr-xr-x',
      uid: 1000,
      gid: 1000,
    });
  });

  test('keeps version blocks whole, blank lines included, with the exit status', () => {
    expect(view.versions).toEqual([
      { name: 'uv', path: '/usr/local/bin/uv', exitCode: 0, output: 'uv 0.13.9' },
      { name: 'make', path: '/usr/bin/make', exitCode: 2, output: 'make: *** weird\n\nsecond line' },
    ]);
    expect(view.missing).toEqual(['git']);
  });

  test('a path is the rest of the line, spaces included', () => {
    expect(view.resolved.get('ruff')).toBe('/home/worker/my tools/ruff');
    expect(view.executables).toEqual([{ name: 'pytest', path: '/usr/bin/pytest' }]);
  });

  test('metadata belongs to the site printed before it; requires.txt to the metadata before it', () => {
    expect(view.sites.map((s) => s.kind)).toEqual(['global', 'venv']);
    expect(view.metadata[0]?.site.path).toBe('/usr/local/lib/python3.12/site-packages');
    expect(view.metadata[0]?.headers).toEqual(['Metadata-Version: 2.1', 'Name: PyYAML']);
    expect(view.metadata[1]?.site).toEqual({
      kind: 'venv',
      path: '/opt/venv/lib/python3.12/site-packages',
      venv: '/opt/venv',
    });
    expect(view.metadata[1]?.requiresTxt).toEqual(['pyyaml', '[test]', 'pytest']);
    expect(view.complete).toBe(true);
  });

  test('output that stops early is not complete', () => {
    expect(parseViewOutput('@@wg identity 0 0 /root\n').complete).toBe(false);
  });

  test('an identity with no numbers is not taken as uid 0', () => {
    expect(parseViewOutput('@@wg identity   /root\n@@wg done').identity).toBeUndefined();
  });

  test('a missing cache folder keeps only its path', () => {
    expect(parseViewOutput('@@wg cache-dir missing - - - /opt/cache').cacheDir).toEqual({
      path: '/opt/cache',
      present: false,
    });
  });
});
