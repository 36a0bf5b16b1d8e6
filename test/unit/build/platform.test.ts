// Whether the builder can build for the platform asked for, from docker buildx inspect.
import { expect, test } from 'vitest';
import { parseBuildxInspect } from '../../../src/build/backend.js';
import { platformProblem } from '../../../src/build/platform.js';

// What buildx 0.13.1 printed for this machine's engine (Docker 20.10, no emulators).
const INSPECT = `Name:          default
Driver:        docker
Last Activity: 2026-12-06 22:41:23 +0000 UTC

Nodes:
Name:             default
Endpoint:         default
Status:           running
BuildKit version: v0.8+unknown
Platforms:        linux/amd64, linux/386
`;

test('docker buildx inspect gives the driver, its BuildKit and the platforms (a hand-set one marked *)', () => {
  expect(parseBuildxInspect(INSPECT)).toEqual({
    driver: 'docker',
    platforms: ['linux/amd64', 'linux/386'],
    buildkitVersion: 'v0.8+unknown',
  });
  expect(parseBuildxInspect('Driver: docker-container\nPlatforms: linux/arm64*, linux/amd64\n')).toEqual({
    driver: 'docker-container',
    platforms: ['linux/arm64', 'linux/amd64'],
  });
  expect(parseBuildxInspect('')).toEqual({ driver: 'unknown', platforms: [] });
});

test("the builder's own platforms pass; a variant it lists passes; one it lacks is refused naming the input as spelled and what to do", () => {
  const here = parseBuildxInspect(INSPECT);
  expect(platformProblem('linux/amd64', here, '--platform')).toBeUndefined();
  expect(platformProblem('linux/386', here, 'platform input')).toBeUndefined();
  expect(
    platformProblem('linux/arm64', { driver: 'docker', platforms: ['linux/arm64/v8'] }, '--platform'),
  ).toBeUndefined();
  expect(
    platformProblem('linux/arm/v7', { driver: 'docker', platforms: ['linux/arm/v6'] }, '--platform'),
  ).toMatch(/^--platform linux\/arm\/v7: /);
  expect(platformProblem('linux/arm64', here, '.worker-gate.yml: platform')).toBe(
    ".worker-gate.yml: platform linux/arm64: the builder (driver docker) builds only for linux/amd64, linux/386 here; install an emulator for it (Debian's qemu-user-static, or docker run --privileged tonistiigi/binfmt --install all) until docker buildx inspect lists linux/arm64, or build for linux/amd64",
  );
});

test('a builder that lists no platforms is not second-guessed', () => {
  expect(platformProblem('linux/s390x', { driver: 'remote', platforms: [] }, '--platform')).toBeUndefined();
});
