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
    // InfraError carries one `detail`; InputError a list of further problems.
    const { detail, details } = err as { detail?: string; details?: readonly string[] };
    const text = detail ?? (details && details.length > 0 ? details.join('\n') : undefined);
    return text ? { message: err.message, detail: text } : { message: err.message };
  }
  return { message: String(err) };
}
