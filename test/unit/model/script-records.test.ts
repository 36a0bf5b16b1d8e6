import { describe, expect, test } from 'vitest';
import { fields, parseRecords, reachedEnd, wholeNumber } from '../../../src/model/script-records.js';

describe('the record format of the scripts inside containers', () => {
  test('records among stray output; the last field keeps its spaces', () => {
    const records = parseRecords(
      'sh: warning\n@@wg exe ruff /opt/my tools/ruff\r\n@@wg done\n@@wgnot a record\n',
    );
    expect(records).toEqual([
      { kind: 'exe', text: 'ruff /opt/my tools/ruff' },
      { kind: 'done', text: '' },
    ]);
    expect(fields(records[0]?.text ?? '', 2)).toEqual(['ruff', '/opt/my tools/ruff']);
    expect(fields('only', 2)).toBeUndefined();
    expect(reachedEnd(records)).toBe(true);
  });

  test('a block keeps its lines exactly, empty ones too, and cannot be mistaken for records', () => {
    const out = '@@wg begin config makefile /p/Makefile\n| setup:\n|\n| @@wg done\n| \n@@wg end\n';
    expect(parseRecords(out)).toEqual([
      { kind: 'config', text: 'makefile /p/Makefile', lines: ['setup:', '', '@@wg done', ''] },
    ]);
    expect(reachedEnd(parseRecords(out))).toBe(false);
  });

  test('a block cut off before its end is dropped', () => {
    expect(parseRecords('@@wg site global /s\n@@wg begin meta /s/x\n| Name: x\n')).toEqual([
      { kind: 'site', text: 'global /s' },
    ]);
  });

  test('whole numbers only', () => {
    expect([wholeNumber('12'), wholeNumber('-1'), wholeNumber('?'), wholeNumber(undefined)]).toEqual([
      12,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
