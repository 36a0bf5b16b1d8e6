// The registry of check ids is the one list: every id the code emits is in it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CHECK_FAMILIES, CHECK_IDS, familyOf, stageOfCheck } from '../../../src/checks/ids.js';
import { toolRoot } from '../../../src/config/shipped.js';
import { isSkipped } from '../../../src/model/checks.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('the check-id registry', () => {
  test('every id the code puts in a check is registered', () => {
    const emitted = new Set<string>();
    const families = new Set<string>();
    for (const file of sources(path.join(toolRoot(), 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:id: |const id = )'([a-z0-9-]+)'/g)) emitted.add(m[1] ?? '');
      for (const m of text.matchAll(/\bconst id = `([a-z0-9-]+):\$\{/g)) families.add(m[1] ?? '');
    }
    // Guards the scan itself: it must see the ids we know are emitted.
    expect([...emitted]).toEqual(
      expect.arrayContaining(['non-root-user', 'cache-evidence', 'min-setup-speedup']),
    );
    expect([...families].sort()).toEqual(CHECK_FAMILIES.map((f) => f.family).sort());
    const known = new Set(CHECK_IDS.map((c) => c.id));
    expect([...emitted].filter((id) => !known.has(id))).toEqual([]);
  });

  test('ids are unique, and no id is also a family', () => {
    const ids = CHECK_IDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => familyOf(id))).toEqual([]);
  });

  test('a family member is in its family; its stage is the contract', () => {
    expect(familyOf('forbid-package:pytest')).toMatchObject({
      family: { list: 'forbid-packages' },
      name: 'pytest',
    });
    expect(familyOf('require')).toMatchObject({ family: { list: 'require' } });
    expect(familyOf('nonsense:x')).toBeUndefined();
    expect(stageOfCheck('require:uv')).toBe('contract');
    expect(stageOfCheck('max-layout-ratio')).toBe('timing');
    expect(stageOfCheck('python-fits-template')).toBe('e2e');
  });

  test('skipped by id or by family', () => {
    expect(isSkipped('forbid-package:pytest', ['forbid-package'])).toBe(true);
    expect(isSkipped('forbid-package:pytest', ['forbid-package:ruff'])).toBe(false);
    expect(isSkipped('cache-shared', ['cache-shared'])).toBe(true);
  });
});
