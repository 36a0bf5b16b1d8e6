import { describe, expect, test } from 'vitest';
import { ValueError } from '../../../src/model/errors.js';
import {
  formatBytes,
  parseInteger,
  parseNumber,
  parsePercent,
  parseSize,
  parseSizeOrPercent,
} from '../../../src/model/units.js';

describe('parseSize', () => {
  test.each([
    ['312000000', 312_000_000],
    ['0', 0],
    ['500B', 500],
    ['500b', 500],
    ['1kB', 1000],
    ['1KB', 1000],
    ['1kb', 1000],
    ['500MB', 500_000_000],
    ['500mb', 500_000_000],
    ['2GB', 2_000_000_000],
    ['1.5GB', 1_500_000_000],
    ['1KiB', 1024],
    ['1kib', 1024],
    ['3MiB', 3 * 1024 ** 2],
    ['2GiB', 2 * 1024 ** 3],
    ['1.5GiB', 1_610_612_736],
    ['1.3KiB', 1331],
    ['.5GB', 500_000_000],
    [' 500 MB ', 500_000_000],
  ])('%j is %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  test.each([
    '12XB',
    '',
    'MB',
    '-5MB',
    '2g',
    '2G',
    '1TB',
    '1e9',
    '1,000',
    '1.5.2GB',
    '0x10',
    'Infinity',
    '5 M B',
  ])('%j is refused with the units listed', (text) => {
    expect(() => parseSize(text)).toThrow(ValueError);
    expect(() => parseSize(text)).toThrow(
      'expected a size like 500MB, 1.5GiB or 312000000 (units B, kB, MB, GB, KiB, MiB, GiB)',
    );
  });
});

describe('parsePercent', () => {
  test.each([
    ['10%', 10],
    ['0%', 0],
    ['12.5%', 12.5],
    ['150%', 150],
    [' 10 % ', 10],
  ])('%j is %d percent', (text, percent) => {
    expect(parsePercent(text)).toBe(percent);
  });

  test.each(['10', '', '%', '-5%', 'ten%', '10%%', '0.1'])(
    '%j is refused: the %% sign is required',
    (text) => {
      expect(() => parsePercent(text)).toThrow('expected a percent like 10%');
    },
  );
});

describe('parseSizeOrPercent', () => {
  test.each([
    ['50MB', { kind: 'bytes', bytes: 50_000_000 }],
    ['1GiB', { kind: 'bytes', bytes: 1024 ** 3 }],
    ['1000', { kind: 'bytes', bytes: 1000 }],
    ['10%', { kind: 'percent', percent: 10 }],
    ['2.5%', { kind: 'percent', percent: 2.5 }],
  ])('%j', (text, value) => {
    expect(parseSizeOrPercent(text)).toEqual(value);
  });

  test.each(['-10%', '10 percent', '%', 'XB', '-1MB', ''])('%j is refused naming both forms', (text) => {
    expect(() => parseSizeOrPercent(text)).toThrow('expected a size like 50MB or a percent like 10%');
  });
});

describe('parseNumber and parseInteger', () => {
  test.each([
    ['1', 1],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['-2', -2],
    ['+3', 3],
  ])('number %j', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  test.each(['', 'two', '1e3', '0x10', 'Infinity', 'NaN', '1.', '1,5'])('number %j is refused', (text) => {
    expect(() => parseNumber(text, 'a number > 0')).toThrow('expected a number > 0');
  });

  test.each(['1.5', '1e3', '', 'ten'])('integer %j is refused', (text) => {
    expect(() => parseInteger(text)).toThrow('expected a whole number');
  });

  test('integer digits', () => {
    expect(parseInteger('900')).toBe(900);
    expect(parseInteger('-1')).toBe(-1);
  });
});

describe('formatBytes', () => {
  test.each([
    [312_400_000, '312.4 MB (312,400,000 B)'],
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 kB (1,000 B)'],
    [1_500_000_000, '1.5 GB (1,500,000,000 B)'],
    [2 * 1024 ** 3, '2.1 GB (2,147,483,648 B)'],
    [-5_000_000, '-5.0 MB (-5,000,000 B)'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes, { exact: true })).toBe(text);
  });
});
