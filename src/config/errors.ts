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
