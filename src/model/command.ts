// The five commands, as the CLI spells them and a Report records them
// (`command`); config's option table says which options each one takes.
export type Command = 'build' | 'check' | 'e2e' | 'verify' | 'audit';

/** The command past one run: many reports (a matrix's cells) merged into one. */
export type MergeCommand = 'merge';
