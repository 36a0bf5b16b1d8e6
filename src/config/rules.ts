// Rules across options and against the host's files, checked before the engine
// is contacted. Each rule is one function from the merged inputs to the problems
// it finds, one line each, naming the inputs as the user spelled them. A new
// rule is one more function here, listed in RULES.
import path from 'node:path';
import { type CheckCatalogue, type CheckFamily, type CheckId, familyOf } from '../model/checks.js';
import type { Command } from '../model/command.js';
import { ACTION_MODES } from './action-modes.js';
import { closest } from './closest.js';
import type { HostPaths, PathKind } from './host-paths.js';
import { type OptionName, type ResolvedValues, SPECS, specNamed } from './options.js';
import { isTemplateUrl } from './template-url.js';
import { type Problem, refused, type Source } from './validate.js';

export interface RuleContext {
  readonly command: Command;
  readonly values: ResolvedValues;
  /** Where a value the user set came from; undefined for the table's defaults. */
  source(name: OptionName): Source | undefined;
  /** Where messages say a value came from: where the user set it, else the front door. */
  spelledAt(name: OptionName): Source;
  /** The option as messages name it (`--cpus`, `cpus input`, `.worker-gate.yml: cpus`). */
  label(name: OptionName): string;
  readonly paths: HostPaths;
  /** The config file read, if any (`.worker-gate.yml`), for "or set it in …". */
  readonly configLabel?: string;
  readonly configPath?: string;
  /** The check ids skip-checks may name, from the caller (the judge's registry). */
  readonly checks: CheckCatalogue;
}

export type Rule = (ctx: RuleContext) => Problem[];

/** Options a command cannot run without (`image` for check and e2e). */
export function requiredOptions(ctx: RuleContext): Problem[] {
  return SPECS.filter(
    (spec) => spec.requiredFor?.includes(ctx.command) && ctx.values[spec.name] === undefined,
  ).map((spec) => {
    const label = ctx.label(spec.name);
    const where = ctx.configLabel ? `, or set ${spec.name} in ${ctx.configLabel}` : '';
    return { message: `${ctx.command} needs ${label}${where}`, input: label, options: [spec.name] };
  });
}

/** The names a family's list option holds (its items are names, or `require`'s specs with one). */
function familyNames(family: CheckFamily, values: ResolvedValues): string[] {
  const items = (values[family.list as OptionName] ?? []) as readonly (string | { name: string })[];
  return items.map((item) => (typeof item === 'string' ? item : item.name));
}

/** The audit judges live workers with checks of its own; the other commands judge an image with the rest. */
function ownCheck(check: CheckId, command: Command): boolean {
  return (check.stage === 'audit') === (command === 'audit');
}

/** Why `skip-checks` cannot take `id`, or undefined when it skips something. */
function skipProblem(
  id: string,
  values: ResolvedValues,
  checks: CheckCatalogue,
  command: Command,
): string | undefined {
  const check = checks.ids.find((c) => c.id === id);
  const member = familyOf(id, checks.families);
  if (command === 'audit' && (member || (check && !ownCheck(check, command))))
    return `${id} is a check of an image (check, e2e, verify), not of audit, so it would skip nothing`;
  if (check && !ownCheck(check, command))
    return `${id} is a check of audit, not of ${command}, so it would skip nothing`;
  if (check) return check.off === 'skip' ? undefined : `${id} cannot be skipped: ${check.off}`;
  if (member) {
    if (member.name === undefined) return undefined;
    const names = familyNames(member.family, values);
    if (names.includes(member.name)) return undefined;
    return `expected ${member.family.family}:NAME for a NAME in ${member.family.list}, which has no ${member.name} (it holds ${names.join(', ') || 'nothing'})`;
  }
  const known = [
    ...checks.ids.filter((c) => c.off === 'skip' && ownCheck(c, command)).map((c) => c.id),
    ...(command === 'audit' ? [] : checks.families.flatMap((f) => [f.family, `${f.family}:NAME`])),
  ];
  const near = closest(id, known);
  return `expected a known check id${near ? ` (did you mean ${near}?)` : ''}: ${known.join(', ')}`;
}

