// The floors of docs/architecture.md, held against every import of src/: no
// import from a lower floor to a higher one, and no circle, type-only imports
// counted. The floors are read from the document (its ```floors block), so the
// table a reader sees is the table the test holds the code to.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DOC = 'docs/architecture.md';

/**
 * Upward imports that the later parts of issue 23 remove, each with the part that
 * removes it. The list only shrinks: a new upward import fails, and so does one
 * listed here that is gone (take it off the list). Every circle left in src/ runs
 * through one of these; without them the graph must have none.
 */
const KNOWN_UPWARD: Readonly<Record<string, string>> = {};

interface Floor {
  name: string;
  /** Folders (ending in `/`) and files, relative to the repository. */
  paths: string[];
}

/** The ```floors block of the document, lowest floor first: a name, then its paths. */
function readFloors(doc: string): Floor[] {
  const block = /^```floors\n([\s\S]*?)^```/m.exec(doc)?.[1];
  if (!block) throw new Error(`${DOC} has no \`\`\`floors block`);
  return block
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const at = line.indexOf(' src/');
      if (at < 0) throw new Error(`${DOC}: the floor line "${line}" names no src/ path`);
      return { name: line.slice(0, at).trim(), paths: line.slice(at).trim().split(/\s+/) };
    });
}

/** The floor of a file: the index of the floor whose path holds it, the longest path winning. */
function floorOf(floors: readonly Floor[], file: string): number | undefined {
  let best: { floor: number; length: number } | undefined;
  floors.forEach((floor, index) => {
    for (const p of floor.paths) {
      const holds = p.endsWith('/') ? file.startsWith(p) : file === p;
      if (holds && (!best || p.length > best.length)) best = { floor: index, length: p.length };
    }
  });
  return best?.floor;
}

/** Every module a source names: imports (type-only too), re-exports, `import()` calls and types. */
function specifiers(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push(node.argument.literal.text);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      found.push(node.moduleReference.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

type Graph = ReadonlyMap<string, readonly string[]>;

/** `a -> b` for every import of a file on a floor below the file it imports. */
function upwardImports(graph: Graph, floor: (file: string) => number | undefined): string[] {
  const upward: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const [a, b] = [floor(from), floor(to)];
      if (a !== undefined && b !== undefined && b > a) upward.push(`${from} -> ${to}`);
    }
  }
  return upward.sort();
}

/** Each circle as its files in import order, the first one again last (Tarjan's components, then a path). */
function circles(graph: Graph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const strong = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop() as string;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.includes(v)) components.push(component);
  };
  for (const v of graph.keys()) if (!index.has(v)) strong(v);
  return components.map((component) => circleIn(graph, new Set(component)));
}

/** One circle through a strongly connected component, from its first file (a breadth-first path back). */
function circleIn(graph: Graph, component: ReadonlySet<string>): string[] {
  const start = [...component].sort()[0] as string;
  const parent = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift() as string;
    for (const w of graph.get(v) ?? []) {
      if (!component.has(w)) continue;
      if (w === start) {
        const circle = [v];
        while (circle[0] !== start) circle.unshift(parent.get(circle[0] as string) as string);
        return [...circle, start];
      }
      if (!parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...component];
}

/** src/'s import graph: each file to the files of src/ it imports (scripts and JSON too, as leaves). */
function sourceGraph(): Map<string, string[]> {
  const files = (readdirSync(path.join(ROOT, 'src'), { recursive: true }) as string[])
    .map((f) => `src/${f.split(path.sep).join('/')}`)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort();
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = specifiers(file, readFileSync(path.join(ROOT, file), 'utf8'))
      .filter((s) => s.startsWith('.'))
      .map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)).replace(/\.js$/, '.ts'))
      .filter((t) => t.startsWith('src/'));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

const doc = readFileSync(path.join(ROOT, DOC), 'utf8');
const floors = readFloors(doc);
const graph = sourceGraph();
const floor = (file: string) => floorOf(floors, file);

