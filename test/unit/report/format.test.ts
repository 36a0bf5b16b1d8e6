import { describe, expect, it } from 'vitest';
import { formatPercent, formatRatio, formatSeconds } from '../../../src/model/numbers.js';
import { shortImageId, truncate } from '../../../src/model/text.js';
import { formatBytes, formatSignedBytes } from '../../../src/model/units.js';
import { cleanLog, escapeHtml, formatSpreadStats, lastLines } from '../../../src/report/format.js';

describe('figures as people read them', () => {
  it.each([
    [0, '0 B'],
    [812, '812 B'],
    [1000, '1 kB'],
    [112_640, '112.6 kB'],
    [247_768_335, '247.8 MB'],
    [1_610_612_736, '1.6 GB'],
  ])('formatBytes(%d) is %s (decimal units, as docker prints)', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('signs size and percent changes', () => {
    expect(formatSignedBytes(90_658_211)).toBe('+90.7 MB');
    expect(formatSignedBytes(-90_658_211)).toBe('−90.7 MB');
    expect(formatSignedBytes(0)).toBe('±0 B');
    expect(formatPercent(36.59, { signed: true })).toBe('+36.6 %');
    expect(formatPercent(-26.79, { signed: true })).toBe('−26.8 %');
    expect(formatPercent(0.01, { signed: true })).toBe('±0 %');
  });

  it('prints every percent one way: to a tenth, a space before %, one minus sign', () => {
    expect(formatPercent(5.5)).toBe('5.5 %');
    expect(formatPercent(82.98)).toBe('83 %');
    expect(formatPercent(-3.23)).toBe('−3.2 %');
    expect(formatPercent(0)).toBe('0 %');
  });

  it('formats seconds and ratios, with a dash for what was not measured', () => {
    expect(formatSeconds(9.842)).toBe('9.8 s');
    expect(formatSeconds(164.9)).toBe('2 min 45 s');
    expect(formatSeconds(null)).toBe('—');
    expect(formatRatio(1.5333)).toBe('1.5×');
    expect(formatRatio(12.4)).toBe('12×');
    expect(formatRatio(undefined)).toBe('—');
  });

  it('says n, mean ± sd, the interval and the outliers beside a median, each figure rounded once', () => {
    expect(
      formatSpreadStats({
        n: 5,
        median: 12,
        min: 10,
        max: 30,
        mean: 15.2,
        sd: 8.349,
        outliers: [30],
        interval: { low: 10.5, high: 13 },
      }),
    ).toBe('n = 5, mean 15.2 s ± 8.3 s, 95 % interval 10.5 s … 13.0 s, outlier 30.0 s');
    expect(formatSpreadStats({ n: 1, median: 7.25, min: 7.25, max: 7.25, mean: 7.25, outliers: [] })).toBe(
      'n = 1, mean 7.3 s',
    );
    // A spread recorded before issue 25 has no n: nothing is made up for it.
    expect(formatSpreadStats({ median: 7, min: 6, max: 8 })).toBeUndefined();
  });

  it('shortens image ids as docker does', () => {
    expect(shortImageId(`sha256:${'0a1b2c3d4e5f'.repeat(5)}abcd`)).toBe('0a1b2c3d4e5f');
  });
});

describe('text helpers', () => {
  it('cleans a log tail: colour codes, carriage-return progress and control characters go', () => {
    expect(
      cleanLog('\u001b[31mFAILED\u001b[0m x\nDownloading 10%\rDownloading 100%\r\nbell\u0007 done'),
    ).toBe('FAILED x\nDownloading 100%\nbell done');
  });

  it('keeps the last lines of a log, without trailing blank ones', () => {
    expect(lastLines('a\nb\nc\nd\n\n', 2)).toBe('c\nd');
  });

  it('truncates long text with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
