// The JSON Schema of .worker-gate.yml, derived from the option table, so an
// editor (yaml-language-server, VS Code) completes and checks the file with
// the same keys, defaults and refusals as worker-gate itself. Written to
// worker-gate.schema.json by scripts/gen-config-schema.mjs; a test keeps the
// committed file fresh. The zod schemas stay the authority: this is the
// editor's view of them.
import { isRepeatable, type OptionSpec, SPECS } from './options.js';

export type JsonSchema = Record<string, unknown>;

export const CONFIG_SCHEMA_ID = 'https://github.com/worker-gate/worker-gate/worker-gate.schema.json';

// The spellings units.ts parses (a unit's case does not matter, its `i` does).
const NUMBER = String.raw`(\d+(\.\d+)?|\.\d+)`;
export const SIZE_PATTERN = String.raw`^\s*${NUMBER}\s*([Bb]|[KkMmGg][Bb]|[KkMmGg][Ii][Bb])?\s*$`;
export const PERCENT_PATTERN = String.raw`^\s*${NUMBER}\s*%\s*$`;

const sizeString = { type: 'string', pattern: SIZE_PATTERN };
const wholeBytes = { type: 'integer', minimum: 0 };

function valueSchema(spec: OptionSpec): JsonSchema {
  switch (spec.kind) {
    case 'string':
      return spec.pattern
        ? { type: 'string', pattern: spec.pattern.source }
        : { type: 'string', minLength: 1 };
    case 'path':
      return { type: 'string', minLength: 1 };
    case 'boolean':
      return { type: 'boolean' };
    case 'size':
      return { oneOf: [wholeBytes, sizeString] };
    case 'size-or-percent':
      return { oneOf: [wholeBytes, sizeString, { type: 'string', pattern: PERCENT_PATTERN }] };
    case 'percent':
      return { type: 'string', pattern: PERCENT_PATTERN };
    case 'number':
    case 'integer': {
      const out: JsonSchema = { type: spec.kind };
      if (spec.bounds?.min !== undefined) out.minimum = spec.bounds.min;
      if (spec.bounds?.above !== undefined) out.exclusiveMinimum = spec.bounds.above;
      return out;
    }
    case 'enum':
      return { type: 'string', enum: [...(spec.choices ?? [])] };
    case 'list':
      return { type: 'array', items: { type: 'string', minLength: 1 } };
    case 'keyvalue-list':
      return { type: 'array', items: { type: 'string', pattern: '^[^=]+=' } };
  }
}

/** The table's literal default as YAML would hold it. */
function defaultOf(spec: OptionSpec): unknown {
  const value = spec.default;
  if (value === undefined || typeof value !== 'string') return value === undefined ? undefined : [...value];
  if (spec.kind === 'boolean') return value === 'true';
  if (spec.kind === 'number' || spec.kind === 'integer') return Number(value);
  return value;
}

export function property(spec: OptionSpec): JsonSchema {
  if (spec.noConfigKey !== undefined) {
    // Listed so an editor explains the refusal instead of calling the key unknown.
    return { description: `Not in the config file: ${spec.noConfigKey}.`, not: {} };
  }
  const parts = [spec.description];
  if (isRepeatable(spec)) parts.push('A YAML list.');
  if (spec.defaultText) parts.push(`Default: ${spec.defaultText}.`);
  const out: JsonSchema = { description: parts.join(' '), ...valueSchema(spec) };
  const fallback = defaultOf(spec);
  if (fallback !== undefined) out.default = fallback;
  return out;
}

export function configFileSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CONFIG_SCHEMA_ID,
    title: '.worker-gate.yml',
    description:
      "worker-gate's options (keys are the option names; CLI flags and action inputs win over the file). Generated from src/config/options.ts.",
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(SPECS.map((spec) => [spec.name, property(spec)])),
  };
}

/** The committed file's text. */
export function renderConfigSchema(): string {
  return `${JSON.stringify(configFileSchema(), null, 2)}\n`;
}