describe(`the floors of ${DOC}`, () => {
  test('name paths that exist, each once', () => {
    const paths = floors.flatMap((f) => f.paths);
    expect(paths.filter((p) => !existsSync(path.join(ROOT, p)))).toEqual([]);
    expect(paths.filter((p, i) => paths.indexOf(p) !== i)).toEqual([]);
  });

  test('hold every module of src/', () => {
    expect(
      [...graph.keys()].filter((f) => floor(f) === undefined),
      `modules on no floor: add their folder to the floors of ${DOC}`,
    ).toEqual([]);
  });

  test('are climbed only downwards: no import from a lower floor to a higher one', () => {
    const upward = upwardImports(graph, floor);
    const unknown = upward.filter((edge) => !(edge in KNOWN_UPWARD));
    const gone = Object.keys(KNOWN_UPWARD).filter((edge) => !upward.includes(edge));
    expect(unknown, `new imports from a lower floor to a higher one (the floors of ${DOC})`).toEqual([]);
    expect(gone, 'known upward imports that are gone: take them off KNOWN_UPWARD').toEqual([]);
  });

  test('have no circle, type-only imports counted, once the known upward imports are left out', () => {
    const known = new Set(Object.keys(KNOWN_UPWARD));
    const rest = new Map(
      [...graph].map(([from, targets]) => [from, targets.filter((to) => !known.has(`${from} -> ${to}`))]),
    );
    expect(circles(rest).map((c) => c.join(' -> '))).toEqual([]);
  });
});

test(`every src/ and test/ path ${DOC} names exists`, () => {
  const named = [...doc.matchAll(/`((?:src|test)\/[^`\s*]*)`/g)].map((m) => m[1] as string);
  expect(named.length).toBeGreaterThan(20);
  expect(named.filter((p) => !existsSync(path.join(ROOT, p)))).toEqual([]);
});

describe('the check itself, on graphs made up for it', () => {
  const made: Floor[] = [
    { name: 'low', paths: ['src/low/'] },
    { name: 'high', paths: ['src/high/', 'src/top.ts'] },
  ];
  const at = (file: string) => floorOf(made, file);

  test('finds an import from a lower floor to a higher one, and none the other way', () => {
    const g = new Map([
      ['src/low/a.ts', ['src/high/b.ts']],
      ['src/high/b.ts', ['src/low/c.ts']],
      ['src/top.ts', ['src/low/a.ts']],
    ]);
    expect(upwardImports(g, at)).toEqual(['src/low/a.ts -> src/high/b.ts']);
  });

  test('finds a circle, a self-import too, and names its files in order', () => {
    const g = new Map([
      ['src/low/a.ts', ['src/low/b.ts']],
      ['src/low/b.ts', ['src/low/c.ts']],
      ['src/low/c.ts', ['src/low/a.ts', 'src/low/d.ts']],
      ['src/low/d.ts', []],
      ['src/low/e.ts', ['src/low/e.ts']],
    ]);
    expect(circles(g)).toEqual([
      ['src/low/a.ts', 'src/low/b.ts', 'src/low/c.ts', 'src/low/a.ts'],
      ['src/low/e.ts', 'src/low/e.ts'],
    ]);
  });

  test('reads type-only imports, re-exports, import() and import types', () => {
    const text = [
      "import type { A } from './a.js';",
      "import { type B } from './b.js';",
      "export { C } from './c.js';",
      "export * from './d.js';",
      "const e = await import('./e.js');",
      "let f: import('./f.js').F;",
      "import './g.js';",
    ].join('\n');
    expect(specifiers('x.ts', text)).toEqual([
      './a.js',
      './b.js',
      './c.js',
      './d.js',
      './e.js',
      './f.js',
      './g.js',
    ]);
  });

  test('puts a file on the floor of the longest path that holds it', () => {
    const nested: Floor[] = [
      { name: 'a', paths: ['src/x/'] },
      { name: 'b', paths: ['src/x/y/'] },
    ];
    expect(floorOf(nested, 'src/x/y/z.ts')).toBe(1);
    expect(floorOf(nested, 'src/x/z.ts')).toBe(0);
    expect(floorOf(nested, 'src/w.ts')).toBeUndefined();
  });

  test('reads the floors of a document, lowest first', () => {
    const text = 'intro\n```floors\nmodel   src/model/\nfront doors  src/cli.ts src/main.ts\n```\n';
    expect(readFloors(text)).toEqual([
      { name: 'model', paths: ['src/model/'] },
      { name: 'front doors', paths: ['src/cli.ts', 'src/main.ts'] },
    ]);
  });
});
