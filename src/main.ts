// The action's main entry point (runs.main): only runs the action.
import * as core from '@actions/core';
import { fence, runAction } from './action.js';

runAction()
  .catch((err: unknown) => {
    fence.close();
    core.setFailed(
      `worker-gate: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    process.exitCode = 2;
  })
  // A request abandoned at its deadline (an engine that hangs) must not keep the step alive.
  .finally(() => setTimeout(() => process.exit(), 200).unref());