/** Every id in skip-checks names a check this run can skip. */
export function knownSkipChecks(ctx: RuleContext): Problem[] {
  const source = ctx.source('skip-checks');
  if (!source) return [];
  const spec = specNamed('skip-checks');
  return (ctx.values['skip-checks'] ?? []).flatMap((id, item) => {
    const reason = skipProblem(id, ctx.values, ctx.checks, ctx.command);
    if (!reason) return [];
    const list = familyOf(id, ctx.checks.families)?.family.list as OptionName | undefined;
    return [
      { ...refused(spec, source, id, reason, item), options: ['skip-checks', ...(list ? [list] : [])] },
    ];
  });
}

const BASELINES = ['baseline-image', 'baseline-ref', 'baseline-report'] as const;

/** One baseline to compare with. */
export function oneBaseline(ctx: RuleContext): Problem[] {
  const named = BASELINES.filter((name) => ctx.source(name) !== undefined);
  if (named.length < 2) return [];
  const labels = named.map((name) => ctx.label(name));
  return [
    { message: `give one baseline, not ${labels.join(' and ')}`, input: labels[1] ?? '', options: named },
  ];
}

/** The table's `needs`, each as the option and the option it needs. */
const NEEDS = SPECS.flatMap((spec) =>
  spec.needs ? [{ ...spec.needs, option: spec.name, needs: spec.needs.option as OptionName }] : [],
);

/** Options that mean nothing without another: refused rather than ignored at the end. */
export function optionsThatNeedAnother(ctx: RuleContext): Problem[] {
  return NEEDS.filter(({ option, needs, value }) => {
    if (ctx.source(option) === undefined || !specNamed(option).commands.includes(ctx.command)) return false;
    const held = ctx.values[needs];
    return value === undefined ? held === undefined : held !== value;
  }).map(({ option, needs, value, why }) => {
    const held = ctx.values[needs];
    const now = held === undefined ? '' : ` (it is ${String(held)})`;
    const label = ctx.label(option);
    return {
      message: `${label} needs ${ctx.label(needs)}${value ? ` ${value}` : ''}: ${why}${now}`,
      input: label,
      options: [option, needs],
    };
  });
}

/**
 * The action verifies an image unless an input chooses another mode: an input only
 * that mode takes (`engines`, `filters` without `audit: true`) is refused, not ignored.
 * Config-file keys stay shared by every command; the CLI's commands refuse such flags.
 */
export function inputsOfAnotherMode(ctx: RuleContext): Problem[] {
  if (ctx.command !== 'verify') return [];
  return SPECS.flatMap((spec) => {
    if (ctx.source(spec.name)?.door !== 'action' || spec.commands.includes(ctx.command)) return [];
    const mode = ACTION_MODES.find((m) => spec.commands.includes(m.command));
    // The mode's own input (audit: false) chooses nothing here.
    if (!mode || spec.name === mode.command) return [];
    const label = ctx.label(spec.name);
    return [
      {
        message: `${label} applies only with ${mode.command}: true (without it the action verifies an image): set ${mode.command}: true to ${mode.does}, or drop ${spec.name}`,
        input: label,
        options: [spec.name],
      },
    ];
  });
}

/** `build` makes an image; an `image` (from a config file) contradicts it. */
export function buildTakesNoImage(ctx: RuleContext): Problem[] {
  if (ctx.command !== 'build' || ctx.values.image === undefined) return [];
  const label = ctx.label('image');
  return [
    {
      message: `build builds an image: drop ${label}, or use check or verify`,
      input: label,
      options: ['image'],
    },
  ];
}

/**
 * The shared layout keeps the cache in a folder of the workspace volume, which only
 * UV_CACHE_DIR points uv at: it cannot run with UV_CACHE_DIR removed.
 */
export function sharedLayoutNeedsCacheDir(ctx: RuleContext): Problem[] {
  if (!specNamed('unset-env').commands.includes(ctx.command)) return [];
  if (!(ctx.values['unset-env'] ?? []).includes('UV_CACHE_DIR') || ctx.values['cache-layout'] === 'separate')
    return [];
  const label = ctx.label('unset-env');
  return [
    {
      message: `${label} UV_CACHE_DIR cannot run ${ctx.label('cache-layout')} ${ctx.values['cache-layout']}: the shared layout's cache is a folder of the workspace volume, which only UV_CACHE_DIR points uv at; use cache-layout separate`,
      input: label,
      options: ['unset-env', 'cache-layout'],
    },
  ];
}

