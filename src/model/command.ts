// The five commands, as the CLI spells them and a Report records them
// (`command`); config's option table says which options each one takes.
export type Command = 'build' | 'check' | 'e2e' | 'verify' | 'audit';

/** The commands past one run: many reports merged into one (`merge`), or a matrix run here and merged (`matrix`). */
export type MergeCommand = 'merge' | 'matrix';
