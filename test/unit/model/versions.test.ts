import { describe, expect, test } from 'vitest';
import { normalizeName } from '../../../src/config/pep503.js';
import { ValueError } from '../../../src/model/errors.js';
import { extractVersion, parseRequireSpec, satisfies } from '../../../src/model/versions.js';

describe('parseRequireSpec', () => {
  test.each([
    ['uv', 'uv', ''],
    ['uv>=0.9,<1', 'uv', '>=0.9,<1'],
    ['uv >= 0.9 , < 1', 'uv', '>= 0.9,< 1'],
    ['python3>=3.12,<3.13', 'python3', '>=3.12,<3.13'],
    ['git>=2', 'git', '>=2'],
    ['make==4.3', 'make', '==4.3'],
    ['python3==3.12.*', 'python3', '==3.12.*'],
    ['uv~=0.9', 'uv', '~=0.9'],
    ['uv!=0.5.0', 'uv', '!=0.5.0'],
    ['py.test>1', 'py.test', '>1'],
  ])('%j → name %j, range %j', (text, name, range) => {
    const spec = parseRequireSpec(text);
    expect(spec.name).toBe(name);
    expect(spec.range).toBe(range);
  });

  test('clauses hold operator and release segments', () => {
    expect(parseRequireSpec('uv>=0.9,<1').clauses).toEqual([
      { op: '>=', release: [0, 9], wildcard: false },
      { op: '<', release: [1], wildcard: false },
    ]);
  });

  test.each([
    ['', 'a command NAME'],
    ['>=1', 'a command NAME'],
    ['$(rm -rf /)', 'a command NAME'],
    ['uv=>0.9', 'cannot read the clause "=>0.9"'],
    ['uv 0.9', 'cannot read the clause "0.9"'],
    ['uv>=0.9,', 'cannot read the clause ""'],
    ['uv>=x', 'cannot read the clause ">=x"'],
    ['uv;rm>=1', 'cannot read the clause ";rm>=1"'],
    ['uv~=1', '"~=" needs at least two segments'],
    ['uv>=3.*', '".*" goes with == and != only'],
  ])('%j is refused: %s', (text, detail) => {
    expect(() => parseRequireSpec(text)).toThrow(ValueError);
    expect(() => parseRequireSpec(text)).toThrow(detail);
  });
});

describe('satisfies', () => {
  test.each([
    ['0.13.9', 'uv>=0.9,<1', true],
    ['1.0.0', 'uv>=0.9,<1', false],
    ['0.8.22', 'uv>=0.9,<1', false],
    ['0.9', 'uv>=0.9,<1', true],
    ['3.12.1', 'python3>=3.12,<3.13', true],
    ['3.13.0', 'python3>=3.12,<3.13', false],
    ['3.11.9', 'python3>=3.12,<3.13', false],
    ['2.39.5', 'git>=2', true],
    ['1.9', 'git>=2', false],
    ['4.3', 'make==4.3', true],
    ['4.3.0', 'make==4.3', true],
    ['4.3.1', 'make==4.3', false],
    ['4.3.1', 'make!=4.3', true],
    ['3.12.7', 'python3==3.12.*', true],
    ['3.13.0', 'python3==3.12.*', false],
    ['3.13.0', 'python3!=3.12.*', true],
    ['0.9.5', 'uv~=0.9', true],
    ['1.0', 'uv~=0.9', false],
    ['1.4.9', 'x~=1.4.5', true],
    ['1.5.0', 'x~=1.4.5', false],
    ['1.4.4', 'x~=1.4.5', false],
    ['2.0', 'x>1.9', true],
    ['1.9', 'x>1.9', false],
    ['1.9', 'x<=1.9', true],
    ['0.13.9rc1', 'uv>=0.13.9', true],
    ['v2.1', 'x>=2', true],
    ['anything', 'x', false],
    ['5', 'x', true],
  ])('%j meets %j: %s', (version, spec, expected) => {
    expect(satisfies(version, parseRequireSpec(spec))).toBe(expected);
  });

  test('takes bare clauses too', () => {
    expect(satisfies('1.2', parseRequireSpec('x>=1').clauses)).toBe(true);
  });
});

describe('extractVersion', () => {
  test.each([
    ['uv 0.13.9 (abc1234 2025-01-01)', '0.13.9'],
    ['uvx 0.13.9', '0.13.9'],
    ['Python 3.12.1', '3.12.1'],
    ['git version 2.39.5', '2.39.5'],
    ['git version 2.39.5.windows.1', '2.39.5'],
    ['GNU Make 4.3\nBuilt for x86_64-pc-linux-gnu', '4.3'],
    ['ruff v0.6.1', '0.6.1'],
    ['tool-1.2.3', '1.2.3'],
    ['built on ubuntu22.04, version 1.0', '1.0'],
    ['no version here', undefined],
    ['version 7', undefined],
  ])('%j → %j', (text, version) => {
    expect(extractVersion(text)).toBe(version);
  });
});

describe('normalizeName (PEP 503)', () => {
  test.each([
    ['PyYAML', 'pyyaml'],
    ['pytest_cov', 'pytest-cov'],
    ['pytest-cov', 'pytest-cov'],
    ['Jinja2', 'jinja2'],
    ['zope.interface', 'zope-interface'],
    ['a__-._b', 'a-b'],
    ['Py.YAML', 'py-yaml'],
  ])('%j → %j', (name, normalized) => {
    expect(normalizeName(name)).toBe(normalized);
  });
});