/** An e2e option's value that another's value rules out, with why. */
interface Conflict {
  readonly a: OptionName;
  readonly aValue: string;
  /** The other option and the values of it that conflict. */
  readonly b: OptionName;
  readonly bValues: readonly string[];
  readonly why: string;
  readonly remedy: string;
}

const CONFLICTS: readonly Conflict[] = [
  {
    a: 'scaffold-cache',
    aValue: 'shared',
    b: 'scaffolder-user',
    bValues: ['root'],
    why: 'a root scaffolder would leave root-owned entries in the cache that the workers cannot write',
    remedy: 'set scaffolder-user image, or scaffold-cache own as production runs',
  },
  {
    a: 'scaffold-cache',
    aValue: 'shared',
    b: 'cache-layout',
    bValues: ['both'],
    why: "the scaffolder's setup would be the cold run of one layout only",
    remedy: 'run one layout at a time, or use scaffold-cache own',
  },
  {
    a: 'handoff',
    aValue: 'mount',
    b: 'cache-layout',
    bValues: ['shared', 'both'],
    why: "the handed-over workspace is a mount of its own, apart from the workers' cache",
    remedy: 'use cache-layout separate',
  },
];

/** Values of two options that cannot run together, from whichever layer set them. */
export function conflictingValues(ctx: RuleContext): Problem[] {
  if (!specNamed('handoff').commands.includes(ctx.command)) return [];
  return CONFLICTS.filter(
    (c) => String(ctx.values[c.a]) === c.aValue && c.bValues.includes(String(ctx.values[c.b])),
  ).map((c) => {
    // Name first whichever the user set; a default is named as the default.
    const [set, other] = ctx.source(c.a) ? [c.a, c.b] : [c.b, c.a];
    const said = (name: OptionName) =>
      `${ctx.label(name)} ${String(ctx.values[name])}${ctx.source(name) ? '' : ' (the default)'}`;
    return {
      message: `${said(set)} cannot run with ${said(other)}: ${c.why}; ${c.remedy}`,
      input: ctx.label(set),
      options: [c.a, c.b],
    };
  });
}

/** Timing gates read the clone runs' setups; with handoff mount no developer clones. */
export function timingGatesNeedClones(ctx: RuleContext): Problem[] {
  if (ctx.values.handoff !== 'mount') return [];
  return SPECS.filter(
    (spec) =>
      spec.readsCloneRuns && ctx.source(spec.name) !== undefined && spec.commands.includes(ctx.command),
  ).map(({ name }) => ({
    message: `${ctx.label(name)} cannot apply with ${ctx.label('handoff')} mount: a handed-over workspace's setup runs with its venvs present, so it is neither cold nor warm, and the timing gates read clone runs only; use handoff clone for timings`,
    input: ctx.label(name),
    options: [name, 'handoff'],
  }));
}

/** A timing gate (a check of the timing stage named like its option) reads the end to end, which skip-e2e drops. */
export function timingGatesNeedE2e(ctx: RuleContext): Problem[] {
  if (ctx.values['skip-e2e'] !== true || !specNamed('skip-e2e').commands.includes(ctx.command)) return [];
  const gates = ctx.checks.ids.filter((check) => check.stage === 'timing').map((check) => check.id);
  return SPECS.filter((spec) => gates.includes(spec.name) && ctx.source(spec.name) !== undefined).map(
    ({ name }) => ({
      message: `${ctx.label(name)} cannot apply with ${ctx.label('skip-e2e')}: it judges the end-to-end run's setup times, which skip-e2e does not run; drop one of them`,
      input: ctx.label(name),
      options: [name, 'skip-e2e'],
    }),
  );
}

const OUTPUTS = ['report', 'summary', 'junit', 'html'] as const;

