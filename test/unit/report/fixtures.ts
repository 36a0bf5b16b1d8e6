// The report fixtures: every JSON file in test/fixtures/reports/, hand-made
// (synthetic-*) and recorded from real runs alike. Renderer tests run on all.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../../src/model/report.js';

export const REPORTS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/reports',
);

export interface Fixture {
  name: string;
  report: Report;
}

export function fixtureNames(): string[] {
  return readdirSync(REPORTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

/** Parsed but not validated: the schema test validates each one. */
export function loadFixture(name: string): Report {
  const file = name.endsWith('.json') ? name : `${name}.json`;
  return JSON.parse(readFileSync(path.join(REPORTS_DIR, file), 'utf8')) as Report;
}

export function loadFixtures(): Fixture[] {
  return fixtureNames().map((name) => ({ name, report: loadFixture(name) }));
}
