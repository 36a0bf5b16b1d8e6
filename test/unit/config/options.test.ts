import { describe, expect, test } from 'vitest';
import { actionInputs } from '../../../src/config/action-inputs.js';
import { configFileSchema } from '../../../src/config/config-schema.js';
import { COMMANDS, configKeys, isRepeatable, optionsFor, SPECS } from '../../../src/config/options.js';
import { reportSchema } from '../../../src/model/report-schema.js';
import { cliCommand, viaCli } from './helpers.js';

const camel = (name: string): string => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

describe('the option table', () => {
  test('names are unique kebab-case, and so are CLI flags', () => {
    const names = SPECS.map((spec) => spec.name);
    const flags = SPECS.map((spec) => spec.cliName ?? spec.name);
    for (const name of [...names, ...flags]) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(flags).size).toBe(flags.length);
  });

  test('repeatables, and only they, have a singular CLI flag: the name, or the name less its plural s or es', () => {
    for (const spec of SPECS) {
      // An action-only repeatable (merge's reports) has no flag at all.
      expect(spec.cliName !== undefined, spec.name).toBe(isRepeatable(spec) && !spec.actionOnly);
      if (spec.cliName !== undefined)
        expect([spec.name, spec.name.replace(/s$/, ''), spec.name.replace(/es$/, '')]).toContain(
          spec.cliName,
        );
    }
  });

  test('every Config field is the camelCase name, with at most a unit after it, and names one option', () => {
    const fields = SPECS.flatMap((spec) => (spec.field === undefined ? [] : [spec.field]));
    expect(new Set(fields).size).toBe(fields.length);
    for (const spec of SPECS) {
      if (spec.field === undefined) continue;
      expect(spec.field, spec.name).toMatch(new RegExp(`^${camel(spec.name)}(Bytes|Seconds|Percent)?$`));
    }
  });

  test("only the options that steer the front doors, the matrix's and clean's, have no Config field", () => {
    expect(SPECS.filter((spec) => spec.field === undefined).map((spec) => spec.name)).toEqual([
      'config',
      'summary',
      'explain',
      'matrix-file',
      'cell',
      'list',
      'engines',
      'all-contexts',
      'jobs',
      'run',
      'all',
    ]);
  });

  test('a CLI-only option is a flag and nothing else: no input, no config key, no Config field', () => {
    const cliOnly = SPECS.filter((spec) => spec.cliOnly);
    expect(cliOnly.map((spec) => spec.name)).toEqual(['list', 'all-contexts', 'jobs', 'run', 'all']);
    for (const spec of cliOnly) {
      expect(spec.actionOnly, spec.name).toBeUndefined();
      expect(spec.noConfigKey, spec.name).toBeDefined();
      expect(spec.field, spec.name).toBeUndefined();
      const commands = ['run', 'all'].includes(spec.name)
        ? ['clean']
        : spec.name === 'all-contexts'
          ? ['matrix', 'audit']
          : ['matrix'];
      expect(spec.commands, spec.name).toEqual(commands);
    }
  });

  test('every Config field holds its option: a value given on the CLI lands under the field', () => {
    const config = viaCli(['--warm-runs', '7', '--memory', '1GiB', '--tag', 'w:t', '--data', 'a=1']);
    expect(config.warmRuns).toBe(7);
    expect(config.memoryBytes).toBe(1024 ** 3);
    expect(config.tag).toBe('w:t');
    expect(config.data).toEqual({ a: '1' });
  });

  test('a computed default is described, and stands in only where no literal default does', () => {
    for (const spec of SPECS.filter((s) => s.computedDefault)) {
      expect(spec.defaultText, spec.name).toBeDefined();
      expect(spec.default, spec.name).toBeUndefined();
    }
  });

  test('every default parses with its own schema', () => {
    for (const spec of SPECS.filter((s) => s.default !== undefined)) {
      expect(spec.schema.safeParse(spec.default).success, spec.name).toBe(true);
    }
  });

  test("the commands are the ones a report can carry (report.schema.json's command)", () => {
    const schema = reportSchema() as { properties: { command: { enum: string[] } } };
    expect([...COMMANDS, 'merge', 'matrix']).toEqual(schema.properties.command.enum);
  });

  test("every option belongs to verify, audit, clean, merge or matrix, and every command it names exists (clean is the CLI's)", () => {
    for (const spec of SPECS) {
      expect(
        spec.commands.some((s) => ['verify', 'audit', 'clean', 'merge', 'matrix'].includes(s)),
        spec.name,
      ).toBe(true);
      for (const command of [...spec.commands, ...(spec.requiredFor ?? [])])
        expect([...COMMANDS, 'clean', 'merge', 'matrix'], spec.name).toContain(command);
      for (const command of spec.requiredFor ?? []) expect(spec.commands, spec.name).toContain(command);
    }
  });

  test('each command takes the common options and the ones of its stage', () => {
    const names = (command: (typeof COMMANDS)[number]) => optionsFor(command).map((spec) => spec.name);
    for (const command of COMMANDS)
      expect(names(command)).toEqual(expect.arrayContaining(['config', 'report']));
    expect(names('build')).toContain('build-args');
    expect(names('build')).not.toContain('warm-runs');
    expect(names('check')).toContain('max-image-size');
    expect(names('e2e')).toContain('warm-runs');
    expect(names('audit')).toContain('expect-image');
    expect(names('audit')).not.toContain('memory');
    // verify runs build, check and e2e: it takes every option they take.
    for (const command of ['build', 'check', 'e2e'] as const)
      expect(names('verify')).toEqual(expect.arrayContaining(names(command)));
  });

  test('an option that needs another names a row of the table, and a value that option takes', () => {
    const needing = SPECS.filter((spec) => spec.needs);
    expect(needing.map((spec) => spec.name)).toContain('max-layout-ratio');
    for (const { name, needs } of needing) {
      const other = SPECS.find((spec) => spec.name === needs?.option);
      expect(other, `${name} needs ${needs?.option}`).toBeDefined();
      if (needs?.value !== undefined) expect(other?.schema.safeParse(needs.value).success, name).toBe(true);
    }
  });

  test('enums list their choices; every option has a description', () => {
    for (const spec of SPECS) {
      expect(spec.description.length, spec.name).toBeGreaterThan(10);
      if (spec.kind === 'enum') expect(spec.choices?.length, spec.name).toBeGreaterThan(1);
    }
  });
});

