// The registry of check ids is the one list: every id a gate or the audit
// declares is in it, once, in the report's order, with its stage and remedy.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { AUDIT_CHECKS } from '../../../src/audit/catalogue.js';
import { toolRoot } from '../../../src/config/shipped.js';
import { GATES } from '../../../src/judge/gates.js';
import {
  CHECKS,
  checkNamed,
  FAMILY_REMEDIES,
  gateRules,
  REMEDIES,
  stageOfCheck,
} from '../../../src/judge/registry.js';
import { familyOf, isSkipped, normalizeCheckId } from '../../../src/model/checks.js';
import { configWith } from './measured.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The string values of every `id: '…'` property in the file: where a check is declared. */
function declaredIds(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === 'id' &&
      ts.isStringLiteral(node.initializer)
    )
      found.push(node.initializer.text);
    if (ts.isCallExpression(node) && node.expression.getText(source) === 'auditCheck') {
      const [first] = node.arguments;
      if (first && ts.isStringLiteral(first)) found.push(first.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the check-id registry', () => {
  test('every id a gate or the audit declares is registered', () => {
    const src = path.join(toolRoot(), 'src');
    const declared = [...sources(path.join(src, 'judge')), ...sources(path.join(src, 'audit'))].flatMap(
      declaredIds,
    );
    // Guards the scan itself: it must see ids we know are declared, the audit's too.
    expect(declared).toEqual(expect.arrayContaining(['non-root-user', 'cache-evidence', 'pids-limit']));
    const known = new Set(CHECKS.ids.map((c) => c.id));
    expect(declared.filter((id) => !known.has(id))).toEqual([]);
  });

  test("one order: the gates' checks in report order, then the audit's", () => {
    expect(CHECKS.ids).toEqual([...GATES.flatMap((gate) => gate.checks), ...AUDIT_CHECKS]);
    expect(CHECKS.ids.slice(0, 3).map((c) => c.id)).toEqual([
      'non-root-user',
      'cache-dir-writable',
      'env-leaks',
    ]);
  });

  test('ids are unique, and no id is also a family', () => {
    const ids = CHECKS.ids.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => familyOf(id, CHECKS.families))).toEqual([]);
  });

  test('a family member is in its family; its stage is the contract', () => {
    expect(familyOf('forbid-package:pytest', CHECKS.families)).toMatchObject({
      family: { list: 'forbid-packages' },
      name: 'pytest',
    });
    expect(familyOf('require', CHECKS.families)).toMatchObject({ family: { list: 'require' } });
    expect(familyOf('nonsense:x', CHECKS.families)).toBeUndefined();
    expect(stageOfCheck('require:uv')).toBe('contract');
    expect(stageOfCheck('max-layout-ratio')).toBe('timing');
    expect(stageOfCheck('python-fits-template')).toBe('e2e');
    expect(stageOfCheck('pids-limit')).toBe('audit');
  });

  test('a package family compares names as PEP 503 does; the others as written', () => {
    expect(normalizeCheckId('forbid-package:PyYAML', CHECKS.families)).toBe('forbid-package:pyyaml');
    expect(normalizeCheckId('require:Git', CHECKS.families)).toBe('require:Git');
    expect(normalizeCheckId('non-root-user', CHECKS.families)).toBe('non-root-user');
  });

  test('remedies by gate: checks, failures that are not checks, families and audit checks', () => {
    expect(REMEDIES.get('max-image-size')).toContain('Shrink the image');
    expect(REMEDIES.get('build')).toContain('The image did not build');
    expect(REMEDIES.has('env-leaks')).toBe(false);
    expect(FAMILY_REMEDIES.get('forbid-package')?.('`ruff`')).toContain('Uninstall `ruff`');
    expect(FAMILY_REMEDIES.get('pids-limit')?.('`w1`')).toContain('Give `w1` a pids limit');
    expect(checkNamed('max-size-increase')).toMatchObject({ annotate: 'grown-layers' });
  });

  test('skipped by id or by family', () => {
    expect(isSkipped('forbid-package:pytest', ['forbid-package'])).toBe(true);
    expect(isSkipped('forbid-package:pytest', ['forbid-package:ruff'])).toBe(false);
    expect(isSkipped('cache-shared', ['cache-shared'])).toBe(true);
  });
});

describe("explain's gates", () => {
  const ids = (overrides: Parameters<typeof configWith>[0]) =>
    gateRules(configWith(overrides, 'verify')).map((r) => r.id);

  test('in the one order, each family member by name, the conditional ones when set', () => {
    const lists = { require: ['uv'], 'forbid-commands': ['ruff'], 'forbid-packages': ['mypy'] };
    expect(ids({ ...lists, 'default-forbids': 'false' })).toEqual([
      'require:uv',
      'forbid-command:ruff',
      'forbid-package:mypy',
      'non-root-user',
      'cache-dir-writable',
      'pinned-images',
      'python-fits-template',
      'cache-shared',
      'project-calls-removed-tool',
      'warm-not-faster',
    ]);
    expect(ids({ 'max-wasted-bytes': '5%', 'max-image-size': '1GB' })).toEqual(
      expect.arrayContaining(['max-image-size', 'max-wasted-bytes']),
    );
  });

  test('each timing gate states its rule: the interval widened by ±timing-noise, fail when wholly past, warn when it contains the limit', () => {
    const rules = gateRules(
      configWith(
        {
          'max-warm-setup-seconds': '10',
          'min-setup-speedup': '1.5',
          'cache-layout': 'both',
          'max-layout-ratio': '2',
          'baseline-ref': 'main',
          'max-warm-setup-regression': '1.25',
          'timing-noise': '5%',
        },
        'verify',
      ),
    );
    const rule = (id: string) => rules.find((r) => r.id === id)?.rule;
    expect(rule('max-warm-setup-seconds')).toBe(
      'median warm setup: fails when its 95 % interval (the figure alone below 2 runs), widened by ±5 % timing noise, lies wholly above 10 s; warns when it contains 10 s',
    );
    expect(rule('min-setup-speedup')).toMatch(
      /^cold \/ warm median: .*±5 % timing noise, lies wholly below 1\.5×; warns when it contains 1\.5×$/,
    );
    expect(rule('max-layout-ratio')).toMatch(
      /^separate \/ shared warm median: .*lies wholly above 2; warns when it contains 2$/,
    );
    expect(rule('max-warm-setup-regression')).toMatch(
      /^warm median ÷ the baseline's: .*lies wholly above 1\.25; warns when it contains 1\.25$/,
    );
  });

  test('skip-checks and skip-e2e leave checks out', () => {
    const rules = ids({ 'skip-checks': ['non-root-user', 'forbid-package'], 'skip-e2e': 'true' });
    expect(rules).not.toContain('non-root-user');
    expect(rules.some((id) => id.startsWith('forbid-package:'))).toBe(false);
    expect(rules).not.toContain('cache-shared');
    expect(rules).toContain('cache-dir-writable');
  });
});
