// require:<cmd> and forbid-command:<cmd>, from the probe's two views.

import type { Config } from '../config/index.js';
import { isSkipped, memberId } from '../model/checks.js';
import type { ViewOutput } from '../model/facts/contract.js';
import { listWords } from '../model/text.js';
import { extractVersion, type RequireSpec, satisfies } from '../model/versions.js';
import { type DraftCheck, type DraftItem, draftGate } from './draft.js';
import type { GateFamily } from './gate.js';
import { imageUserWords } from './user.js';

const REQUIRE: GateFamily = {
  family: 'require',
  list: 'require',
  remedy: (names) =>
    `Install ${names} in the image on the worker user’s PATH, at a version within the range asked for, or drop it from \`require\`.`,
  explain: (config) => config.require.map((r) => ({ name: r.name, rule: `${r.name}${r.range} on PATH` })),
};

const FORBID_COMMAND: GateFamily = {
  family: 'forbid-command',
  list: 'forbid-commands',
  remedy: (names) =>
    `Remove ${names} from the image: projects install their tools into their own virtual environment with \`make setup\`. If the image must keep one, drop it from \`forbid-commands\`.`,
  explain: (config) => config.forbidCommands.map((c) => ({ name: c, rule: `no ${c} on PATH` })),
};

/** The required and the forbidden commands whose checks are on. */
function commandsOn(config: Config) {
  const on = (family: GateFamily, name: string) => !isSkipped(memberId(family, name), config.skipChecks);
  return {
    require: config.require.filter((spec) => on(REQUIRE, spec.name)),
    forbidCommands: config.forbidCommands.filter((name) => on(FORBID_COMMAND, name)),
  };
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? ''
  );
}

export function requireCheck(spec: RequireSpec, user: ViewOutput, who: string): DraftCheck {
  const id = memberId(REQUIRE, spec.name);
  const probe = user.versions.find((v) => v.name === spec.name);
  const wanted = spec.range ? ` ${spec.range}` : '';
  if (!probe) {
    return {
      id,
      status: 'fail',
      summary: `${spec.name}${wanted} is required but not found on PATH for ${who}`,
    };
  }
  const version = extractVersion(probe.output);
  const finding = version ? { path: probe.path, version } : { path: probe.path };
  const items: DraftItem[] = [{ finding, text: probe.path }];
  if (probe.exitCode !== 0) {
    const said = firstLine(probe.output);
    return {
      id,
      status: 'fail',
      summary: `${spec.name} is on PATH at ${probe.path} but \`${spec.name} --version\` exits ${probe.exitCode} for ${who}${said ? ` (${said})` : ''}`,
      items,
    };
  }
  if (spec.clauses.length > 0 && (!version || !satisfies(version, spec))) {
    const found = version
      ? `${spec.name} ${version}`
      : `a version of ${spec.name} that cannot be read (${firstLine(probe.output)})`;
    return {
      id,
      status: 'fail',
      summary: `${spec.name}${spec.range} is required; found ${found} at ${probe.path}`,
      items,
    };
  }
  const meets = spec.range ? `, meets ${spec.range}` : '';
  return {
    id,
    status: 'pass',
    summary: `${spec.name} ${version ?? '(version not printed)'} at ${probe.path}${meets}`,
    items: [{ finding, text: '' }],
  };
}

/**
 * A forbidden command must not resolve for the user or for root, and must not
 * sit as an executable in any folder of the image config's PATH (where a
 * shell that changes PATH would still find it).
 */
export function forbidCommandCheck(
  name: string,
  user: ViewOutput,
  root: ViewOutput,
  who: string,
): DraftCheck {
  const id = memberId(FORBID_COMMAND, name);
  const where = new Map<string, string[]>();
  const note = (path: string, how: string): void => {
    const hows = where.get(path) ?? [];
    if (!hows.includes(how)) hows.push(how);
    where.set(path, hows);
  };
  const forUser = user.resolved.get(name);
  const forRoot = root.resolved.get(name);
  if (forUser) note(forUser, `on PATH for ${who}`);
  if (forRoot) note(forRoot, 'on PATH for root');
  for (const exe of root.executables)
    if (exe.name === name) note(exe.path, "in a folder of the image's PATH");
  if (where.size === 0) {
    return {
      id,
      status: 'pass',
      summary: `${name} is not on PATH for ${who} or root, nor in any folder of the image's PATH`,
    };
  }
  const items: DraftItem[] = [...where].map(([path, hows]) => ({
    finding: { path },
    text: `${path} (${listWords(hows)})`,
  }));
  return { id, status: 'fail', summary: `${name} must not be in the image but is`, items };
}

export const COMMAND_GATES = draftGate({
  family: 'commands',
  checks: [],
  families: [REQUIRE, FORBID_COMMAND],
  probes(config) {
    const { require, forbidCommands } = commandsOn(config);
    return { require: require.map((spec) => spec.name), forbidCommands };
  },
  draft(config, { contract }) {
    const { user, root } = contract.views;
    const who = imageUserWords(contract);
    const { require, forbidCommands } = commandsOn(config);
    return [
      ...require.map((spec) => requireCheck(spec, user, who)),
      ...forbidCommands.map((name) => forbidCommandCheck(name, user, root, who)),
    ];
  },
});