/** Why `file` cannot be written (the report writer makes missing folders), or undefined. */
function outputProblem(file: string, paths: HostPaths): string | undefined {
  const kind = paths.kind(file);
  if (kind === 'folder') return 'it is a folder: name the file to write';
  if (kind === 'other') return 'it is not a regular file';
  let dir = path.dirname(file);
  while (paths.kind(dir) === 'missing' && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const parent: PathKind = paths.kind(dir);
  if (parent !== 'folder') return `${dir} is not a folder, so the file cannot be made there`;
  const why = paths.cannotWriteIn(dir);
  return why ? `cannot write in ${dir}: ${why}` : undefined;
}

/** Report files: each one writable, none a folder, no two at one path, none over an input file. */
export function outputPaths(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  const byPath = new Map<string, OptionName[]>();
  for (const name of OUTPUTS) {
    const value = ctx.values[name];
    const source = ctx.source(name);
    if (typeof value !== 'string' || !source) continue;
    // Left as `-` only where it means standard output (config.ts): nothing to check on disk.
    if (value === '-' && specNamed(name).dashIsStdout) continue;
    byPath.set(value, [...(byPath.get(value) ?? []), name]);
    const reason = outputProblem(value, ctx.paths);
    if (reason) problems.push(refused(specNamed(name), source, value, reason));
  }
  for (const [file, names] of byPath) {
    if (names.length < 2) continue;
    const labels = names.map((name) => ctx.label(name));
    problems.push({
      message: `${labels.join(' and ')} name one file, ${file}: give each its own`,
      input: labels[1] ?? '',
      options: names,
    });
  }
  const inputs: Array<[string, string | undefined]> = [
    [ctx.configLabel ?? 'the config file', ctx.configPath],
    [ctx.label('dockerfile'), ctx.source('dockerfile') && ctx.values.dockerfile],
    [ctx.label('ca-bundle'), ctx.values['ca-bundle']],
  ];
  for (const [what, file] of inputs) {
    const names = file === undefined ? undefined : byPath.get(file);
    if (!names) continue;
    const label = ctx.label(names[0] ?? 'report');
    problems.push({
      message: `${label} would overwrite ${what} (${file}): write the report elsewhere`,
      input: label,
      options: names,
    });
  }
  return problems;
}

function mustBe(ctx: RuleContext, name: OptionName, wanted: 'file' | 'folder', hint = ''): Problem[] {
  const value = ctx.values[name];
  if (typeof value !== 'string') return [];
  const kind = ctx.paths.kind(value);
  if (kind === wanted) return [];
  const what = kind === 'missing' ? `there is no such ${wanted}` : `it is not a ${wanted}`;
  return [refused(specNamed(name), ctx.spelledAt(name), value, `${what}${hint}`)];
}

/** The files and folders the command reads are there. */
export function inputPaths(ctx: RuleContext): Problem[] {
  const { command, values } = ctx;
  const builds = command === 'build' || (command === 'verify' && values.image === undefined);
  const scaffolds = command === 'e2e' || (command === 'verify' && !values['skip-e2e']);
  const problems: Problem[] = [];
  // check (and verify with an image) read a Dockerfile only when one is named.
  if (builds || (ctx.source('dockerfile') && specNamed('dockerfile').commands.includes(command)))
    problems.push(...mustBe(ctx, 'dockerfile', 'file'));
  if (builds) problems.push(...mustBe(ctx, 'context', 'folder'));
  if (scaffolds && values.template !== undefined && !isTemplateUrl(values.template))
    problems.push(...mustBe(ctx, 'template', 'folder', ': give a copier template folder or a git URL'));
  if (ctx.source('baseline-report') && specNamed('baseline-report').commands.includes(command))
    problems.push(...mustBe(ctx, 'baseline-report', 'file'));
  return problems;
}

export const RULES: readonly Rule[] = [
  requiredOptions,
  buildTakesNoImage,
  oneBaseline,
  optionsThatNeedAnother,
  inputsOfAnotherMode,
  knownSkipChecks,
  sharedLayoutNeedsCacheDir,
  conflictingValues,
  timingGatesNeedClones,
  timingGatesNeedE2e,
  inputPaths,
  outputPaths,
];

/** Every rule's problems, leaving out those about an option whose value was invalid already. */
export function ruleProblems(ctx: RuleContext, invalidOptions: ReadonlySet<OptionName>): Problem[] {
  return RULES.flatMap((rule) => rule(ctx)).filter(
    (problem) => !problem.options?.some((name) => invalidOptions.has(name)),
  );
}
