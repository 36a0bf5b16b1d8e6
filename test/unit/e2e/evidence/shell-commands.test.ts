// The commands shell text runs, read without running it.
import { describe, expect, test } from 'vitest';
import { shellCommands } from '../../../../src/e2e/evidence/shell-commands.js';

const names = (text: string) => shellCommands(text).commands.map((c) => c.name);
const at = (text: string) => shellCommands(text).commands.map((c) => `${c.line}:${c.name}`);

describe('command positions', () => {
  test.each([
    ['line start', 'ruff check .', ['ruff']],
    [
      'after ; && || | &',
      'a; ruff && pytest || mypy | xenon & copier',
      ['a', 'ruff', 'pytest', 'mypy', 'xenon', 'copier'],
    ],
    [
      'then, else, do, !, {, (',
      'if ! a; then ruff; else pytest; fi; while b; do mypy; done; { xenon; }; (copier)',
      ['a', 'ruff', 'pytest', 'b', 'mypy', 'xenon', 'copier'],
    ],
    [
      'inside $( ) and backticks, in and out of double quotes',
      'v=$(ruff --version) w="`pytest -q`" x="$(mypy)"',
      ['ruff', 'pytest', 'mypy'],
    ],
    [
      'behind wrappers and their options',
      'exec ruff; env -u X A=1 pytest; nohup time -p mypy; xargs -n 1 xenon; timeout 5 copier',
      ['ruff', 'pytest', 'mypy', 'xenon', 'copier'],
    ],
    ['after assignments and redirections', 'A=1 B="x y" >/dev/null 2>&1 ruff', ['ruff']],
    [
      'find -exec, sh -c and eval',
      'find . -exec ruff {} \\; ; sh -ec \'pytest -q\' ; eval "mypy ."',
      ['find', 'ruff', 'sh', 'pytest', 'eval', 'mypy'],
    ],
    [
      'case branches, not patterns',
      'case "$1" in\n  ruff|lint) ruff check ;;\n  (*) pytest ;;\nesac',
      ['ruff', 'pytest'],
    ],
    ['`command NAME` runs NAME', 'command ruff check', ['ruff']],
    [
      'function bodies',
      'lint() { ruff check; }\nfunction t { pytest; }\nfunction u() { mypy; }',
      ['ruff', 'pytest', 'mypy'],
    ],
  ])('%s', (_, text, expected) => {
    expect(names(text)).toEqual(expected);
  });
});

describe('not commands', () => {
  test.each([
    ['a path', '.venv/bin/ruff check . && ./ruff && /usr/bin/pytest'],
    ['an argument', 'uv run ruff check; uvx ruff; uv tool run pytest; python -m mypy'],
    ['text in quotes', 'echo "run ruff"; printf \'%s\\n\' "pytest failed"; echo ruff'],
    ['a comment', '# ruff check .\n  # pytest\nx # mypy'],
    ['a here-document', "cat <<EOF\nruff is missing\nEOF\ncat <<-'END'\n\tpytest\n\tEND"],
    ['a command word that expands', `$RUFF check; "\${PYTEST:-pytest}" -q`],
    ['a for list', 'for tool in ruff pytest; do echo "$tool"; done'],
    ['a function name', 'ruff() { echo no; }\nfunction pytest { echo no; }'],
    ['arithmetic and parameter expansion', `echo $((ruff + 1)) \${pytest:-x}`],
  ])('%s', (_, text) => {
    expect(names(text).filter((n) => ['ruff', 'pytest', 'mypy'].includes(n))).toEqual([]);
  });
});

describe('lines', () => {
  test('a command is on the line its word starts, across continuations, quotes and here-documents', () => {
    const text = [
      'echo "a', // 1
      'b" \\', // 2
      '  && ruff check', // 3
      'cat <<EOF', // 4
      'text', // 5
      'EOF', // 6
      "x='", // 7
      "'; pytest", // 8
      'y=$(', // 9
      '  mypy)', // 10
    ].join('\n');
    expect(at(text)).toEqual(['1:echo', '3:ruff', '4:cat', '8:pytest', '10:mypy']);
  });

  test('counted from the first line given (a Makefile recipe)', () => {
    expect(shellCommands('true \\\n  && ruff', 12).commands).toEqual([
      { name: 'true', line: 12 },
      { name: 'ruff', line: 13 },
    ]);
  });
});

describe('tested names', () => {
  test('command -v, which, type and hash, also inside $( ) and [ ]', () => {
    const text = [
      'if command -v ruff >/dev/null 2>&1; then ruff format .; fi',
      'which pytest || exit 0',
      'type -P mypy',
      'hash xenon 2>/dev/null',
      '[ -x "$(command -v copier)" ]',
    ].join('\n');
    expect([...shellCommands(text).tested].sort()).toEqual(['copier', 'mypy', 'pytest', 'ruff', 'xenon']);
  });

  test('a named command is not run by the test', () => {
    expect(names('command -v ruff; which pytest')).toEqual([]);
  });
});

test('substitutions nested beyond reason are skipped, not a stack overflow', () => {
  const deep = `${'echo $('.repeat(100_000)}ruff${')'.repeat(100_000)}; pytest`;
  expect(names(deep).filter((n) => n !== 'echo')).toEqual(['pytest']);
  expect(names('echo $(echo `echo $(ruff)`)').filter((n) => n !== 'echo')).toEqual(['ruff']);
});
