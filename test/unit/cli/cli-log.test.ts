import { describe, expect, test } from 'vitest';
import { createCliLog, formatElapsed, isLiveTerminal } from '../../../src/cli-log.js';

function capture(isTTY: boolean, env: NodeJS.ProcessEnv = {}) {
  let text = '';
  let clock = 0;
  const log = createCliLog({ write: (t) => (text += t), isTTY, columns: 80 }, env, () => clock);
  return {
    log,
    text: () => text,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('the CLI progress display', () => {
  test.each([
    [true, {}, true],
    [false, {}, false],
    [true, { CI: 'true' }, false],
    [true, { TERM: 'dumb' }, false],
  ])('live on a TTY (%s) with env %j: %s', (isTTY, env, live) => {
    expect(isLiveTerminal({ write: () => {}, isTTY }, env)).toBe(live);
  });

  test('plain mode prints a line per phase start and end, with its seconds, and every output line', async () => {
    const c = capture(false);
    await c.log.group('e2e worker A · setup: make setup', async () => {
      c.log.detail('Installed 13 packages in 88ms');
      c.advance(8300);
    });
    c.log.close();
    expect(c.text()).toBe(
      'worker-gate: ▶ e2e worker A · setup: make setup\n  Installed 13 packages in 88ms\nworker-gate: ✓ e2e worker A · setup: make setup (8.3 s)\n',
    );
  });

  test('plain mode marks a phase that threw', async () => {
    const c = capture(false);
    await expect(c.log.group('build', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(c.text()).toContain('worker-gate: ✗ build');
  });

  test.each([
    [false, 'worker-gate: ✗ e2e worker B · push: git commit and push (0.2 s, exit 1)\n'],
    [true, '✗ e2e worker B · push: git commit and push (0.2 s, exit 1)\n'],
  ])('a phase whose result says it failed closes with ✗ and why, never ✓ (live: %s)', async (live, line) => {
    const c = capture(live);
    const result = await c.log.group(
      'e2e worker B · push: git commit and push',
      async () => {
        c.advance(200);
        return { exitCode: 1 };
      },
      (r) => (r.exitCode === 0 ? undefined : `exit ${r.exitCode}`),
    );
    c.log.close();
    expect(result).toEqual({ exitCode: 1 });
    expect(c.text()).toContain(line);
    expect(c.text()).not.toContain('✓');
  });

  test('a section whose result says it passed closes with ✓ (control)', async () => {
    const c = capture(false);
    await c.log.group(
      'e2e worker B · push',
      async () => 0,
      () => undefined,
    );
    expect(c.text()).toContain('worker-gate: ✓ e2e worker B · push (0.0 s)\n');
  });

  test('live mode redraws one status line with the phase, its elapsed time and the last output line', async () => {
    const c = capture(true);
    await c.log.group('e2e worker B · setup: make setup', async () => {
      c.advance(65_000);
      c.log.detail('\x1b[1mResolved 13 packages\x1b[0m');
      c.log.info('a message scrolls above');
    });
    c.log.close();
    const text = c.text();
    expect(text).toContain('\r\x1b[2K');
    expect(text).toMatch(/01:05 e2e worker B · setup: make setup \(01:05\) │ Resolved 13 packages/);
    expect(text).toContain('worker-gate: a message scrolls above\n');
    expect(text).toContain('✓ e2e worker B · setup: make setup (65.0 s)\n');
    expect(text).not.toContain('\x1b[1m');
    expect(text.endsWith('\r\x1b[2K')).toBe(true);
  });

  test.each([
    [0, '00:00'],
    [59.9, '00:59'],
    [61, '01:01'],
    [3600, '60:00'],
  ])('formats %s s as %s', (s, text) => {
    expect(formatElapsed(s)).toBe(text);
  });
});
