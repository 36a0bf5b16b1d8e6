// Validation of a Report against its JSON Schema (the schema file is the
// contract users rely on; tests validate every report they produce). In the
// model beside the types, because a stage reads Reports too: baseline-report
// (src/baseline/baseline-report.ts) checks an earlier run's with it.
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import schema from './report.schema.json' with { type: 'json' };

// ajv-formats is CommonJS; its default import is the plugin function itself at run time.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let compiled: ReturnType<Ajv['compile']> | undefined;

export function reportSchema(): object {
  return schema;
}

/** Empty when the report is valid, else one line per problem. */
export function validateReport(report: unknown): string[] {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    compiled = ajv.compile(schema);
  }
  if (compiled(report)) return [];
  return (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
