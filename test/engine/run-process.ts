// The process runner the engine tests hand the stages they call directly, as a
// run would make it: engine-timeout's default, no abort, the plain redactor.
import { defaultValue } from '../../src/config/options.js';
import { Redactor } from '../../src/model/redact.js';
import { processRunner } from '../../src/process/run.js';

export const runProcess = processRunner({
  timeoutSeconds: defaultValue('engine-timeout'),
  redactor: new Redactor(),
});
