// Writes the option reference, docs/options.md: the action's inputs and outputs
// from action.yml and the CLI's flags from the option table
// (src/config/options.ts), each between its <!-- NAME:start/end --> markers, so
// the reference can never drift from what the action and the CLI declare.
// `--check` rewrites nothing and exits 1 when the page is stale (CI, and
// test/unit/readme-tables.test.ts through the same pure function).
//
//   node scripts/gen-readme-tables.mjs            rewrite docs/options.md
//   node scripts/gen-readme-tables.mjs --check    fail when docs/options.md is stale
//   --root DIR                                    read DIR/action.yml and DIR/docs/options.md
//                                                 (the option table is always this checkout's)
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const PAGE = 'docs/options.md';
const SECTIONS = ['inputs', 'outputs', 'flags'];
const SOURCE = {
  inputs: 'action.yml',
  outputs: 'action.yml',
  flags: 'the option table (src/config/options.ts)',
};
const notice = (section) =>
  `<!-- generated from ${SOURCE[section]} by scripts/gen-readme-tables.mjs: edit ${section === 'flags' ? 'src/config/options.ts' : 'action.yml'}, not this table -->`;

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

/**
 * One table per section of the option table, in help's order: each option's CLI
 * flag (as `addCommandOptions` registers it, `--no-` where `isNegatable`), its
 * action input and config key (where it has them) and the commands that take
 * it. The meanings are the inputs table's.
 */
export function renderFlagsTables({ SPECS, SECTIONS: sections, isNegatable }) {
  const repeatable = (spec) => spec.kind === 'list' || spec.kind === 'keyvalue-list';
  const flag = (spec) => {
    if (spec.actionOnly) return '— (action only)';
    const name = `--${spec.cliName ?? spec.name}`;
    if (isNegatable(spec)) return `${code(name)}, ${code(`--no-${spec.name}`)}`;
    if (spec.kind === 'boolean') return code(name);
    return `${code(`${name} ${spec.valueName}`)}${repeatable(spec) ? ' (repeatable)' : ''}`;
  };
  const input = (spec) => (spec.cliOnly ? '— (CLI only)' : code(spec.name));
  const key = (spec) => (spec.noConfigKey === undefined ? code(spec.name) : cell(`— (${spec.noConfigKey})`));
  return sections
    .map(({ name, title }) => {
      const rows = SPECS.filter((spec) => spec.section === name).map((spec) => [
        flag(spec),
        input(spec),
        key(spec),
        spec.commands.join(', '),
      ]);
      if (rows.length === 0) return undefined;
      return `### ${title}\n\n${table(['CLI flag', 'Input', 'Config key', 'Commands'], rows)}`;
    })
    .filter((part) => part !== undefined)
    .join('\n\n');
}

/** The page with its tables rewritten. Throws when a marker is missing. */
export function updateOptionsPage(page, actionYml, optionTable) {
  const action = parse(actionYml) ?? {};
  const tables = {
    inputs: renderInputsTable(action),
    outputs: renderOutputsTable(action),
    flags: renderFlagsTables(optionTable),
  };
  let next = page;
  for (const section of SECTIONS) {
    const start = `<!-- ${section}:start -->`;
    const end = `<!-- ${section}:end -->`;
    const from = next.indexOf(start);
    const to = next.indexOf(end);
    if (from < 0 || to < from) {
      throw new Error(
        `${PAGE} needs the markers ${start} and ${end}, in that order, where the ${section} table goes`,
      );
    }
    next = `${next.slice(0, from + start.length)}\n${notice(section)}\n\n${tables[section]}\n\n${next.slice(to)}`;
  }
  return next;
}

/** The sections whose tables differ between two texts of the page (for the --check message). */
export function staleSections(current, expected) {
  const body = (text, section) => {
    const from = text.indexOf(`<!-- ${section}:start -->`);
    const to = text.indexOf(`<!-- ${section}:end -->`);
    return from < 0 || to < 0 ? undefined : text.slice(from, to);
  };
  return SECTIONS.filter((s) => body(current, s) !== body(expected, s));
}

async function main(argv) {
  const rootAt = argv.indexOf('--root');
  const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const root = rootAt >= 0 ? path.resolve(argv[rootAt + 1] ?? '.') : here;
  const pageFile = path.join(root, PAGE);
  const actionFile = path.join(root, 'action.yml');
  const { importTs } = await import('./import-ts.mjs');
  const optionTable = await importTs('src/config/options.ts');
  let page;
  let next;
  try {
    page = readFileSync(pageFile, 'utf8');
    next = updateOptionsPage(page, readFileSync(actionFile, 'utf8'), optionTable);
  } catch (err) {
    console.error(`gen-readme-tables: ${err.message}`);
    return 1;
  }
  if (argv.includes('--check')) {
    if (next === page) return 0;
    const stale = staleSections(page, next);
    console.error(
      `${PAGE} is stale: its ${stale.join(' and ') || 'generated'} table${stale.length > 1 ? 's do' : ' does'} not match action.yml and the option table. ` +
        `Run \`node scripts/gen-readme-tables.mjs\` and commit ${PAGE}.`,
    );
    return 1;
  }
  if (next !== page) writeFileSync(pageFile, next);
  console.log(
    next === page
      ? `${PAGE} tables are current`
      : `${PAGE} tables rewritten from action.yml and the option table`,
  );
  return 0;
}

const invoked = process.argv[1] ? realpathSync(process.argv[1]) : '';
if (invoked === realpathSync(fileURLToPath(import.meta.url)))
  process.exitCode = await main(process.argv.slice(2));
