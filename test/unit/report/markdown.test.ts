import { describe, expect, it } from 'vitest';
import { htmlProse } from '../../../src/report/format.js';
import { mdCode, mdFence, mdProse, mdTable, mdText } from '../../../src/report/markdown.js';

describe('markdown pieces', () => {
  it('escapes text that would become markup', () => {
    expect(mdText('a|b <i>*c*</i> _d_ `e` [f](g) #h')).toBe(
      'a\\|b \\<i\\>\\*c\\*\\</i\\> \\_d\\_ \\`e\\` \\[f\\](g) \\#h',
    );
    expect(mdText('one\ntwo')).toBe('one two');
  });

  it('makes a code span that holds backticks and pipes', () => {
    expect(mdCode('plain')).toBe('`plain`');
    expect(mdCode('a `b` c')).toBe('``a `b` c``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('a|b')).toBe('`a\\|b`');
  });

  it('fences a block with a fence longer than any inside it', () => {
    expect(mdFence('x')).toBe('```text\nx\n```');
    expect(mdFence('```\ny\n````')).toBe('`````text\n```\ny\n````\n`````');
  });

  it('builds a table with alignment', () => {
    expect(mdTable(['a', 'b'], [['1', '2']], ['l', 'r'])).toBe('| a | b |\n| --- | ---: |\n| 1 | 2 |');
  });

  it('renders the `quoted` code of prose (advice, a failure) as code, the rest as text', () => {
    const advice = 'install it through a lock (`uv sync`) or set `[tool.uv] cache-keys = [{ a | b }]` *now*';
    expect(mdProse(advice)).toBe(
      'install it through a lock (`uv sync`) or set `[tool.uv] cache-keys = [{ a \\| b }]` \\*now\\*',
    );
    expect(htmlProse(advice)).toBe(
      'install it through a lock (<code>uv sync</code>) or set <code>[tool.uv] cache-keys = [{ a | b }]</code> *now*',
    );
    // A lone backtick, or a pair across lines, is text.
    expect(mdProse('a ` b\nc ` d')).toBe('a \\` b c \\` d');
    expect(htmlProse('<b>`x`</b>')).toBe('&lt;b&gt;<code>x</code>&lt;/b&gt;');
  });
});
