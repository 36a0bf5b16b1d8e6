// Every gate family, in report order. A new gate: a file in src/judge/ that
// exports a Gate, and its line here.
import { BUILD_GATE } from './build.js';
import { CACHE_DIR_GATE } from './cache-dir.js';
import { COMMAND_GATES } from './commands.js';
import { E2E_RUN_GATE } from './e2e-run.js';
import { ENV_LEAKS_GATE } from './env-leaks.js';
import type { Gate } from './gate.js';
import { PACKAGE_GATES } from './packages.js';
import { PINNED_GATE } from './pinned.js';
import { REGRESSION_GATE } from './regression.js';
import { SIZE_GATES } from './size.js';
import { USER_GATE } from './user.js';
import { UV_VERSION_GATE } from './uv-version.js';
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
  // The end to end's checks and failed phases (interim: see e2e-run.ts).
  E2E_RUN_GATE,
  REGRESSION_GATE,
];
