// template-uncommitted: a local template repository is uploaded at its commit,
// so its uncommitted changes were left out; the run still passes, but its
// reader must know what the workers scaffolded from. It only ever warns.

import { describeUncommitted } from '../model/facts/e2e.js';
import type { Gate } from './gate.js';

export const TEMPLATE_UNCOMMITTED: Gate = {
  family: 'template-uncommitted',
  ids: [
    {
      id: 'template-uncommitted',
      stage: 'e2e',
      off: 'it only ever warns (commit or stash the changes to the template)',
    },
  ],
  remedies: {},
  judge(_config, { e2eFacts }) {
    const uncommitted = e2eFacts?.uncommitted;
    if (!uncommitted) return {};
    return {
      checks: [
        { check: { id: 'template-uncommitted', status: 'warn', detail: describeUncommitted(uncommitted) } },
      ],
    };
  },
};
