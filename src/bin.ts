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

runCli(process.argv.slice(2)).then(finish, (err: unknown) => {
  process.stderr.write(
    `worker-gate: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  finish(2);
});
