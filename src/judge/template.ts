// template-uncommitted: a local template repository is uploaded at its commit,
// so its uncommitted changes were left out; the run still passes, but its
// reader must know what the workers scaffolded from. It only ever warns.

import type { UncommittedTemplate } from '../model/facts/e2e.js';
import type { Check } from '../model/report.js';
import type { Gate, GateCheck } from './gate.js';

const CHECK: GateCheck = {
  id: 'template-uncommitted',
  stage: 'e2e',
  off: 'it only ever warns (commit or stash the changes to the template)',
};

/** The warning, also logged when the stage starts. */
export function uncommittedCheck({ template, count, commit }: UncommittedTemplate): Check {
  return {
    id: CHECK.id,
    status: 'warn',
    detail:
      `${count} uncommitted ${count === 1 ? 'change' : 'changes'} (modified, staged or untracked files) in the template ` +
      `repository ${template} ${count === 1 ? 'was' : 'were'} left out: the workers scaffold from commit ${commit.slice(0, 12)} only`,
  };
}

export const TEMPLATE_UNCOMMITTED: Gate = {
  family: CHECK.id,
  checks: [CHECK],
  judge(_config, { e2eFacts }) {
    const uncommitted = e2eFacts?.uncommitted;
    return uncommitted ? { checks: [{ check: uncommittedCheck(uncommitted) }] } : {};
  },
};
