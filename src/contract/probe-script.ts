// The probe runs inside the image under test: scripts/probe.sh after the
// record writer (script-records.sh), as `sh -c PROGRAM probe STEP ARG ...`.
// What to probe goes in as arguments, never into the program's text.
//
// Each probe is a fragment (a step or a few): the contract joins a view's
// fragments into one command (one exec per view, one container for all), and
// the bench can run each fragment in a container of its own to show what that saves.
import RECORDS_SH from '../model/script-records.sh';
import PROBE_SH from './scripts/probe.sh';

export type ProbeView = 'user' | 'root';

export interface ProbePlan {
  /** Commands that must run as the image's user: path and `--version` output. */
  require: readonly string[];
  /** Commands whose version the report wants even when not required (python3, uv). */
  info: readonly string[];
  forbidCommands: readonly string[];
  /** The PATH of the image config, split: scanned for forbidden executables and Python prefixes. */
  configPath: readonly string[];
}

export interface ProbeFragment {
  view: ProbeView;
  /** What the fragment probes, for the bench and for errors. */
  name: string;
  /** Its steps of probe.sh, each followed by its arguments. */
  args: string[];
}

/** The probe program, the same for every image and view. */
export const PROBE_PROGRAM = `${RECORDS_SH}${PROBE_SH}`;

/** The exec's command for some steps of the probe. */
export function probeCommand(args: readonly string[]): string[] {
  return ['/bin/sh', '-c', PROBE_PROGRAM, 'probe', ...args];
}

export function probeFragments(plan: ProbePlan): ProbeFragment[] {
  const dirs = plan.configPath.join(':');
  const fragment = (view: ProbeView, name: string, ...args: string[]): ProbeFragment => ({
    view,
    name,
    args,
  });
  const fragments: ProbeFragment[] = [
    fragment('user', 'identity', 'identity'),
    // The raw inputs of uv's cache folder rule; TypeScript applies the rule and has the folder looked at.
    fragment('user', 'cache-env', 'cache-env'),
  ];
  for (const name of plan.require) fragments.push(fragment('user', `required:${name}`, 'version', name));
  for (const name of plan.info) fragments.push(fragment('user', `info:${name}`, 'version', name));
  for (const name of plan.forbidCommands)
    fragments.push(fragment('user', `resolve:${name}:user`, 'resolve', name));
  fragments.push(fragment('user', 'user-site-packages', 'user-sites'));
  for (const name of plan.forbidCommands)
    fragments.push(fragment('root', `resolve:${name}:root`, 'resolve', name));
  if (plan.forbidCommands.length > 0 && plan.configPath.length > 0) {
    const steps = plan.forbidCommands.flatMap((name) => ['executables', dirs, name]);
    fragments.push(fragment('root', 'path-executables', ...steps));
  }
  fragments.push(fragment('root', 'global-site-packages', 'global-sites', dirs));
  return fragments;
}

/** The command for one view: its fragments' steps in order. */
export function viewCommand(fragments: readonly ProbeFragment[]): string[] {
  return probeCommand(fragments.flatMap((f) => f.args));
}

/** The image's configured PATH as a list (empty entries dropped). */
export function splitPath(value: string | undefined): string[] {
  return (value ?? '').split(':').filter((dir) => dir !== '');
}
