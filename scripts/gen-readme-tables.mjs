// Writes README.md's tables of the action's inputs and outputs from
// action.yml, between the <!-- inputs:start/end --> and <!-- outputs:start/end -->
// markers, so the README can never drift from what the action declares.
// `--check` rewrites nothing and exits 1 when the README is stale (CI, and
// test/unit/readme-tables.test.ts through the same pure function).
//
//   node scripts/gen-readme-tables.mjs            rewrite README.md
//   node scripts/gen-readme-tables.mjs --check    fail when README.md is stale
//   --root DIR                                    read DIR/action.yml and DIR/README.md
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const SECTIONS = ['inputs', 'outputs'];
const NOTICE =
  '<!-- generated from action.yml by scripts/gen-readme-tables.mjs: edit action.yml, not this table -->';

/**
 * "Meaning. Default: X." → { meaning: 'Meaning.', default: 'X' }. action.yml
 * declares a default only where the runner must supply one (a default there
 * would override .worker-gate.yml); the others say theirs in the last sentence.
 */
export function splitDefault(description) {
  const text = String(description ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  const match = /(?:^|(?<=[.!?)] ))Default: (.+?)\.?$/.exec(text);
  if (!match) return { meaning: text };
  return { meaning: text.slice(0, match.index).trim(), default: match[1] };
}

/** Table-cell text: pipes escaped everywhere, `<`/`>` outside code spans (else read as HTML). */
function cell(text) {
  return text
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('')
    .replace(/\|/g, '\\|');
}

function code(text) {
  const fence = text.includes('`') ? '``' : '`';
  const pad = fence.length > 1 ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** A literal (`2GiB`, `10%`, a list of names) as code; prose ("the shipped ...") as text. */
function defaultCell(value) {
  if (!/\s/.test(value)) return code(value);
  const items = value.split(/,\s*/);
  if (items.length > 1 && items.every((item) => item !== '' && !/\s/.test(item)))
    return items.map(code).join(', ');
  if (/^\$\{\{.*\}\}$/.test(value)) return code(value);
  return cell(value);
}

function table(head, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export function renderInputsTable(action) {
  const rows = Object.entries(action.inputs ?? {}).map(([name, input]) => {
    const { meaning, default: described } = splitDefault(input?.description);
    const declared =
      input?.default === undefined || input?.default === null ? undefined : String(input.default);
    let value = '—';
    if (input?.required === true) value = '*required*';
    else if (declared !== undefined) value = declared === '' ? '*empty*' : defaultCell(declared);
    else if (described !== undefined) value = defaultCell(described);
    // A description that repeats a declared default keeps it: the table shows the declared one.
    const text =
      declared !== undefined && described !== undefined ? `${meaning} Default: ${described}.` : meaning;
    return [code(name), value, cell(text)];
  });
  return table(['Input', 'Default', 'Meaning'], rows);
}

export function renderOutputsTable(action) {
  const rows = Object.entries(action.outputs ?? {}).map(([name, output]) => [
    code(name),
    cell(
      String(output?.description ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  ]);
  return table(['Output', 'Meaning'], rows);
}

/** The README with both tables rewritten from action.yml's text. Throws when a marker is missing. */
export function updateReadme(readme, actionYml) {
  const action = parse(actionYml) ?? {};
  const tables = { inputs: renderInputsTable(action), outputs: renderOutputsTable(action) };
  let next = readme;
  for (const section of SECTIONS) {
    const start = `<!-- ${section}:start -->`;
    const end = `<!-- ${section}:end -->`;
    const from = next.indexOf(start);
    const to = next.indexOf(end);
    if (from < 0 || to < from) {
      throw new Error(
        `README.md needs the markers ${start} and ${end}, in that order, where the ${section} table goes`,
      );
    }
    next = `${next.slice(0, from + start.length)}\n${NOTICE}\n\n${tables[section]}\n\n${next.slice(to)}`;
  }
  return next;
}

/** The sections whose tables differ between two README texts (for the --check message). */
export function staleSections(current, expected) {
  const body = (text, section) => {
    const from = text.indexOf(`<!-- ${section}:start -->`);
    const to = text.indexOf(`<!-- ${section}:end -->`);
    return from < 0 || to < 0 ? undefined : text.slice(from, to);
  };
  return SECTIONS.filter((s) => body(current, s) !== body(expected, s));
}

function main(argv) {
  const rootAt = argv.indexOf('--root');
  const root =
    rootAt >= 0
      ? path.resolve(argv[rootAt + 1] ?? '.')
      : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const readmeFile = path.join(root, 'README.md');
  const actionFile = path.join(root, 'action.yml');
  const readme = readFileSync(readmeFile, 'utf8');
  let next;
  try {
    next = updateReadme(readme, readFileSync(actionFile, 'utf8'));
  } catch (err) {
    console.error(`gen-readme-tables: ${err.message}`);
    return 1;
  }
  if (argv.includes('--check')) {
    if (next === readme) return 0;
    const stale = staleSections(readme, next);
    console.error(
      `README.md is stale: its ${stale.join(' and ') || 'generated'} table${stale.length > 1 ? 's do' : ' does'} not match action.yml. ` +
        'Run `node scripts/gen-readme-tables.mjs` and commit README.md.',
    );
    return 1;
  }
  if (next !== readme) writeFileSync(readmeFile, next);
  console.log(
    next === readme ? 'README.md tables are current' : 'README.md tables rewritten from action.yml',
  );
  return 0;
}

const invoked = process.argv[1] ? realpathSync(process.argv[1]) : '';
if (invoked === realpathSync(fileURLToPath(import.meta.url))) process.exitCode = main(process.argv.slice(2));
