// The bundled CLI (dist/cli.js) as a real process, for what only a process
// has: signals, its exit status, its memory. Its stderr is read as it comes,
// so a test can act the moment a phase starts.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { toolRoot } from '../../src/config/shipped.js';

export interface CliProcess {
  child: ChildProcess;
  /** stderr so far. */
  err(): string;
  /** The run id from the first line (`worker-gate: e2e run wg-…`). */
  runId(): Promise<string>;
  /** Resolves when stderr matches, rejects after `seconds` (a watchdog, never an assertion of time). */
  waitFor(pattern: RegExp, seconds?: number): Promise<void>;
  /** The exit status, or 128 + the signal's number when a signal ended it. */
  exited: Promise<number>;
}

const SIGNALS: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

export function startCli(args: string[], env: NodeJS.ProcessEnv = process.env): CliProcess {
  const child = spawn(process.execPath, [path.join(toolRoot(), 'dist', 'cli.js'), ...args], {
    env: { ...env, CI: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    for (const w of [...waiters]) {
      if (w.pattern.test(err)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  const exited = new Promise<number>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? 128 + (SIGNALS[signal ?? ''] ?? 0))),
  );
  const waitFor = (pattern: RegExp, seconds = 300): Promise<void> =>
    new Promise((resolve, reject) => {
      if (pattern.test(err)) return resolve();
      const timer = setTimeout(
        () =>
          reject(new Error(`no ${pattern} in the CLI's stderr within ${seconds} s:\n${err.slice(-3000)}`)),
        seconds * 1000,
      );
      waiters.push({
        pattern,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
      void exited.then(() =>
        setTimeout(() => reject(new Error(`the CLI exited before ${pattern}:\n${err.slice(-3000)}`)), 100),
      );
    });
  return {
    child,
    err: () => err,
    runId: async () => {
      await waitFor(/run (wg-[a-z0-9]+-[0-9a-f]+)\n/, 60);
      return /run (wg-[a-z0-9]+-[0-9a-f]+)\n/.exec(err)?.[1] as string;
    },
    waitFor,
    exited,
  };
}
