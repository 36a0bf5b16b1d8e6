// Every gate family, in report order. A new gate: a file in src/judge/ that
// exports a Gate, and its line here.
import { CACHE_EVIDENCE } from './cache-evidence.js';
import { CACHE_SHARED } from './cache-shared.js';
import type { Gate } from './gate.js';
import { E2E_PHASES } from './phases.js';
import { PYTHON_FITS_TEMPLATE } from './python-fit.js';
import { TEMPLATE_UNCOMMITTED } from './template.js';
import { TIMING } from './timing.js';

export const GATES: readonly Gate[] = [
  TEMPLATE_UNCOMMITTED,
  PYTHON_FITS_TEMPLATE,
  CACHE_EVIDENCE,
  CACHE_SHARED,
  TIMING,
  E2E_PHASES,
];
