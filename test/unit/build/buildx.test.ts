// How a build request becomes buildx's command line.
import { expect, test } from 'vitest';
import { buildxArgs } from '../../../src/build/buildx.js';

test('a build loads its image into the engine, streams rawjson progress, and passes args and labels', () => {
  expect(
    buildxArgs({
      dockerfile: '/src/images/w/Dockerfile',
      context: '/src/images/w',
      tag: 'worker-gate/w:local',
      buildArgs: { PYTHON_IMAGE: 'python:3.12-slim', EMPTY: '' },
      labels: { 'worker-gate.run': 'r1' },
      cache: true,
      pull: false,
      secrets: [],
      cacheFrom: [],
      cacheTo: [],
      buildContexts: {},
      ssh: [],
    }),
  ).toEqual([
    'buildx',
    'build',
    '--load',
    '--progress',
    'rawjson',
    '--file',
    '/src/images/w/Dockerfile',
    '--tag',
    'worker-gate/w:local',
    '--build-arg',
    'PYTHON_IMAGE=python:3.12-slim',
    '--build-arg',
    'EMPTY=',
    '--label',
    'worker-gate.run=r1',
    '/src/images/w',
  ]);
});

test('target, no cache, pull and secrets, as build-push-action users write them', () => {
  const args = buildxArgs({
    dockerfile: 'Dockerfile',
    context: '.',
    tag: 't',
    buildArgs: {},
    labels: {},
    target: 'runtime',
    cache: false,
    pull: true,
    secrets: [
      { id: 'pip', src: '/run/secrets/pip.conf' },
      { id: 'token', env: 'INDEX_TOKEN' },
    ],
    cacheFrom: [],
    cacheTo: [],
    buildContexts: {},
    ssh: [],
  });
  expect(args.slice(9)).toEqual([
    '--target',
    'runtime',
    '--no-cache',
    '--pull',
    '--secret',
    'id=pip,src=/run/secrets/pip.conf',
    '--secret',
    'id=token,env=INDEX_TOKEN',
    '.',
  ]);
});

test.each([
  ['type=gha', 'type=gha,mode=max'],
  ['type=registry,ref=registry.example.com/w:cache', 'type=inline'],
  ['type=local,src=/tmp/cache', 'type=local,dest=/tmp/cache'],
])(
  'cache-from %s and cache-to %s are passed through as written (gha: buildx reads the runner token itself)',
  (from, to) => {
    const args = buildxArgs({
      dockerfile: 'Dockerfile',
      context: '.',
      tag: 't',
      buildArgs: {},
      labels: {},
      cache: true,
      pull: false,
      secrets: [],
      cacheFrom: [from],
      cacheTo: [to],
      buildContexts: {},
      ssh: [],
    });
    expect(args.slice(9)).toEqual(['--cache-from', from, '--cache-to', to, '.']);
  },
);

test('named build contexts, ssh and the one platform', () => {
  const args = buildxArgs({
    dockerfile: 'Dockerfile',
    context: '.',
    tag: 't',
    buildArgs: {},
    labels: {},
    cache: true,
    pull: false,
    secrets: [],
    cacheFrom: [],
    cacheTo: [],
    buildContexts: { uv: 'docker-image://ghcr.io/astral-sh/uv:0.13.9', assets: '../assets' },
    ssh: ['default'],
    platform: 'linux/arm64',
  });
  expect(args.slice(9)).toEqual([
    '--build-context',
    'uv=docker-image://ghcr.io/astral-sh/uv:0.13.9',
    '--build-context',
    'assets=../assets',
    '--ssh',
    'default',
    '--platform',
    'linux/arm64',
    '.',
  ]);
});
