// The bare-name calls of removed tools in a project's Makefile, hooks and
// scripts, and what each did on an image.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { toolRoot } from '../../../../src/config/shipped.js';
import { makefileShellTexts } from '../../../../src/e2e/evidence/makefile-recipes.js';
import {
  callOutcomes,
  isShellScript,
  type RemovedToolCall,
  removedToolCalls,
  removedTools,
} from '../../../../src/e2e/evidence/removed-tool-calls.js';

const TOOLS = ['ruff', 'pytest', 'py.test', 'mypy', 'xenon', 'copier'];

// A real template's pre-commit hook: ruff when the image has it, else a warning and nothing.
const GUARDED_PRE_COMMIT = `#!/usr/bin/env bash
set -euo pipefail
# Format staged Python files with ruff when it is available.
files=$(git diff --cached --name-only --diff-filter=ACM -- '*.py')
[ -z "$files" ] && exit 0
if command -v ruff >/dev/null 2>&1; then
  ruff format $files
  git add $files
else
  echo "warning: ruff not found, skipping formatting" >&2
fi
`;

const MAKEFILE = [
  'VENV := .venv', // 1
  'RUFF ?= ruff', // 2
  '', // 3
  '.PHONY: lint test', // 4
  'lint:', // 5
  '\t@echo "run ruff"', // 6
  '\truff check .', // 7
  '\t$(VENV)/bin/ruff format --check .', // 8
  '\t.venv/bin/ruff check .', // 9
  '\tuv run ruff check .', // 10
  '\t-uvx ruff check .', // 11
  '# ruff check . (a comment of make)', // 12
  '\t$(RUFF) check src', // 13
  '', // 14
  'test:', // 15
  '\t@cd services && \\', // 16
  '\t  uv sync && \\', // 17
  '\t  pytest -q', // 18
  '\tmypy . && pytest && mypy src', // 19
  '', // 20
  'notes = pytest is run by make test', // 21
  'VERSION := $(shell xenon --version)', // 22
  'fmt:', // 23
  '\t@-ruff format .', // 24
  '\t$(UV_RUN) ruff format .', // 25: UV_RUN is not this Makefile's: not known to be a bare call
].join('\n');

const at = (calls: RemovedToolCall[]) => calls.map((c) => `${c.file}:${c.line} ${c.command}`);

describe('the calls in a project', () => {
  test('a guarded pre-commit hook: the call is found on its line, guarded', () => {
    expect(removedToolCalls([{ path: '.githooks/pre-commit', text: GUARDED_PRE_COMMIT }], TOOLS)).toEqual([
      { file: '.githooks/pre-commit', line: 7, command: 'ruff', text: 'ruff format $files', guarded: true },
    ]);
  });

  test('Makefile recipes: bare calls with their lines, once per line and tool; venv paths, uv run, uvx, echo and comments are not calls', () => {
    const calls = removedToolCalls([{ path: 'Makefile', text: MAKEFILE }], TOOLS);
    expect(at(calls)).toEqual([
      'Makefile:7 ruff',
      'Makefile:13 ruff',
      'Makefile:18 pytest',
      'Makefile:19 mypy',
      'Makefile:19 pytest',
      'Makefile:22 xenon',
      'Makefile:24 ruff',
    ]);
    expect(calls[0]).toMatchObject({ text: 'ruff check .', guarded: false });
    expect(calls[2]).toMatchObject({ text: 'pytest -q' });
  });

  test('scripts/*.sh and hooks in other languages', () => {
    const files = [
      { path: 'scripts/lint.sh', text: 'set -e\nuv sync\nmypy src\n' },
      { path: '.githooks/commit-msg', text: '#!/usr/bin/env python3\nruff = "not a call"\n' },
      { path: '.githooks/README.md', text: 'ruff runs on every commit\n' },
    ];
    expect(at(removedToolCalls(files, TOOLS))).toEqual(['scripts/lint.sh:3 mypy']);
  });

  test('the shipped template calls every tool through its venv: no call', () => {
    const template = path.join(toolRoot(), 'templates/service/template');
    const files = ['Makefile.jinja', '.githooks/pre-commit'].map((f) => ({
      path: f.replace(/\.jinja$/, ''),
      text: readFileSync(path.join(template, f), 'utf8'),
    }));
    expect(removedToolCalls(files, TOOLS)).toEqual([]);
    // The scan did read them: the same files with a bare call do have one.
    const bare = files.map((f) => ({ ...f, text: f.text.replaceAll('.venv/bin/ruff', 'ruff') }));
    expect(removedToolCalls(bare, TOOLS).length).toBeGreaterThan(0);
  });

  test('only the tools asked about', () => {
    expect(removedToolCalls([{ path: 'Makefile', text: MAKEFILE }], ['mypy']).map((c) => c.line)).toEqual([
      19,
    ]);
  });
});

