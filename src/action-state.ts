// Keys of the state the main step hands to the post step.
export const STATE_RUN_ID = 'run-id';
/** Set when --keep kept a failed worker: the post step leaves what carries worker-gate.keep. */
export const STATE_KEPT = 'kept';
