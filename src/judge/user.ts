// non-root-user: the image's configured user is not root, judged by the uid
// the image really runs as (a USER named anything can still be uid 0).
import { parseDockerfile } from '../build/dockerfile.js';
import { isSkipped } from '../model/checks.js';
import type { ContractMeasurements, ViewOutput } from '../model/facts/contract.js';
import { type DraftCheck, draftGate } from './draft.js';
import type { GateCheck } from './gate.js';

const CHECK: GateCheck = {
  id: 'non-root-user',
  stage: 'contract',
  off: 'skip',
  remedy:
    'Create a user in the image and end the Dockerfile with `USER <name>`: workers must not run as root. Only if your workers really run as root, add `non-root-user` to `skip-checks`.',
  explain: () => "the image's user is not root",
};

/** How the report names the image's user: `worker (uid 1000)`, `root`. */
function describeUser(configured: string, user: ViewOutput): string {
  const name = configured === '' ? 'root' : configured;
  const notes = [
    ...(user.identity ? [`uid ${user.identity.uid}`] : []),
    ...(configured === '' ? ['no USER set'] : []),
  ];
  return notes.length > 0 ? `${name} (${notes.join(', ')})` : name;
}

/** How messages name the user the image runs as: `the image's user worker (uid 1000)`. */
export function imageUserWords(contract: ContractMeasurements): string {
  return `the image's user ${describeUser(contract.facts.user, contract.views.user)}`;
}

function isRootName(configured: string): boolean {
  const name = configured.split(':')[0] ?? '';
  return name === '' || name === 'root' || name === '0';
}

/** The line of the last USER instruction of the final stage, where a fix would go. */
export function lastUserLine(dockerfileText: string): number | undefined {
  const instructions = parseDockerfile(dockerfileText);
  const lastStage = Math.max(...instructions.map((i) => i.stage));
  return instructions.filter((i) => i.stage === lastStage && i.keyword === 'USER').pop()?.line;
}

export function nonRootUserCheck(configured: string, user: ViewOutput, dockerfileText?: string): DraftCheck {
  const { id } = CHECK;
  const uid = user.identity?.uid;
  const root = uid !== undefined ? uid === 0 : isRootName(configured);
  const line = dockerfileText ? lastUserLine(dockerfileText) : undefined;
  const base: DraftCheck = root
    ? {
        id,
        status: 'fail',
        summary: `the image runs as ${describeUser(configured, user)}: set a non-root USER (workers run as the image's user)`,
      }
    : { id, status: 'pass', summary: `the image runs as ${describeUser(configured, user)}` };
  if (line !== undefined) base.line = line;
  return base;
}

export const USER_GATE = draftGate({
  family: 'user',
  checks: [CHECK],
  draft(config, { contract }) {
    if (isSkipped(CHECK.id, config.skipChecks)) return [];
    return [nonRootUserCheck(contract.facts.user, contract.views.user, contract.dockerfile?.text)];
  },
});
