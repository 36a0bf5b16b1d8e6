// template-uncommitted: a local template repository is uploaded at its commit,
// so its uncommitted changes were left out; the run still passes, but its
// reader must know what the workers scaffolded from. It only ever warns. Its
// words live beside its fact (describeUncommitted), which the stage also logs.

import { describeUncommitted } from '../model/facts/e2e.js';
import type { Gate, GateCheck } from './gate.js';

const CHECK: GateCheck = {
  id: 'template-uncommitted',
  stage: 'e2e',
  off: 'it only ever warns (commit or stash the changes to the template)',
};

export const TEMPLATE_UNCOMMITTED: Gate = {
  family: CHECK.id,
  checks: [CHECK],
  judge(_config, { e2eFacts }) {
    const uncommitted = e2eFacts?.uncommitted;
    if (!uncommitted) return {};
    return {
      checks: [{ check: { id: CHECK.id, status: 'warn', detail: describeUncommitted(uncommitted) } }],
    };
  },
};
