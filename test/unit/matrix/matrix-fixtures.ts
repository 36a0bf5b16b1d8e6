// The recorded cell reports of test/fixtures/matrix/: real runs' reports, each
// given the cell its run would record (`--cell`), in two template families
// (service at v2 with two data sets, tiny), passing, failing and interrupted;
// and a baseline's cells, some of them the same.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MATRIX_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/matrix');

/** Relative to MATRIX_DIR, as a user in that folder would name them. */
export function cellFiles(folder: 'cells' | 'baseline'): string[] {
  return readdirSync(path.join(MATRIX_DIR, folder))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => `${folder}/${f}`);
}

/** Fixed clocks, so the merged fixtures are byte-stable. */
export const MERGED_AT = {
  startedAt: new Date('2026-12-06T19:30:00.000Z'),
  now: new Date('2026-12-06T19:30:01.250Z'),
};
