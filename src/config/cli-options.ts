import { type Command as CliCommand, CommanderError, Option } from 'commander';
import {
  defaultShown,
  isNegatable,
  isRepeatable,
  type OptionCommand,
  type OptionSpec,
  optionsFor,
  type RawValues,
  SECTIONS,
  SPECS,
} from './options.js';

function flagFor(spec: OptionSpec): string {
  const flag = `--${spec.cliName ?? spec.name}`;
  return spec.kind === 'boolean' ? flag : `${flag} <${spec.valueName}>`;
}

function helpFor(spec: OptionSpec): string {
  const parts = [spec.description];
  if (isRepeatable(spec)) parts.push('Repeatable.');
  if (isNegatable(spec)) parts.push(`--no-${spec.name} turns it off.`);
  const shown = defaultShown(spec);
  if (shown !== undefined) parts.push(`(default: ${shown})`);
  return parts.join(' ');
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/**
 * Register the options `command` takes on its commander command `cli`, in their CLI spelling.
 * Commander only collects strings (and `true`/`false` for flags); every value is
 * validated later by resolveConfig, so all inputs share one set of messages.
 * No commander defaults: an unset flag must not hide the config file's value.
 * Booleans get a hidden `--no-NAME` to turn off what a config file turned on
 * (none where the file cannot: `clean --all`).
 *
 * Commander refuses unknown options. Call `exitOverride()` on the program (before
 * adding commands) so it throws instead of exiting; `isUsageError` recognises
 * the throw, which the CLI turns into exit status 2.
 */
export function addCommandOptions(cli: CliCommand, command: OptionCommand): CliCommand {
  const order = (spec: OptionSpec) => SECTIONS.findIndex((section) => section.name === spec.section);
  // Help lists the options by section, in the sections' order (a stable sort keeps the table's order inside one).
  const specs = optionsFor(command).sort((a, b) => order(a) - order(b));
  for (const spec of specs) {
    if (spec.actionOnly) continue;
    const title = SECTIONS[order(spec)]?.title ?? spec.section;
    const option = new Option(flagFor(spec), helpFor(spec)).helpGroup(`${title}:`);
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

/** A command-line usage error from commander (unknown option, missing value, ...): exit 2. */
export function isUsageError(error: unknown): error is CommanderError {
  return error instanceof CommanderError && error.exitCode !== 0;
}
