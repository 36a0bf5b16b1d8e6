// The five commands, as the CLI spells them and a Report records them
// (`command`); config's option table says which options each one takes.
export type Command = 'build' | 'check' | 'e2e' | 'verify' | 'audit';
