// A merged matrix names a cell's failures `<cell>:<gate>`, an audit over several
// engines a host's `<host>:<gate>` (a host may hold colons itself): the flat
// failure list groups them within their cell or host and gives each its gate's
// own remedy, never the generic one.
import { describe, expect, test } from 'vitest';
import { remedyFor } from '../../../../src/report/remedies.js';
import { buildView } from '../../../../src/report/view/index.js';
import { loadFixture } from '../fixtures.js';

const GENERIC = remedyFor('no-such-gate');

describe('scoped failures in the flat list', () => {
  test('a matrix cell’s failure: its gate’s remedy, the cell kept in its name', () => {
    const view = buildView(loadFixture('merged-matrix'));
    expect(view.failureGroups.map((g) => [g.family, g.remedy])).toEqual([
      ['node+service@v2+full:max-wasted-bytes', remedyFor('max-wasted-bytes')],
      ['base+tiny+gpu-worker:e2e:A:setup', remedyFor('e2e:A:setup')],
    ]);
    expect(view.failureGroups.map((g) => g.members.map((m) => m.gate))).toEqual([
      ['node+service@v2+full:max-wasted-bytes'],
      ['base+tiny+gpu-worker:e2e:A:setup'],
    ]);
  });

  test('a host’s failure (a host with a port): its family’s remedy naming the worker', () => {
    const view = buildView(loadFixture('synthetic-audit-hosts-drift'));
    const [host, drift] = view.failureGroups;
    expect(host?.family).toBe('tcp://10.0.0.6:2376:pids-limit');
    expect(host?.remedy).toBe(remedyFor('pids-limit:workers-2-dev-2'));
    expect(host?.remedy).toContain('`workers-2-dev-2`');
    expect(host?.members.map((m) => [m.gate, m.name])).toEqual([
      ['tcp://10.0.0.6:2376:pids-limit:workers-2-dev-2', 'workers-2-dev-2'],
    ]);
    expect(drift?.family).toBe('image-drift');
    for (const group of view.failureGroups) expect(group.remedy).not.toBe(GENERIC);
  });

  test('one family failing in two cells is two groups, one per cell', () => {
    const report = loadFixture('merged-matrix');
    report.failures = [
      { gate: 'a+t:forbid-package:pytest', message: 'pytest is installed' },
      { gate: 'b+t:forbid-package:pytest', message: 'pytest is installed' },
      { gate: 'a+t:forbid-package:mypy', message: 'mypy is installed' },
    ];
    report.cells = [
      { ...(report.cells?.[0] as NonNullable<typeof report.cells>[number]), id: 'a+t' },
      { ...(report.cells?.[0] as NonNullable<typeof report.cells>[number]), id: 'b+t' },
    ];
    const groups = buildView(report).failureGroups;
    expect(groups.map((g) => [g.family, g.members.map((m) => m.name)])).toEqual([
      ['a+t:forbid-package', ['pytest', 'mypy']],
      ['b+t:forbid-package', ['pytest']],
    ]);
    expect(groups[0]?.remedy).toBe(remedyFor('forbid-package:pytest', 'forbid-package:mypy'));
  });
});
