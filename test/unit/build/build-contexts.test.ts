// Named build contexts need BuildKit 0.10 or later: refused before the build on an older one.
import { expect, test } from 'vitest';
import { buildContextsProblem } from '../../../src/build/build-contexts.js';

const CONTEXTS = { extra: '/src/extra' };

test("Docker 20.10's built-in BuildKit (v0.8) is refused, naming the input as spelled, the version and what to do", () => {
  expect(buildContextsProblem(CONTEXTS, { buildkitVersion: 'v0.8+unknown' }, '--build-context')).toBe(
    "--build-context needs BuildKit 0.10 or later (Dockerfile frontend 1.4; Docker 23 or later), and this engine's builder runs BuildKit v0.8+unknown: leave --build-context out (COPY --from a stage or an image instead), build on Docker 23 or later, or create a builder that reads them (docker buildx create --use --driver docker-container)",
  );
  expect(buildContextsProblem(CONTEXTS, { buildkitVersion: 'v0.9.3' }, 'build-contexts input')).toMatch(
    /^build-contexts input needs BuildKit 0\.10 or later/,
  );
});

test('BuildKit 0.10 and later, an unknown version, or no contexts: nothing to refuse', () => {
  expect(buildContextsProblem(CONTEXTS, { buildkitVersion: 'v0.10.0' }, '--build-context')).toBeUndefined();
  expect(buildContextsProblem(CONTEXTS, { buildkitVersion: 'v0.12.5' }, '--build-context')).toBeUndefined();
  expect(buildContextsProblem(CONTEXTS, { buildkitVersion: 'v1.0.0' }, '--build-context')).toBeUndefined();
  expect(buildContextsProblem(CONTEXTS, { buildkitVersion: 'unknown' }, '--build-context')).toBeUndefined();
  expect(buildContextsProblem(CONTEXTS, {}, '--build-context')).toBeUndefined();
  expect(buildContextsProblem({}, { buildkitVersion: 'v0.8+unknown' }, '--build-context')).toBeUndefined();
});
