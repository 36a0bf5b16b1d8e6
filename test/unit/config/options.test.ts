import { describe, expect, test } from 'vitest';
import { configKeys, isRepeatable, OPTIONS, optionsFor, SPECS, STAGES } from '../../../src/config/options.js';

describe('the option table', () => {
  test('names are unique kebab-case, and so are CLI flags', () => {
    const names = SPECS.map((spec) => spec.name);
    const flags = SPECS.map((spec) => spec.cliName ?? spec.name);
    for (const name of [...names, ...flags]) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(flags).size).toBe(flags.length);
  });

  test('repeatables, and only they, have a singular CLI flag', () => {
    for (const spec of SPECS) {
      expect(spec.cliName !== undefined, spec.name).toBe(isRepeatable(spec));
    }
  });

  test('every default parses with its own schema', () => {
    for (const spec of SPECS.filter((s) => s.default !== undefined)) {
      expect(spec.schema.safeParse(spec.default).success, spec.name).toBe(true);
    }
  });

  test('every option belongs to verify or audit, and each command has options', () => {
    for (const spec of SPECS)
      expect(
        spec.stages.some((s) => s === 'verify' || s === 'audit'),
        spec.name,
      ).toBe(true);
    for (const stage of STAGES) expect(optionsFor(stage).length).toBeGreaterThan(5);
  });

  test('enums list their choices; every option has a description', () => {
    for (const spec of SPECS) {
      expect(spec.description.length, spec.name).toBeGreaterThan(10);
      if (spec.kind === 'enum') expect(spec.choices?.length, spec.name).toBeGreaterThan(1);
    }
  });

  test('the config file takes every option but the front doors own', () => {
    expect(OPTIONS.length - configKeys().length).toBe(5);
    expect(configKeys()).not.toContain('config');
    expect(configKeys()).not.toContain('summary');
    expect(configKeys()).toContain('max-image-size');
  });
});
