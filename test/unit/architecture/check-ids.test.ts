// Every check id is spelled once: as a string literal in the one file that
// declares it (its gate's file in src/judge/, or src/audit/catalogue.ts) and
// in no other file of src/. Everything else asks the registry
// (src/judge/registry.ts) or takes the declaration itself. A family's name
// counts too, alone (`forbid-package`) or heading a member's id
// (`forbid-package:pytest`, `` `forbid-package:${name}` ``).
//
// What is not a spelling: comments; an id inside a sentence ("… over
// max-image-size 400 MB") or heading one as a label ("cache-shared: …"), which
// is wording. Allowed besides the declaration,
// each the name the id is named after: the option table (src/config/options.ts)
// for an id that is also an option's name or flag, and Docker's own security
// option, which the audit's check of the same name looks for.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { SPECS } from '../../../src/config/options.js';
import { CHECKS } from '../../../src/judge/registry.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const OPTIONS_FILE = 'src/config/options.ts';

/** Literals that are another thing's name, by file: the thing the id is named after. */
const NAMED_AFTER: Readonly<Record<string, readonly string[]>> = {
  // HostConfig.SecurityOpt: Docker's option, which the audit's no-new-privileges check looks for.
  'src/docker/limits.ts': ['no-new-privileges'],
};

/** Where a spelling of a name is declared: a gate's file, or the audit's catalogue. */
const isDeclaration = (file: string) => file.startsWith('src/judge/') || file === 'src/audit/catalogue.ts';

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sources(rel);
    return entry.name.endsWith('.ts') ? [rel] : [];
  });
}

interface Spelling {
  name: string;
  at: string;
}

/**
 * Every literal of the source that spells one of `names`: a string (or a
 * template without substitutions) that is the name, or the name, a colon and a
 * member (`forbid-package:pytest`); a template whose text before its first
 * substitution does (`forbid-package:${name}`).
 */
function spellings(file: string, text: string, names: readonly string[]): Spelling[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Spelling[] = [];
  const spells = (literal: string, name: string) =>
    literal === name || (literal.startsWith(`${name}:`) && !/^\s/.test(literal.slice(name.length + 1)));
  const visit = (node: ts.Node): void => {
    let literal: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literal = node.text;
    else if (ts.isTemplateExpression(node)) literal = node.head.text;
    if (literal !== undefined) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      for (const name of names) if (spells(literal, name)) found.push({ name, at: `${file}:${line + 1}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const NAMES = [...CHECKS.ids.map((c) => c.id), ...CHECKS.families.map((f) => f.family)];
const OPTION_NAMES = new Set(SPECS.flatMap((spec) => [spec.name, ...(spec.cliName ? [spec.cliName] : [])]));

/** Every spelling in src/, less the option table's of option names and the named-after ones. */
function spellingsInSrc(): Spelling[] {
  return sources('src').flatMap((file) =>
    spellings(file, readFileSync(path.join(ROOT, file), 'utf8'), NAMES).filter(
      ({ name }) => !(file === OPTIONS_FILE && OPTION_NAMES.has(name)) && !NAMED_AFTER[file]?.includes(name),
    ),
  );
}

describe('the scan', () => {
  test('finds a name as a literal, alone or heading an id, and not in comments, sentences or labels', () => {
    const text = [
      "const a = 'max-image-size'; // 'cache-shared'",
      `const b = \`forbid-package:\${name}\`;`,
      `log.info(\`project-calls-removed-tool: \${note}\`);`,
      "const c = { 'non-root-user': 1 };",
      "const d = 'the image is over max-image-size 1 MB';",
      '/* `pinned-images` */',
    ].join('\n');
    expect(spellings('x.ts', text, NAMES)).toEqual([
      { name: 'max-image-size', at: 'x.ts:1' },
      { name: 'forbid-package', at: 'x.ts:2' },
      { name: 'non-root-user', at: 'x.ts:4' },
    ]);
  });
});

describe('every check id', () => {
  const byName = new Map<string, Spelling[]>();
  for (const s of spellingsInSrc()) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  const filesOf = (name: string) => [...new Set((byName.get(name) ?? []).map((s) => s.at.split(':')[0]))];

  test('is spelled in one file of src/, the one that declares it', () => {
    const strays = NAMES.filter(
      (name) => filesOf(name).length !== 1 || !isDeclaration(filesOf(name)[0] ?? ''),
    ).map((name) => `${name}: ${(byName.get(name) ?? []).map((s) => s.at).join(', ') || 'declared nowhere'}`);
    expect(strays).toEqual([]);
  });

  test('the audit included', () => {
    expect(filesOf('pids-limit')).toEqual(['src/audit/catalogue.ts']);
    expect(filesOf('max-image-size')).toEqual(['src/judge/size.ts']);
  });
});
