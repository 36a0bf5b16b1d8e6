// Every gate family, in report order. A new gate: a file in src/judge/ that
// exports a Gate, and its line here.
import { BUILD_GATE } from './build-failure.js';
import { CACHE_DIR_GATE } from './cache-dir.js';
import { CACHE_EVIDENCE } from './cache-evidence.js';
import { CACHE_SHARED } from './cache-shared.js';
import { COMMAND_GATES } from './commands.js';
import { ENV_LEAKS_GATE } from './env-leaks.js';
import type { Gate } from './gate.js';
import { HANDOFF_VENVS } from './handoff-venvs.js';
import { PACKAGE_GATES } from './packages.js';
import { E2E_PHASES } from './phases.js';
import { PINNED_GATE } from './pinned.js';
import { PYTHON_FITS_TEMPLATE } from './python-fit.js';
import { REGRESSION_GATE } from './regression.js';
import { PROJECT_CALLS_REMOVED_TOOL } from './removed-tool-calls.js';
import { SIZE_GATES } from './size.js';
import { TEMPLATE_UNCOMMITTED } from './template.js';
import { TIMING } from './timing.js';
import { USER_GATE } from './user.js';
import { UV_VERSION_GATE } from './uv-version.js';
import { WARM_NOT_FASTER } from './warm-not-faster.js';
import { WASTE_GATES } from './waste.js';

export const GATES: readonly Gate[] = [
  BUILD_GATE,
  // The image contract: drafted, then finished with the layers of what failed (draft.ts).
  COMMAND_GATES,
  PACKAGE_GATES,
  USER_GATE,
  CACHE_DIR_GATE,
  ENV_LEAKS_GATE,
  SIZE_GATES,
  PINNED_GATE,
  WASTE_GATES,
  UV_VERSION_GATE,
  // The end to end: its checks, then its failed phases.
  TEMPLATE_UNCOMMITTED,
  PYTHON_FITS_TEMPLATE,
  CACHE_EVIDENCE,
  CACHE_SHARED,
  HANDOFF_VENVS,
  PROJECT_CALLS_REMOVED_TOOL,
  TIMING,
  WARM_NOT_FASTER,
  E2E_PHASES,
  REGRESSION_GATE,
];
