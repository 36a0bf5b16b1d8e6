import { type Command as CliCommand, CommanderError, Option } from 'commander';
import { closest } from './closest.js';
import {
  defaultShown,
  isNegatable,
  isRepeatable,
  type OptionCommand,
  type OptionName,
  type OptionSpec,
  optionsFor,
  type RawValues,
  SECTIONS,
  SPECS,
} from './options.js';
import type { Problem } from './validate.js';

function flagFor(spec: OptionSpec): string {
  const flag = `--${spec.cliName ?? spec.name}`;
  return spec.kind === 'boolean' ? flag : `${flag} <${spec.valueName}>`;
}

function helpFor(spec: OptionSpec, description = spec.description): string {
  const parts = [description];
  if (isRepeatable(spec)) parts.push('Repeatable.');
  if (isNegatable(spec)) parts.push(`--no-${spec.name} turns it off.`);
  const shown = defaultShown(spec);
  if (shown !== undefined) parts.push(`(default: ${shown})`);
  return parts.join(' ');
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/**
 * Register the options `command` takes on its commander command `cli`, in their CLI spelling;
 * `descriptions` replaces a row's help where the front door knows better (the command's own check ids).
 * Commander only collects strings (and `true`/`false` for flags); every value is
 * validated later by resolveConfig, so all inputs share one set of messages.
 * No commander defaults: an unset flag must not hide the config file's value.
 * Booleans get a hidden `--no-NAME` to turn off what a config file turned on
 * (none where the file cannot: `clean --all`).
 *
 * Unknown options and stray arguments are left in `cli.args` for `unplacedArguments`,
 * so they are reported with every value problem. Commander still refuses what it
 * cannot parse (a known option without its value): call `exitOverride()` on the
 * program (before adding commands) so it throws instead of exiting; `isUsageError`
 * recognises the throw, which the CLI turns into exit status 2.
 */
export function addCommandOptions(
  cli: CliCommand,
  command: OptionCommand,
  descriptions: Partial<Record<OptionName, string | undefined>> = {},
): CliCommand {
  const order = (spec: OptionSpec) => SECTIONS.findIndex((section) => section.name === spec.section);
  // Help lists the options by section, in the sections' order (a stable sort keeps the table's order inside one).
  cli.allowUnknownOption().allowExcessArguments();
  const specs = optionsFor(command).sort((a, b) => order(a) - order(b));
  for (const spec of specs) {
    if (spec.actionOnly) continue;
    const title = SECTIONS[order(spec)]?.title ?? spec.section;
    const option = new Option(flagFor(spec), helpFor(spec, descriptions[spec.name])).helpGroup(`${title}:`);
    cli.addOption(isRepeatable(spec) ? option.argParser(collect) : option);
    if (isNegatable(spec)) cli.addOption(new Option(`--no-${spec.name}`).hideHelp());
  }
  const outputTitle = SECTIONS.find((section) => section.name === 'output')?.title ?? 'Output';
  cli.addHelpOption(new Option('-h, --help', 'Show this help.').helpGroup(`${outputTitle}:`));
  return cli;
}

/** Commander's parsed options (`command.opts()`) → raw values by option name. */
export function fromCliOptions(opts: Readonly<Record<string, unknown>>): RawValues {
  const raw: RawValues = {};
  for (const spec of SPECS) {
    if (spec.actionOnly) continue;
    const value = opts[new Option(flagFor(spec)).attributeName()];
    if (value !== undefined) raw[spec.name] = value;
  }
  return raw;
}

/**
 * What commander left unplaced on `cli`'s command line, one problem each: an
 * unknown option (with its value, when the next word is not an option) with the
 * nearest option of this command, or the commands that take it; a stray argument.
 */
export function unplacedArguments(cli: CliCommand): Problem[] {
  return placeArguments(cli, false).problems;
}

/**
 * The same for a command that takes arguments (merge's reports): commander puts
 * unknown options among them, so the words that are not options are its arguments.
 */
export function placeArguments(
  cli: CliCommand,
  takesArguments: boolean,
): { operands: string[]; problems: Problem[] } {
  const name = cli.name();
  const flags = cli.options.flatMap((option) => (option.long ? [option.long] : []));
  const operands: string[] = [];
  const problems: Problem[] = [];
  const args = [...cli.args];
  while (args.length > 0) {
    const word = args.shift() ?? '';
    if (!word.startsWith('-')) {
      if (takesArguments) operands.push(word);
      else
        problems.push({ message: `${name} takes no argument "${word}": options start with --`, input: word });
      continue;
    }
    const flag = word.split('=')[0] ?? word;
    if (!word.includes('=') && args[0] !== undefined && !args[0].startsWith('-')) args.shift();
    problems.push({ message: unknownFlag(flag, name, flags), input: flag });
  }
  return { operands, problems };
}

function unknownFlag(flag: string, command: string, flags: readonly string[]): string {
  const bare = flag.replace(/^--?(no-)?/, '');
  const takers = SPECS.find((spec) => !spec.actionOnly && (spec.cliName ?? spec.name) === bare)?.commands;
  if (takers && !takers.includes(command as OptionCommand))
    return `${command} has no option ${flag}: it is an option of ${takers.join(', ')}`;
  const near = closest(flag, flags);
  return `unknown option ${flag}${near ? ` (did you mean ${near}?)` : ''}`;
}

/** A command-line usage error from commander (unknown option, missing value, ...): exit 2. */
export function isUsageError(error: unknown): error is CommanderError {
  return error instanceof CommanderError && error.exitCode !== 0;
}
