import { describe, expect, test } from 'vitest';
import { CommandFence } from '../../../src/action-log-fence.js';

function fence(): { f: CommandFence; lines: string[] } {
  const lines: string[] = [];
  let n = 0;
  const f = new CommandFence({ write: (l) => lines.push(l) }, () => `tok${++n}`);
  return { f, lines };
}

describe('the workflow-command fence', () => {
  test('text goes inside a fence; a command of our own closes it first', () => {
    const { f, lines } = fence();
    f.text('::error::from the project');
    f.text('::stop-commands::evil');
    f.command(() => lines.push('::warning::ours'));
    f.text('more');
    f.close();
    f.close();
    expect(lines).toEqual([
      '::stop-commands::tok1',
      '::error::from the project',
      '::stop-commands::evil',
      '::tok1::',
      '::warning::ours',
      '::stop-commands::tok2',
      'more',
      '::tok2::',
    ]);
  });

  test('a new random token for every fence by default', () => {
    const lines: string[] = [];
    const f = new CommandFence({ write: (l) => lines.push(l) });
    f.text('a');
    f.close();
    f.text('b');
    const tokens = lines.filter((l) => l.startsWith('::stop-commands::')).map((l) => l.slice(17));
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(tokens[0]).not.toBe(tokens[1]);
  });
});
