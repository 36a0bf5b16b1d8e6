// Keys of the state the main step hands to the post step.
export const STATE_RUN_ID = 'run-id';
