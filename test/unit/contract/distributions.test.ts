import { describe, expect, test } from 'vitest';
import {
  distributionPath,
  distributions,
  parseHeaders,
  parseRequiresTxt,
  requiredBy,
  requirementName,
} from '../../../src/contract/distributions.js';
import type { MetadataFile, SiteDir } from '../../../src/model/facts/contract.js';

const globalSite: SiteDir = { kind: 'global', path: '/usr/local/lib/python3.12/site-packages' };
const userSite: SiteDir = { kind: 'user', path: '/home/worker/.local/lib/python3.12/site-packages' };
const venvSite: SiteDir = { kind: 'venv', path: '/opt/venv/lib/python3.12/site-packages', venv: '/opt/venv' };

function meta(site: SiteDir, folder: string, headers: string[], requiresTxt?: string[]): MetadataFile {
  const file = `${site.path}/${folder}/${folder.endsWith('.dist-info') ? 'METADATA' : 'PKG-INFO'}`;
  return requiresTxt ? { file, site, headers, requiresTxt } : { file, site, headers };
}

describe('parseHeaders', () => {
  test('reads Name, Version and every Requires-Dist; folds continuation lines', () => {
    const headers = parseHeaders([
      'Metadata-Version: 2.1',
      'Name: PyYAML',
      'Version: 6.0.2',
      'Summary: YAML parser',
      '  and emitter',
      'Requires-Dist: foo>=1',
      'Requires-Dist: bar ; extra == "x"',
      'name: ignored-second-name',
    ]);
    expect(headers).toEqual({
      name: 'PyYAML',
      version: '6.0.2',
      requiresDist: ['foo>=1', 'bar ; extra == "x"'],
    });
  });

  test('stops at the blank line before the description', () => {
    expect(parseHeaders(['Name: a', '', 'Requires-Dist: not-a-header']).requiresDist).toEqual([]);
  });
});

describe('requirementName', () => {
  test.each([
    ['PyYAML>=5.1', 'pyyaml'],
    ['PyYAML (>=5.1)', 'pyyaml'],
    ['jinja2 ; python_version >= "3.8"', 'jinja2'],
    ['ruamel.yaml.clib>=0.2', 'ruamel-yaml-clib'],
    ['typing_extensions', 'typing-extensions'],
    ['pytest[testing]>=7', 'pytest'],
  ])('%j needs %j', (text, name) => {
    expect(requirementName(text)).toBe(name);
  });

  test.each([
    ['pytest; extra == "test"'],
    ['coverage[toml] ; (python_version < "3.11") and extra == \'toml\''],
  ])('%j is only an extra', (text) => {
    expect(requirementName(text)).toBeUndefined();
  });
});

describe('parseRequiresTxt', () => {
  test('keeps the top section and marker-only sections, drops extras', () => {
    expect(
      parseRequiresTxt([
        'PyYAML>=5',
        '# a comment',
        '',
        '[:python_version < "3.11"]',
        'tomli',
        '[test]',
        'pytest',
        '[dev:sys_platform == "win32"]',
        'colorama',
      ]),
    ).toEqual(['pyyaml', 'tomli']);
  });
});

describe('distributionPath', () => {
  test.each([
    ['/s/PyYAML-6.0.dist-info/METADATA', '/s/PyYAML-6.0.dist-info'],
    ['/s/pytest-7.2.1.egg-info/PKG-INFO', '/s/pytest-7.2.1.egg-info'],
    ['/s/six-1.16.0.egg-info', '/s/six-1.16.0.egg-info'],
    ['/s/foo-1.0-py3.12.egg/EGG-INFO/PKG-INFO', '/s/foo-1.0-py3.12.egg'],
  ])('%j is held by %j', (file, path) => {
    expect(distributionPath(file)).toBe(path);
  });
});

describe('distributions and requiredBy', () => {
  const all = distributions([
    meta(globalSite, 'PyYAML-6.0.2.dist-info', ['Name: PyYAML', 'Version: 6.0.2']),
    meta(globalSite, 'yaml_wrapper-1.0.dist-info', [
      'Name: yaml-wrapper',
      'Version: 1.0',
      'Requires-Dist: PyYAML>=6',
    ]),
    meta(userSite, 'copier-9.dist-info', ['Name: copier', 'Requires-Dist: pyyaml']),
    meta(globalSite, 'testing-1.0.dist-info', ['Name: testing', 'Requires-Dist: pyyaml; extra == "yaml"']),
    meta(venvSite, 'tool-1.egg-info', ['Name: tool'], ['PyYAML']),
    // The same folder printed by both views is one distribution.
    meta(globalSite, 'PyYAML-6.0.2.dist-info', ['Name: PyYAML', 'Version: 6.0.2']),
  ]);

  test('one entry per folder, names normalised', () => {
    expect(all.map((d) => d.key)).toEqual(['pyyaml', 'yaml-wrapper', 'copier', 'testing', 'tool']);
    expect(all[0]).toMatchObject({ name: 'PyYAML', version: '6.0.2', environment: 'global' });
    expect(all[4]).toMatchObject({ environment: '/opt/venv', requires: ['pyyaml'] });
  });

  test("needers come from the same interpreter's view (global and user site together), extras aside", () => {
    const pyyaml = all[0];
    if (!pyyaml) throw new Error('no pyyaml');
    expect(requiredBy(pyyaml, all).map((d) => d.name)).toEqual(['yaml-wrapper', 'copier']);
  });

  test('a name missing from the metadata comes from the folder name', () => {
    const [dist] = distributions([meta(globalSite, 'Odd_Name-1.0.dist-info', ['Metadata-Version: 2.1'])]);
    expect(dist?.key).toBe('odd-name');
  });
});
