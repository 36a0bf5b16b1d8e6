// The process runner the engine tests hand the stages they call directly, as a
// run would make it: engine-timeout's default, no abort, the plain redactor.
import { DEFAULT_ENGINE_TIMEOUT_SECONDS } from '../../src/docker/engine.js';
import { Redactor } from '../../src/model/redact.js';
import { processRunner } from '../../src/process/run.js';

export const runProcess = processRunner({
  timeoutSeconds: DEFAULT_ENGINE_TIMEOUT_SECONDS,
  redactor: new Redactor(),
});
