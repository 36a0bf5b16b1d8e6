// Every gate family, in report order. A new gate: a file in src/judge/ that
// exports a Gate, and its line here.
import type { Gate } from './gate.js';

export const GATES: readonly Gate[] = [];
