// Output of the code under test (build steps, phases) reaches the workflow log
// inside a fence: `::stop-commands::TOKEN` turns workflow commands off, and
// only `::TOKEN::` turns them on again. The token is random and new for every
// fence, so the project cannot end it; a `::stop-commands::` the project prints
// inside the fence is itself an inert command. worker-gate's own commands
// (groups, annotations, masks, outputs) first close the fence.
import { randomBytes } from 'node:crypto';

export interface FenceOutput {
  /** One line to the log, as is (process.stdout in the action). */
  write(line: string): void;
}

export class CommandFence {
  private token: string | undefined;

  constructor(
    private readonly out: FenceOutput,
    private readonly newToken: () => string = () => randomBytes(16).toString('hex'),
  ) {}

  /** Text that may hold anything: inside the fence. */
  text(line: string): void {
    if (!this.token) {
      this.token = this.newToken();
      this.out.write(`::stop-commands::${this.token}`);
    }
    this.out.write(line);
  }

  /** One of worker-gate's own workflow commands: commands on again first. */
  command<T>(fn: () => T): T {
    this.close();
    return fn();
  }

  /** Commands on again (before worker-gate's own output, and at the end of the step). */
  close(): void {
    if (!this.token) return;
    this.out.write(`::${this.token}::`);
    this.token = undefined;
  }
}
