import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { PERCENT_PATTERN, renderConfigSchema, SIZE_PATTERN } from '../../../src/config/config-schema.js';
import { parseConfigText } from '../../../src/config/file.js';
import { configKeys } from '../../../src/config/options.js';
import { parsePercent, parseSize } from '../../../src/model/units.js';
import { CWD, viaCli } from './helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const committed = readFileSync(path.join(ROOT, 'worker-gate.schema.json'), 'utf8');
const exampleText = readFileSync(path.join(ROOT, 'examples/.worker-gate.yml'), 'utf8');
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
  JSON.parse(committed),
);

const errorsOf = (yaml: string) => {
  validate(parse(yaml) ?? {});
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
};

describe('worker-gate.schema.json', () => {
  test('is current with the option table (else run: node scripts/gen-config-schema.mjs)', () => {
    expect(committed).toBe(renderConfigSchema());
  });

  test('validates the repository example config, which worker-gate itself reads', () => {
    expect(errorsOf(exampleText)).toEqual([]);
    const files = {
      [`${CWD}/.worker-gate.yml`]: exampleText,
      [`${CWD}/images/worker/Dockerfile`]: 'FROM x\n',
    };
    const config = viaCli([], { files });
    expect(config.maxWastedBytes).toEqual({ kind: 'bytes', bytes: 5_000_000 });
    expect(config.sources.comment).toBe('file');
  });

  test('rejects an unknown key, a key the file refuses, and a bad value', () => {
    expect(errorsOf('memroy: 2GiB\n')).toEqual([' must NOT have additional properties']);
    expect(errorsOf('summary: report.md\n')).toEqual(['/summary must NOT be valid']);
    expect(errorsOf('cache-layout: sideways\n')).toEqual([
      '/cache-layout must be equal to one of the allowed values',
    ]);
    expect(errorsOf('memory: lots\n').length).toBeGreaterThan(0);
    expect(errorsOf('timing-noise: 10\n').length).toBeGreaterThan(0);
  });

  test('knows every config key the tool takes, and nothing else', () => {
    const schema = JSON.parse(committed) as { properties: Record<string, { not?: unknown }> };
    const accepted = Object.entries(schema.properties)
      .filter(([, p]) => p.not === undefined)
      .map(([name]) => name);
    expect(accepted.sort()).toEqual([...configKeys()].sort());
    // and the tool refuses what the schema refuses
    expect(parseConfigText('memroy: 2GiB\n', 'f').problems.map((p) => p.message)).toEqual([
      'f: unknown key "memroy" (did you mean "memory"?)',
    ]);
  });

  test.each(['500MB', '1.5GiB', '312000000', '2 kb', '.5GB', '7KIB'])(
    'the size pattern accepts what the parser accepts: %s',
    (text) => {
      expect(() => parseSize(text)).not.toThrow();
      expect(new RegExp(SIZE_PATTERN).test(text)).toBe(true);
    },
  );

  test.each(['2g', '1.5 GiBs', 'MB', '-1MB', '1e6'])('and refuses what it refuses: %s', (text) => {
    expect(() => parseSize(text)).toThrow();
    expect(new RegExp(SIZE_PATTERN).test(text)).toBe(false);
  });

  test.each([
    ['10%', true],
    ['12.5 %', true],
    ['10', false],
    ['-5%', false],
  ])('the percent pattern agrees with the parser on %s', (text, ok) => {
    expect(new RegExp(PERCENT_PATTERN).test(text)).toBe(ok);
    if (ok) expect(() => parsePercent(text)).not.toThrow();
    else expect(() => parsePercent(text)).toThrow();
  });
});
