// The `worker-gate` command: only runs the CLI (src/cli.ts holds the logic).
import { runCli } from './cli.js';

/**
 * Exit once the output is flushed: a request to an engine that stopped answering
 * stays open (abandoned at its deadline) and would keep the process alive.
 */
function finish(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 200).unref();
}

// A reader that went away (`worker-gate build --help | head -5`) is no error of
// the run: what it would have read is dropped and the command ends with its own
// exit status, without a stack trace. Writes after the pipe broke fail the same way.
const QUIET = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (!QUIET.has(error.code ?? '')) throw error;
  });

runCli(process.argv.slice(2)).then(finish, (err: unknown) => {
  process.stderr.write(
    `worker-gate: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  finish(2);
});
