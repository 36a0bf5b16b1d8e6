import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  PAGE,
  renderFlagsTables,
  renderInputsTable,
  splitDefault,
  staleSections,
  updateOptionsPage,
} from '../../scripts/gen-readme-tables.mjs';
import { isNegatable, SECTIONS, SPECS } from '../../src/config/options.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT = path.join(ROOT, 'scripts/gen-readme-tables.mjs');
const page = readFileSync(path.join(ROOT, PAGE), 'utf8');
const actionYml = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
const action = parse(actionYml) as {
  inputs: Record<string, { default?: unknown }>;
  outputs: Record<string, unknown>;
};
const optionTable = { SPECS, SECTIONS, isNegatable };

/** The table rows between a section's markers, by first cell (the name without backticks). */
function rows(
  text: string,
  section: string,
  key = (cells: string[]) => cells[0] ?? '',
): Map<string, string[]> {
  const body = text.slice(text.indexOf(`<!-- ${section}:start -->`), text.indexOf(`<!-- ${section}:end -->`));
  const found = new Map<string, string[]>();
  for (const line of body.split('\n').filter((l) => l.startsWith('| `') || l.startsWith('| — '))) {
    const cells = line
      .slice(2, -2)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    found.set(key(cells).replace(/`/g, ''), cells);
  }
  return found;
}

describe('the option reference (docs/options.md)', () => {
  it('is current with action.yml and the option table (else run: node scripts/gen-readme-tables.mjs)', () => {
    const expected = updateOptionsPage(page, actionYml, optionTable);
    expect(staleSections(page, expected), 'stale tables').toEqual([]);
    expect(page).toBe(expected);
  });

  it('lists every input and every output of action.yml, in its order', () => {
    expect([...rows(page, 'inputs').keys()]).toEqual(Object.keys(action.inputs));
    expect([...rows(page, 'outputs').keys()]).toEqual(Object.keys(action.outputs));
  });

  it('lists every option of the table once in the flags tables: by its input, or its flag where it has none', () => {
    const named = [
      ...rows(page, 'flags', (cells) => (cells[1] === '— (CLI only)' ? cells[0] : cells[1]) ?? '').keys(),
    ];
    const expected = SPECS.map((spec) =>
      spec.cliOnly
        ? `--${spec.cliName ?? spec.name}${spec.kind === 'boolean' ? '' : ` ${spec.valueName}`}${spec.cliName ? ' (repeatable)' : ''}`
        : spec.name,
    );
    expect([...named].sort()).toEqual(expected.sort());
  });

  it('moves a "Default: X." sentence into the Default column, and keeps declared defaults', () => {
    const inputs = rows(page, 'inputs');
    expect(inputs.get('memory')).toEqual(['`memory`', '`2GiB`', 'Memory limit of each worker container.']);
    expect(inputs.get('require')?.[1]).toBe('`uv`, `uvx`, `git`, `make`, `python3`');
    expect(inputs.get('comment')?.[1]).toBe('`false`');
    // A GitHub expression the runner expands, shown as is.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: see above
    expect(inputs.get('github-token')?.[1]).toBe('`${{ github.token }}`');
    expect(inputs.get('max-image-size')?.[1]).toBe('—');
    for (const [name, cells] of inputs) expect(cells[2], name).not.toMatch(/Default:/);
    // `<range>` would vanish as an HTML tag.
    expect(inputs.get('require')?.[2]).toContain('NAME&lt;range&gt;');
  });
});

describe('renderFlagsTables', () => {
  const tables = renderFlagsTables(optionTable);
  const row = (input: string) => tables.split('\n').find((line) => line.includes(`| \`${input}\` |`));

  it('spells each flag as the CLI registers it: singular repeatables, --no- for booleans a config file can set, none for action-only options', () => {
    expect(row('build-args')).toBe(
      '| `--build-arg KEY=VALUE` (repeatable) | `build-args` | `build-args` | build, check, verify |',
    );
    expect(row('keep')).toBe('| `--keep`, `--no-keep` | `keep` | `keep` | e2e, verify |');
    expect(row('comment')).toBe('| — (action only) | `comment` | `comment` | verify, merge |');
    const clean = (flag: string) =>
      tables.split('\n').find((line) => new RegExp(`^\\| \`${flag}[\` ]`).test(line));
    expect(clean('--all')).toBe(
      '| `--all` | — (CLI only) | — (only `worker-gate clean` takes it, on its command line) | clean |',
    );
    expect(clean('--run')).toMatch(/^\| `--run ID` \| — \(CLI only\) \|/);
    expect(row('cache-layout')).toContain('`--cache-layout separate\\|shared\\|both`');
  });

  it('says why an option has no config key', () => {
    expect(row('summary')).toContain('— (it is a file path on the CLI and true/false in the action)');
  });

  it("groups the options under help's section titles, in help's order", () => {
    const titles = [...tables.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(titles).toEqual(SECTIONS.map((s) => s.title));
  });
});

describe('splitDefault', () => {
  it('splits the last "Default:" sentence from the meaning', () => {
    expect(splitDefault('CPU limit. Default: 1.')).toEqual({ meaning: 'CPU limit.', default: '1' });
    expect(splitDefault('The file. Default: the shipped images/x/Dockerfile.')).toEqual({
      meaning: 'The file.',
      default: 'the shipped images/x/Dockerfile',
    });
    expect(splitDefault('Noise (a percent). Default: 10%.')).toEqual({
      meaning: 'Noise (a percent).',
      default: '10%',
    });
    expect(splitDefault('No default here.')).toEqual({ meaning: 'No default here.' });
    expect(splitDefault(undefined)).toEqual({ meaning: '' });
  });

  it('escapes a pipe in a table cell', () => {
    const table = renderInputsTable({ inputs: { a: { description: 'x | y. Default: p|q.' } } });
    expect(table.split('\n')[2]).toBe('| `a` | `p\\|q` | x \\| y. |');
  });
});

describe('gen-readme-tables.mjs --check', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wg-options-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [SCRIPT, '--root', dir, ...args], { encoding: 'utf8' });
  const copied = () => readFileSync(path.join(dir, PAGE), 'utf8');

  it('passes on this repository, fails with a clear message when action.yml changed, and the rewrite fixes it', () => {
    mkdirSync(path.join(dir, 'docs'), { recursive: true });
    cpSync(path.join(ROOT, PAGE), path.join(dir, PAGE));
    cpSync(path.join(ROOT, 'action.yml'), path.join(dir, 'action.yml'));
    expect(run('--check').status).toBe(0);

    const changed = actionYml.replace(
      '\noutputs:\n',
      '\n  new-input:\n    description: "New. Default: 5."\noutputs:\n',
    );
    writeFileSync(path.join(dir, 'action.yml'), changed);
    const stale = run('--check');
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(
      /docs\/options\.md is stale: its inputs table does not match action\.yml and the option table/,
    );
    expect(stale.stderr).toContain('node scripts/gen-readme-tables.mjs');
    expect(copied()).toBe(page);

    expect(run().status).toBe(0);
    expect(run('--check').status).toBe(0);
    expect(rows(copied(), 'inputs').get('new-input')).toEqual(['`new-input`', '`5`', 'New.']);
  });

  it('fails naming the flags table when it was edited by hand', () => {
    writeFileSync(path.join(dir, PAGE), page.replace('`--keep`, `--no-keep`', '`--keep`'));
    writeFileSync(path.join(dir, 'action.yml'), actionYml);
    const result = run('--check');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('docs/options.md is stale: its flags table does not match');
  });

  it('fails naming the missing markers', () => {
    writeFileSync(path.join(dir, PAGE), '# no tables here\n');
    const result = run('--check');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'docs/options.md needs the markers <!-- inputs:start --> and <!-- inputs:end -->',
    );
  });
});
