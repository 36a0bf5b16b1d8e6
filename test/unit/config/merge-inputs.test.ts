// The action's `merge: true`: which inputs it takes (report-only among them) and which it names as ignored.
import { describe, expect, test } from 'vitest';
import { mergeInputs } from '../../../src/config/merge-inputs.js';
import { resolveMergeOptions } from '../../../src/config/merge-options.js';

describe('the action’s merge: true', () => {
  test('keeps merge’s inputs, report-only among them; names the others the user set, not action.yml’s defaults', () => {
    const { overrides, ignored } = mergeInputs({
      merge: 'true',
      reports: ['cells/*.json'],
      'report-only': 'true',
      audit: 'false',
      image: 'x',
      'warm-runs': '2',
    });
    expect(Object.keys(overrides)).toEqual(expect.arrayContaining(['merge', 'reports', 'report-only']));
    expect(ignored).toEqual(['image', 'warm-runs']);
    expect(resolveMergeOptions(overrides, 'action').reportOnly).toBe(true);
    expect(resolveMergeOptions({ reports: ['a.json'] }, 'action').reportOnly).toBe(false);
  });
});
