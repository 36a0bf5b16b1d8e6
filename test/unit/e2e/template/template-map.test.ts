// A generated file mapped back to the local template's file it came from, and
// the call's line there; the upload gathers those files for both kinds of
// local template.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  copierLayout,
  mapToTemplate,
  projectPathOf,
  type TemplateScripts,
  templateFileOf,
} from '../../../../src/e2e/template/template-map.js';
import { prepareTemplate } from '../../../../src/e2e/template/template-upload.js';
import { Redactor } from '../../../../src/model/redact.js';
import type { ProjectCall } from '../../../../src/model/report.js';
import { processRunner } from '../../../../src/process/run.js';

const runProcess = processRunner({ timeoutSeconds: 60, redactor: new Redactor() });
const root = mkdtempSync(path.join(tmpdir(), 'wg-template map-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const LAYOUT = copierLayout('_subdirectory: template/\n');

describe("copier's layout", () => {
  test('_subdirectory and _templates_suffix, with their defaults', () => {
    expect(LAYOUT).toEqual({ subdirectory: 'template', suffix: '.jinja' });
    expect(copierLayout(undefined)).toEqual({ subdirectory: '', suffix: '.jinja' });
    expect(copierLayout('_templates_suffix: ""\n')).toEqual({ subdirectory: '', suffix: '' });
  });

  test('a template file becomes a project path: the subdirectory and the suffix dropped', () => {
    expect(projectPathOf('template/Makefile.jinja', LAYOUT)).toBe('Makefile');
    expect(projectPathOf('template/.githooks/pre-commit', LAYOUT)).toBe('.githooks/pre-commit');
    expect(projectPathOf('README.md', LAYOUT)).toBeUndefined();
  });
});

describe('a project file maps back to its template file', () => {
  const files = new Set(['template/Makefile.jinja', 'template/.githooks/pre-commit', '{{ name }}/x.sh']);
  const has = (f: string) => files.has(f);

  test.each([
    ['Makefile', 'template/Makefile.jinja'],
    ['.githooks/pre-commit', 'template/.githooks/pre-commit'],
    ['demo/x.sh', undefined],
    ['scripts/none.sh', undefined],
  ])('%s → %s', (project, template) => {
    expect(templateFileOf(project, LAYOUT, has)).toBe(template);
  });

  test('with no subdirectory and no suffix', () => {
    expect(templateFileOf('Makefile', { subdirectory: '', suffix: '' }, (f) => f === 'Makefile')).toBe(
      'Makefile',
    );
  });
});

describe('calls mapped to template lines', () => {
  const call = (file: string, line: number, text: string): ProjectCall => ({
    file,
    line,
    command: 'ruff',
    text,
    outcome: 'guarded',
  });
  const template: TemplateScripts = {
    layout: LAYOUT,
    texts: new Map([
      // Rendered: its {% if %} lines vanish, so the project's line 3 is the template's 5.
      ['template/Makefile.jinja', '{% if lint %}\n# {{ name }}\n\nlint:\n\truff check .\n{% endif %}\n'],
      ['template/.githooks/pre-commit', '#!/bin/sh\nruff format .\n'],
    ]),
  };

  test('a copied file keeps its line, a rendered one moves it; a line not found or a file not known is left as is', () => {
    expect(
      mapToTemplate(
        [
          call('Makefile', 3, 'ruff check .'),
          call('.githooks/pre-commit', 2, 'ruff format .'),
          call('Makefile', 9, 'ruff --fix'),
          call('scripts/x.sh', 1, 'ruff'),
        ],
        template,
      ).map((c) => [c.file, c.line, c.templateFile, c.templateLine]),
    ).toEqual([
      ['Makefile', 3, 'template/Makefile.jinja', 5],
      ['.githooks/pre-commit', 2, 'template/.githooks/pre-commit', 2],
      ['Makefile', 9, 'template/Makefile.jinja', undefined],
      ['scripts/x.sh', 1, undefined, undefined],
    ]);
  });

  test('of equal lines, the nearest', () => {
    const twice: TemplateScripts = {
      layout: LAYOUT,
      texts: new Map([['template/Makefile.jinja', 'a\n\truff\nb\nc\n\truff\n']]),
    };
    expect(mapToTemplate([call('Makefile', 4, 'ruff')], twice)[0]?.templateLine).toBe(5);
  });
});

describe("the upload gathers a local template's script files", () => {
  function template(dir: string): void {
    const files: Record<string, string> = {
      'copier.yml': '_subdirectory: template\n',
      'template/Makefile.jinja': 'lint:\n\truff check .\n',
      'template/.githooks/pre-commit': '#!/bin/sh\nruff format .\n',
      'template/scripts/check.sh.jinja': 'mypy .\n',
      'template/app.py': 'print(1)\n',
      'README.md': 'ruff\n',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
  }
  const expected = {
    layout: { subdirectory: 'template', suffix: '.jinja' },
    texts: new Map([
      ['template/.githooks/pre-commit', '#!/bin/sh\nruff format .\n'],
      ['template/Makefile.jinja', 'lint:\n\truff check .\n'],
      ['template/scripts/check.sh.jinja', 'mypy .\n'],
    ]),
  };
  const sorted = (s: TemplateScripts | undefined) => s && { ...s, texts: new Map([...s.texts].sort()) };

  test('a plain folder', async () => {
    const dir = path.join(root, 'plain template');
    template(dir);
    expect(
      sorted((await prepareTemplate({ kind: 'folder', dir, isGitRepo: false }, 'HEAD', runProcess)).scripts),
    ).toEqual(expected);
  });

  test('a repository, at the ref asked for', async () => {
    const dir = path.join(root, 'repo template');
    template(dir);
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-C', dir, ...args], {
        stdio: 'pipe',
      });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'one');
    // Uncommitted: the workers scaffold from the commit, and so does the mapping.
    writeFileSync(path.join(dir, 'template/Makefile.jinja'), 'changed\n');
    expect(
      sorted((await prepareTemplate({ kind: 'folder', dir, isGitRepo: true }, 'HEAD', runProcess)).scripts),
    ).toEqual(expected);
  });

  test('a URL: nothing to map', async () => {
    expect(
      (await prepareTemplate({ kind: 'url', url: 'https://example.com/t.git' }, 'HEAD', runProcess)).scripts,
    ).toBeUndefined();
  });
});
