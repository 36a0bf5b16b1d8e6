// The config stage in one import, for the modules that resolve or take a Config
// (the front doors, the pipeline, explain, the judge) and for the scripts that
// render the option table. A module that needs one small piece (a version
// range, a name rule) imports that file itself; InputError and the unit
// parsers live in src/model/.

export {
  type ActionInput,
  actionInputs,
  fromActionInputs,
  type GetInput,
  inputLines,
  renderActionInputsYaml,
} from './action-inputs.js';
export { type CleanOptions, resolveCleanOptions } from './clean-options.js';
export {
  addCommandOptions,
  fromCliOptions,
  isUsageError,
  placeArguments,
  unplacedArguments,
} from './cli-options.js';
export {
  type CacheLayoutOption,
  type Config,
  fieldValue,
  isTemplateUrl,
  type Origin,
  type ResolveInput,
  resolveConfig,
} from './config.js';
export {
  type ConfigFile,
  DEFAULT_CONFIG_FILE,
  findConfigFile,
  type ReadFile,
  readConfigFile,
} from './file.js';
export { type MergeOptions, resolveMergeOptions } from './merge-options.js';
export {
  defaultValue,
  OPTIONS,
  type OptionName,
  type OptionSpec,
  optionsFor,
  type RawValues,
} from './options.js';
export { normalizeName } from './pep503.js';
export type { FrontDoor, Problem } from './validate.js';
