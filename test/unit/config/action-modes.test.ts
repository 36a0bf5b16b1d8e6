// The action's modes (audit: true, merge: true): which inputs each takes and which it names as ignored.
import { describe, expect, test } from 'vitest';
import { modeInputs, modeRequested } from '../../../src/config/action-modes.js';
import { resolveMergeOptions } from '../../../src/config/merge-options.js';
import { inputErrorOf } from './helpers.js';

describe('a mode is a boolean input named like its command', () => {
  test.each(['audit', 'merge'] as const)('%s is read as a boolean; a bad value names the input', (mode) => {
    expect(modeRequested({ [mode]: 'true' }, mode)).toBe(true);
    expect(modeRequested({ [mode]: 'false' }, mode)).toBe(false);
    expect(modeRequested({}, mode)).toBe(false);
    expect(inputErrorOf(() => modeRequested({ [mode]: 'yes' }, mode)).message).toBe(
      `invalid ${mode} input "yes": expected true or false`,
    );
  });
});

describe('the action’s audit: true', () => {
  test('keeps the audit’s and the action’s own inputs, names the ignored ones', () => {
    const { overrides, ignored } = modeInputs(
      {
        audit: 'true',
        filters: ['label=role=worker'],
        'scaffolder-filters': ['label=role=scaffolder'],
        'expect-image': 'w:1',
        'baseline-report': 'both.json',
        html: 'r.html',
        comment: 'true',
        dockerfile: 'Dockerfile',
        'warm-runs': '0',
        image: 'x',
      },
      'audit',
    );
    expect(Object.keys(overrides).sort()).toEqual(
      ['audit', 'baseline-report', 'comment', 'expect-image', 'filters', 'html', 'scaffolder-filters'].sort(),
    );
    expect(ignored).toEqual(['dockerfile', 'warm-runs', 'image']);
  });
});

describe('the action’s merge: true', () => {
  test('keeps merge’s inputs, report-only among them; names the others the user set, not action.yml’s defaults', () => {
    const { overrides, ignored } = modeInputs(
      {
        merge: 'true',
        reports: ['cells/*.json'],
        'report-only': 'true',
        audit: 'false',
        image: 'x',
        'warm-runs': '2',
      },
      'merge',
    );
    expect(Object.keys(overrides)).toEqual(expect.arrayContaining(['merge', 'reports', 'report-only']));
    expect(ignored).toEqual(['image', 'warm-runs']);
    expect(resolveMergeOptions(overrides, 'action').reportOnly).toBe(true);
    expect(resolveMergeOptions({ reports: ['a.json'] }, 'action').reportOnly).toBe(false);
  });
});
