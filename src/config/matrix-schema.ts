// The JSON Schema of .worker-gate-matrix.yml, written beside the config's
// (worker-gate-matrix.schema.json, by scripts/gen-config-schema.mjs): the
// matrix's own keys, and the option table's keys wherever options go. As for
// the config file, matrix-file.ts stays the authority; this is the editor's view.
import { type JsonSchema, property } from './config-schema.js';
import { SPECS } from './options.js';

export const MATRIX_SCHEMA_ID = 'https://github.com/worker-gate/worker-gate/worker-gate-matrix.schema.json';

const NAME = {
  type: 'string',
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
  description: "Part of each cell's id and artifact name: letters, digits, . _ -.",
};

/** An object of the option table's keys (and `own` beside them). */
function withOptions(own: Record<string, JsonSchema>, required: string[], description: string): JsonSchema {
  return {
    type: 'object',
    description,
    additionalProperties: false,
    required,
    properties: { ...own, ...Object.fromEntries(SPECS.map((spec) => [spec.name, property(spec)])) },
  };
}

export function matrixFileSchema(): JsonSchema {
  const dataSet = withOptions(
    { name: NAME },
    ['name'],
    'A data set: its name and its options (data, most often).',
  );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: MATRIX_SCHEMA_ID,
    title: '.worker-gate-matrix.yml',
    description:
      "worker-gate's matrix: images × templates (refs, data sets), one verify per cell. Generated from src/config/options.ts.",
    type: 'object',
    additionalProperties: false,
    required: ['images', 'templates'],
    properties: {
      options: withOptions({}, [], "Every cell's options (keys as in .worker-gate.yml)."),
      images: {
        type: 'array',
        minItems: 1,
        items: withOptions(
          { name: NAME },
          ['name'],
          'An image: its name and its options (image, or dockerfile and build-args).',
        ),
      },
      templates: {
        type: 'array',
        minItems: 1,
        items: withOptions(
          {
            name: NAME,
            refs: {
              type: 'array',
              minItems: 1,
              items: { type: 'string', pattern: '^[^\\s-][^\\s]*$' },
              description: 'Git refs of the template: one cell each.',
            },
            'data-sets': {
              type: 'array',
              minItems: 1,
              items: dataSet,
              description: 'Data sets: one cell each.',
            },
          },
          ['name'],
          'A template: its name, its options (template, data) and the refs and data sets to cross.',
        ),
      },
    },
  };
}

export function renderMatrixSchema(): string {
  return `${JSON.stringify(matrixFileSchema(), null, 2)}\n`;
}
