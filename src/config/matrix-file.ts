// The matrix file (`.worker-gate-matrix.yml`): the images and templates (with
// their refs and data sets) a matrix crosses, and options for all cells or per
// axis. Each cell is one verify: `matrix --list` prints the cells for a
// workflow's `strategy.matrix`, and a run given `cell` takes that cell's values
// from the file, between the config file and its own flags or inputs.
//
//   options: { warm-runs: 1 }            # every cell
//   images:
//     - name: base                         # any option key: this image's
//       image: ghcr.io/acme/worker-base:1.4
//   templates:
//     - name: service
//       template: https://github.com/acme/service-template.git
//       refs: [v2.1.0, main]               # optional: one cell per ref
//       data-sets:                         # optional: one cell per data set
//         - { name: minimal, data: [modules=none] }
import { resolve } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { AXIS_NAME, cellId } from '../model/cells.js';
import { InputError } from '../model/errors.js';
import type { CellCoordinates } from '../model/report.js';
import { closest } from './closest.js';
import { dockerConfigDir, type EngineTarget, resolveEngines } from './docker-contexts.js';
import { type ReadFile, readFailure, readUtf8 } from './file.js';
import { configKeys, type OptionName, type RawValues } from './options.js';
import { type Problem, parseLayer, throwProblems } from './validate.js';

export const DEFAULT_MATRIX_FILE = '.worker-gate-matrix.yml';

/** The keys an image or a template takes besides option keys. */
const IMAGE_KEYS = ['name'] as const;
const TEMPLATE_KEYS = ['name', 'refs', 'data-sets'] as const;
const TOP_KEYS = ['options', 'images', 'templates'] as const;
/** What decides a cell's coordinates is the axes' names, never an option of the whole matrix. */
const AXIS_OPTIONS: readonly OptionName[] = ['image', 'dockerfile', 'template', 'template-ref'];
const GIT_REF = /^[^\s-][^\s]*$/;

export interface MatrixCellPlan extends CellCoordinates {
  /** The cell's option values, raw (the file's spelling): every cell's, its image's, its template's, its ref and data. */
  values: RawValues;
}

export interface MatrixFile {
  path: string;
  label: string;
  cells: MatrixCellPlan[];
}

type Entry = Record<string, unknown>;