describe('the three spellings come from the table', () => {
  test('the CLI has a flag for every option but the action-only ones, spelled --cliName or --name', () => {
    const flags = new Set(cliCommand('verify').options.map((option) => option.long));
    for (const spec of optionsFor('verify')) {
      const flag = `--${spec.cliName ?? spec.name}`;
      expect(flags.has(flag), flag).toBe(!spec.actionOnly);
    }
  });

  test('the action has an input named after every option but the CLI-only ones, and no other', () => {
    expect(actionInputs().map((input) => input.name)).toEqual(
      SPECS.filter((spec) => !spec.cliOnly).map((spec) => spec.name),
    );
  });

  test('the config file takes exactly the options without a noConfigKey reason, by name', () => {
    const keys = configKeys();
    for (const spec of SPECS)
      expect(keys.includes(spec.name), spec.name).toBe(spec.noConfigKey === undefined);
    // The file's JSON Schema lists the others too, refused (`not: {}`) with the reason.
    const properties = configFileSchema().properties as Record<string, { not?: object }>;
    const accepted = Object.entries(properties).filter(([, property]) => property.not === undefined);
    expect(accepted.map(([key]) => key)).toEqual(keys);
    // The front doors' own options, refused with a reason.
    expect(keys).not.toContain('config');
    expect(keys).not.toContain('summary');
    expect(keys).not.toContain('github-token');
    expect(keys).toContain('max-image-size');
  });
});
