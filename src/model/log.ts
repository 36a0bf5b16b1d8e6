// How stages talk to the person or the workflow log. The action maps this to
// @actions/core (groups, annotations); the CLI to stderr lines. Every floor
// writes to it, so it sits in the model.
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  /**
   * A collapsed section (a log group in Actions); streamed lines go inside. `failed` reads the
   * section's result: a reason (`exit 1`) when what ran failed without throwing, so the section's
   * closing line never marks a failed phase as passed.
   */
  group<T>(title: string, fn: () => Promise<T>, failed?: (result: T) => string | undefined): Promise<T>;
  /** One line of streamed tool output (build log, phase output). */
  detail(line: string): void;
}

export const silentLog: Log = {
  info: () => {},
  warn: () => {},
  group: (_title, fn) => fn(),
  detail: () => {},
};
