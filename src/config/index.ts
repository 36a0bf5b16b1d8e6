// The config stage's public face: the front doors (src/cli.ts, src/main.ts) and
// the other stages import from here.
export {
  type ActionInput,
  actionInputs,
  fromActionInputs,
  type GetInput,
  inputLines,
  renderActionInputsYaml,
} from './action-inputs.js';
export { addStageOptions, fromCliOptions, isUsageError } from './cli-options.js';
export {
  type CacheLayout,
  type Config,
  isTemplateUrl,
  type Origin,
  type ResolveInput,
  resolveConfig,
} from './config.js';
export { InputError, ValueError } from './errors.js';
export {
  type ConfigFile,
  DEFAULT_CONFIG_FILE,
  findConfigFile,
  type ReadFile,
  readConfigFile,
} from './file.js';
export {
  OPTIONS,
  type OptionName,
  type OptionSpec,
  optionsFor,
  type RawValues,
  STAGES,
  type Stage,
} from './options.js';
export { normalizeName } from './pep503.js';
export { formatBytes, parsePercent, parseSize, parseSizeOrPercent, type SizeOrPercent } from './units.js';
export type { FrontDoor } from './validate.js';
export { extractVersion, parseRequireSpec, type RequireSpec, satisfies } from './versions.js';