describe('Makefile shell text', () => {
  test('recipes only under a rule; define blocks and variables are not recipes', () => {
    const texts = makefileShellTexts(
      [
        'define RUN', // 1
        'lint:', // 2
        '\truff check', // 3
        'endef', // 4
        'X = 1', // 5
        '\tpytest', // 6: no rule above
        'all: ; mypy .', // 7: an inline recipe
        'ifeq ($(CI),1)', // 8
        '\txenon .', // 9: still the rule's
        'endif', // 10
      ].join('\n'),
    );
    expect(texts.map((t) => `${t.line}:${t.text}`)).toEqual(['7:mypy .', '9:xenon .']);
  });

  test('what make expands and runs itself: variables, +=, != and $(shell)', () => {
    const texts = makefileShellTexts(
      [
        'VENV := .venv', // 1
        'RUFF = $(VENV)/bin/ruff', // 2
        'LINT = ruff', // 3
        'LINT += check', // 4
        'V != mypy --version', // 5
        'lint: ; @$(LINT) $$HOME # make comment', // 6
        '	$(RUFF) x $(shell xenon --version) $@', // 7
      ].join('\n'),
    );
    expect(texts.map((t) => `${t.line}:${t.text}`)).toEqual([
      '5:mypy --version',
      '6:ruff check $HOME',
      '7:.venv/bin/ruff x _ _',
      '7:xenon --version',
    ]);
  });
});

test('references nested beyond reason are not followed', () => {
  const deep = `X := ${'$(shell '.repeat(10_000)}ruff${')'.repeat(10_000)}\nY = $(Y)\nall:\n\t$(Y) pytest`;
  expect(removedToolCalls([{ path: 'Makefile', text: deep }], TOOLS)).toEqual([]);
});

describe('which files are shell', () => {
  test.each([
    ['pre-commit', '#!/bin/sh\n', true],
    ['pre-push', '#!/usr/bin/env bash\n', true],
    ['pre-push', '#!/usr/bin/env -S bash -e\n', true],
    ['pre-commit', 'ruff check\n', true],
    ['lint.sh', 'ruff check\n', true],
    ['commit-msg', '#!/usr/bin/env python3\n', false],
    ['README.md', 'ruff check\n', false],
  ])('%s starting %j: %s', (name, text, shell) => {
    expect(isShellScript(name, text)).toBe(shell);
  });
});

describe('outcomes', () => {
  const call = (command: string, guarded: boolean): RemovedToolCall => ({
    file: '.githooks/pre-commit',
    line: 5,
    command,
    text: `${command} .`,
    guarded,
  });
  const none = { notFound: new Set<string>(), provided: new Map<string, string>() };

  test('provided by outranks not found, which outranks guarded, which outranks not run', () => {
    const calls = [call('ruff', true), call('pytest', true), call('mypy', true), call('xenon', false)];
    const image = {
      notFound: new Set(['ruff', 'pytest']),
      provided: new Map([['ruff', '/usr/local/bin/ruff']]),
    };
    expect(callOutcomes(calls, image).map((c) => [c.command, c.outcome, c.providedBy])).toEqual([
      ['ruff', 'provided', '/usr/local/bin/ruff'],
      ['pytest', 'not found', undefined],
      ['mypy', 'guarded', undefined],
      ['xenon', 'not run', undefined],
    ]);
  });

  test('the report keeps the call without its guard flag', () => {
    expect(callOutcomes([call('ruff', true)], none)).toEqual([
      { file: '.githooks/pre-commit', line: 5, command: 'ruff', text: 'ruff .', outcome: 'guarded' },
    ]);
  });
});

test('the tools are the commands the contract forbids', () => {
  expect(removedTools({ forbidCommands: ['ruff', 'black'] })).toEqual(['ruff', 'black']);
});
