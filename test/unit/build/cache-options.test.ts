// Which cache exports a builder's driver can write.
import { expect, test } from 'vitest';
import { cacheExportProblems, cacheType } from '../../../src/build/cache-options.js';

test("the engine's own builder (driver docker) writes only the inline cache: the rest are refused naming the driver", () => {
  expect(
    cacheExportProblems(
      ['type=inline', 'type=gha,mode=max', 'type=local,dest=/tmp/c', 'type=registry,ref=r/w:cache'],
      'docker',
      '--cache-to',
    ),
  ).toEqual([
    "--cache-to type=gha,mode=max: the builder's driver, docker, cannot export a gha cache (only type=inline); create a builder that can (docker buildx create --use --driver docker-container) or write type=inline",
    "--cache-to type=local,dest=/tmp/c: the builder's driver, docker, cannot export a local cache (only type=inline); create a builder that can (docker buildx create --use --driver docker-container) or write type=inline",
    "--cache-to type=registry,ref=r/w:cache: the builder's driver, docker, cannot export a registry cache (only type=inline); create a builder that can (docker buildx create --use --driver docker-container) or write type=inline",
  ]);
});

test('a docker-container builder writes them all', () => {
  expect(
    cacheExportProblems(['type=gha', 'type=local,dest=/tmp/c'], 'docker-container', '--cache-to'),
  ).toEqual([]);
});

test('the type of a spec', () => {
  expect(cacheType('type=registry,ref=x')).toBe('registry');
  expect(cacheType('type=inline')).toBe('inline');
});