function isEntry(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Option keys of one entry, checked as the config file's are; its own keys apart. */
function optionsOf(entry: Entry, own: readonly string[], where: string, problems: string[]): RawValues {
  const keys: readonly string[] = configKeys();
  const values: RawValues = {};
  for (const [key, value] of Object.entries(entry)) {
    if (own.includes(key)) continue;
    if (!keys.includes(key)) {
      const near = closest(key, [...keys, ...own]);
      problems.push(`${where}: unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ''}`);
      continue;
    }
    values[key as OptionName] = value;
  }
  const { problems: invalid } = parseLayer(values, { door: 'file', label: where });
  problems.push(...invalid.map((p) => p.message));
  return values;
}

function nameOf(entry: Entry, where: string, seen: Set<string>, problems: string[]): string {
  const name = entry.name;
  if (typeof name !== 'string' || !AXIS_NAME.test(name)) {
    problems.push(
      `${where}: name ${JSON.stringify(name)} must be letters, digits, . _ - (it is part of each cell's id and artifact name)`,
    );
    return 'x';
  }
  if (seen.has(name)) problems.push(`${where}: the name "${name}" is given twice`);
  seen.add(name);
  return name;
}

function listOf(value: unknown, where: string, what: string, problems: string[]): unknown[] {
  if (value === undefined) return [];
  if (Array.isArray(value) && value.length > 0) return value;
  problems.push(`${where}: expected a non-empty YAML list of ${what}`);
  return [];
}

/** The matrix file's text → its cells, or InputError listing every problem (each naming where it is). */
export function parseMatrixText(text: string, label: string, path: string): MatrixFile {
  const document = parseDocument(text);
  const [error] = document.errors;
  if (error)
    throw new InputError(`${label}: invalid YAML: ${error.message.split('\n')[0]}`, { input: label });
  if (!isMap(document.contents))
    throw new InputError(`${label}: expected a mapping with images and templates`, { input: label });
  const top = document.toJS() as Entry;
  const problems: string[] = [];
  for (const key of Object.keys(top))
    if (!(TOP_KEYS as readonly string[]).includes(key)) {
      const near = closest(key, TOP_KEYS);
      problems.push(`${label}: unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ''}`);
    }
  const everyCell = isEntry(top.options) ? optionsOf(top.options, [], `${label}: options`, problems) : {};
  if (top.options !== undefined && !isEntry(top.options))
    problems.push(`${label}: options: expected a mapping of option names to values, like "warm-runs: 1"`);
  for (const name of AXIS_OPTIONS)
    if (everyCell[name] !== undefined)
      problems.push(`${label}: options: ${name} belongs to an image or a template, where it names a cell`);

  const seenImages = new Set<string>();
  const images = (isSeq(document.get('images', true)) ? (top.images as unknown[]) : []).map((raw, i) => {
    const where = `${label}: images[${i + 1}]`;
    if (!isEntry(raw)) {
      problems.push(`${where}: expected a mapping with a name, like "name: base"`);
      return undefined;
    }
    const name = nameOf(raw, where, seenImages, problems);
    return { name, values: optionsOf(raw, IMAGE_KEYS, `${where} (${name})`, problems) };
  });
  if (!isSeq(document.get('images', true)) || images.length === 0)
    problems.push(
      `${label}: images: expected a YAML list of images, each with a name and an image or a dockerfile`,
    );

  const seenTemplates = new Set<string>();
  const templates = (isSeq(document.get('templates', true)) ? (top.templates as unknown[]) : []).map(
    (raw, i) => {
      const where = `${label}: templates[${i + 1}]`;
      if (!isEntry(raw)) {
        problems.push(`${where}: expected a mapping with a name, like "name: service"`);
        return undefined;
      }
      const name = nameOf(raw, where, seenTemplates, problems);
      const at = `${where} (${name})`;
      const refs = listOf(raw.refs, `${at}: refs`, 'git refs like v2.1.0', problems).map((ref) => {
        if (typeof ref !== 'string' || !GIT_REF.test(ref))
          problems.push(`${at}: refs: ${JSON.stringify(ref)} is not a git ref like v2.1.0`);
        return String(ref);
      });
      if (refs.length > 0 && raw['template-ref'] !== undefined)
        problems.push(`${at}: give refs or template-ref, not both`);
      const seenSets = new Set<string>();
      const dataSets = listOf(
        raw['data-sets'],
        `${at}: data-sets`,
        'data sets, each a name and data',
        problems,
      ).map((set, j) => {
        const setAt = `${at}: data-sets[${j + 1}]`;
        if (!isEntry(set)) {
          problems.push(`${setAt}: expected a mapping like "{ name: minimal, data: [modules=none] }"`);
          return { name: 'x', values: {} };
        }
        const setName = nameOf(set, setAt, seenSets, problems);
        return { name: setName, values: optionsOf(set, ['name'], `${setAt} (${setName})`, problems) };
      });
      return { name, refs, dataSets, values: optionsOf(raw, TEMPLATE_KEYS, at, problems) };
    },
  );
  if (!isSeq(document.get('templates', true)) || templates.length === 0)
    problems.push(`${label}: templates: expected a YAML list of templates, each with a name and a template`);

  const [first, ...rest] = problems;
  if (first) throw new InputError(first, { input: label, details: rest });

  const cells: MatrixCellPlan[] = [];
  for (const image of images) {
    for (const template of templates) {
      if (!image || !template) continue;
      const refs = template.refs.length > 0 ? template.refs : [undefined];
      const sets = template.dataSets.length > 0 ? template.dataSets : [undefined];
      for (const ref of refs)
        for (const set of sets) {
          const values: RawValues = { ...everyCell, ...image.values, ...template.values };
          if (ref) values['template-ref'] = ref;
          // A data set's answers after the template's: the last of one key wins.
          if (set) values.data = [...asList(template.values.data), ...asList(set.values.data)];
          for (const [key, value] of Object.entries(set?.values ?? {}))
            if (key !== 'data') values[key as OptionName] = value;
          const coordinates: Omit<CellCoordinates, 'id'> = { image: image.name, template: template.name };
          if (ref) coordinates.ref = ref;
          if (set) coordinates.dataSet = set.name;
          cells.push({ id: cellId(coordinates), ...coordinates, values });
        }
    }
  }
  return { path, label, cells };
}

function asList(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * Read the matrix file `named` (relative to `base`). `input` is the input a problem names: the one
 * that named the file, else the one that needed it (`--cell` or `matrix`, with the default file);
 * `other` is how to name another (the matrix-file input as the front door spells it).
 */
export function readMatrixFile(
  named: string,
  options: { base: string; input: string; other: string; namedByInput: boolean; readFile?: ReadFile },
): MatrixFile {
  const path = resolve(options.base, named);
  let text: string;
  try {
    text = (options.readFile ?? readUtf8)(path);
  } catch (error) {
    const what = options.namedByInput
      ? `${options.input} "${named}"`
      : `the matrix file "${named}" (${options.input} reads it; name another with ${options.other})`;
    throw new InputError(`cannot read ${what}: ${readFailure(error)}`, {
      input: options.input,
      cause: error,
    });
  }
  return parseMatrixText(text, named, path);
}

/** What `matrix --list` prints: `strategy.matrix: ${{ fromJSON(…) }}` takes it as is. */
export function matrixInclude(file: MatrixFile): { include: Record<string, string>[] } {
  return {
    include: file.cells.map((cell) => {
      const row: Record<string, string> = { cell: cell.id, image: cell.image, template: cell.template };
      if (cell.ref) row.ref = cell.ref;
      if (cell.dataSet) row['data-set'] = cell.dataSet;
      // An artifact name may not hold `+` or `@` everywhere: the id with both as `-`.
      row.artifact = `worker-gate-${cell.id.replace(/[+@]/g, '-')}`;
      return row;
    }),
  };
}

/** The cell of this id, or InputError naming the input and the cells the file has. */
export function cellNamed(file: MatrixFile, id: string, input: string): MatrixCellPlan {
  const found = file.cells.find((c) => c.id === id);
  if (found) return found;
  const known = file.cells.map((c) => c.id);
  const near = closest(id, known);
  throw new InputError(
    `${input} "${id}" is not a cell of ${file.label}${near ? ` (did you mean "${near}"?)` : ''}: its cells are ${known.join(', ')}`,
    { input },
  );
}

export interface MatrixOptions {
  file: MatrixFile;
  list: boolean;
  /** --engine and --all-contexts resolved: none, the environment's engine. */
  engines: EngineTarget[];
  /** Engines named twice (two contexts of one endpoint). */
  engineWarnings: string[];
  jobs: number;
  /** Failed cells are reported, not enforced: exit 0 (an errored cell still exits 2). */
  reportOnly: boolean;
  /** The merged report's files; report `-` is standard output. */
  files: { report?: string; summaryFile?: string; junit?: string; html?: string };
}

/**
 * `worker-gate matrix`'s own flags: the file read (every problem at once, with the
 * command line's `unplaced` ones: exit 2), listing or running.
 */
export function resolveMatrixOptions(
  raw: RawValues,
  cwd: string,
  env: NodeJS.ProcessEnv,
  unplaced: readonly Problem[] = [],
): MatrixOptions {
  const own: RawValues = {};
  for (const name of [
    'matrix-file',
    'list',
    'engines',
    'all-contexts',
    'jobs',
    'report',
    'summary',
    'junit',
    'html',
    'report-only',
  ] as const)
    if (raw[name] !== undefined) own[name] = raw[name];
  const { values, problems } = parseLayer(own, { door: 'cli' });
  const engines = resolveEngines(values.engines ?? [], values['all-contexts'] === true, {
    env,
    configDir: dockerConfigDir(env),
  });
  throwProblems([...unplaced, ...problems, ...engines.problems]);
  const at = (file: string | boolean | undefined) =>
    typeof file === 'string' ? resolve(cwd, file) : undefined;
  const files = {
    report: values.report === '-' ? values.report : at(values.report),
    summaryFile: at(values.summary),
    junit: at(values.junit),
    html: at(values.html),
  };
  const named = values['matrix-file'];
  const file = readMatrixFile(named ?? DEFAULT_MATRIX_FILE, {
    base: cwd,
    input: named === undefined ? 'matrix' : '--matrix-file',
    other: '--matrix-file',
    namedByInput: named !== undefined,
  });
  return {
    file,
    list: values.list === true,
    engines: engines.targets,
    engineWarnings: engines.warnings,
    jobs: values.jobs ?? 1,
    reportOnly: values['report-only'] ?? false,
    files: Object.fromEntries(Object.entries(files).filter(([, v]) => v !== undefined)),
  };
}
