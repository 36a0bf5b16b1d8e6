// Errors that end a run with exit 2: the input was bad or the infrastructure
// failed. A gate that fails is not an error: it is a Failure in the Report.
// Every floor throws them (a pure parser a ValueError, config an InputError,
// the stages an InfraError or an InputError); the front doors describe them.

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

/**
 * Bad input, as the user gave it. The front doors turn it into exit status 2.
 * `message` is one line that names the input the way the user spelled it in the
 * front door it came through (`--max-image-size`, `max-image-size input`,
 * `.worker-gate.yml: max-image-size`); `details` holds any further problems found
 * in the same pass, so one run reports them all.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly input: string | undefined;
  readonly details: readonly string[];

  constructor(
    message: string,
    options: { input?: string; details?: readonly string[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.input = options.input;
    this.details = options.details ?? [];
  }
}

/**
 * A value a pure parser could not read. It knows what was expected but not which
 * input the value came from: the config layer adds that and throws InputError.
 */
export class ValueError extends Error {
  override readonly name = 'ValueError';

  /** `expected` completes "expected …", e.g. "a percent like 10%". */
  constructor(readonly expected: string) {
    super(`expected ${expected}`);
  }
}
