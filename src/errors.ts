// Errors that end a run with exit 2: the input was bad or the infrastructure
// failed. A gate that fails is not an error: it is a Failure in the Report.

/** An infrastructure fault: no engine, a base image that is not there, ... */
export class InfraError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'InfraError';
  }
}

/** One line for the user, then the detail when there is one. */
export function describeError(err: unknown): { message: string; detail?: string } {
  if (err instanceof Error) {
    const detail = (err as { detail?: string }).detail;
    return detail ? { message: err.message, detail } : { message: err.message };
  }
  return { message: String(err) };
}
