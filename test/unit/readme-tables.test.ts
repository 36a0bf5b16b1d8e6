import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  renderInputsTable,
  splitDefault,
  staleSections,
  updateReadme,
} from '../../scripts/gen-readme-tables.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT = path.join(ROOT, 'scripts/gen-readme-tables.mjs');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const actionYml = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
const action = parse(actionYml) as {
  inputs: Record<string, { default?: unknown }>;
  outputs: Record<string, unknown>;
};

/** The table rows between a section's markers, by first cell (the name without backticks). */
function rows(text: string, section: string): Map<string, string[]> {
  const body = text.slice(text.indexOf(`<!-- ${section}:start -->`), text.indexOf(`<!-- ${section}:end -->`));
  const found = new Map<string, string[]>();
  for (const line of body.split('\n').filter((l) => l.startsWith('| `'))) {
    const cells = line
      .slice(2, -2)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    found.set((cells[0] ?? '').replace(/`/g, ''), cells);
  }
  return found;
}

describe('README inputs and outputs tables', () => {
  it('are current with action.yml (else run: node scripts/gen-readme-tables.mjs)', () => {
    const expected = updateReadme(readme, actionYml);
    expect(staleSections(readme, expected), 'stale README tables').toEqual([]);
    expect(readme).toBe(expected);
  });

  it('list every input and every output of action.yml, in its order', () => {
    expect([...rows(readme, 'inputs').keys()]).toEqual(Object.keys(action.inputs));
    expect([...rows(readme, 'outputs').keys()]).toEqual(Object.keys(action.outputs));
  });

  it('move a "Default: X." sentence into the Default column, and keep declared defaults', () => {
    const inputs = rows(readme, 'inputs');
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
  const dir = mkdtempSync(path.join(tmpdir(), 'wg-readme-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [SCRIPT, '--root', dir, ...args], { encoding: 'utf8' });

  it('passes on this repository, fails with a clear message when action.yml changed, and the rewrite fixes it', () => {
    cpSync(path.join(ROOT, 'README.md'), path.join(dir, 'README.md'));
    cpSync(path.join(ROOT, 'action.yml'), path.join(dir, 'action.yml'));
    expect(run('--check').status).toBe(0);

    const changed = actionYml.replace(
      '\noutputs:\n',
      '\n  new-input:\n    description: "New. Default: 5."\noutputs:\n',
    );
    writeFileSync(path.join(dir, 'action.yml'), changed);
    const stale = run('--check');
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/README\.md is stale: its inputs table does not match action\.yml/);
    expect(stale.stderr).toContain('node scripts/gen-readme-tables.mjs');
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe(readme);

    expect(run().status).toBe(0);
    expect(run('--check').status).toBe(0);
    expect(rows(readFileSync(path.join(dir, 'README.md'), 'utf8'), 'inputs').get('new-input')).toEqual([
      '`new-input`',
      '`5`',
      'New.',
    ]);
  });

  it('fails naming the missing markers', () => {
    writeFileSync(path.join(dir, 'README.md'), '# no tables here\n');
    const result = run('--check');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'README.md needs the markers <!-- inputs:start --> and <!-- inputs:end -->',
    );
  });
});
