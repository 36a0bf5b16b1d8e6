import { describe, expect, it } from 'vitest';
import { gateFamily, groupByFamily, remedyFor } from '../../../src/report/remedies.js';

const FALLBACK = remedyFor('no-such-gate');

describe('remedyFor', () => {
  it.each([
    'build',
    'require:uv',
    'forbid-command:ruff',
    'forbid-package:pytest',
    'non-root-user',
    'cache-dir-writable',
    'max-image-size',
    'max-size-increase',
    'pinned-images',
    'python-fits-template',
    'max-warm-setup-seconds',
    'min-setup-speedup',
    'max-layout-ratio',
    'max-warm-setup-regression',
    'e2e',
    'e2e:A:test',
  ])('has a specific next step for %s', (gate) => {
    expect(remedyFor(gate)).not.toBe(FALLBACK);
  });

  it('names every member of a family in one sentence', () => {
    expect(remedyFor('forbid-package:ruff', 'forbid-package:mypy', 'forbid-package:copier')).toMatch(
      /^Uninstall `ruff`, `mypy` and `copier` from the global Python/,
    );
    expect(remedyFor('require:git')).toMatch(/^Install `git` in the image/);
  });
});

describe('families of gates', () => {
  it('splits named gates and keeps the others whole', () => {
    expect(gateFamily('forbid-command:py.test')).toEqual({ family: 'forbid-command', name: 'py.test' });
    expect(gateFamily('max-image-size')).toEqual({ family: 'max-image-size' });
    expect(gateFamily('e2e:A:test')).toEqual({ family: 'e2e:A:test' });
  });

  it('groups failures by family in the order each family first failed', () => {
    const groups = groupByFamily(
      [{ gate: 'forbid-command:ruff' }, { gate: 'max-image-size' }, { gate: 'forbid-command:mypy' }],
      (f) => f,
    );
    expect(groups.map((g) => [g.family, g.members.length])).toEqual([
      ['forbid-command', 2],
      ['max-image-size', 1],
    ]);
  });
});
