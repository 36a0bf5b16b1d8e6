import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { engineOptions } from '../../../src/docker/engine.js';
import { InputError } from '../../../src/model/errors.js';

test.each([
  [{}, { socketPath: '/var/run/docker.sock' }],
  [{ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, { socketPath: '/run/user/1000/docker.sock' }],
  [{ DOCKER_HOST: 'tcp://127.0.0.1:2375' }, { host: '127.0.0.1', port: 2375, protocol: 'http' }],
  [{ DOCKER_HOST: 'tcp://engine.example:4243' }, { host: 'engine.example', port: 4243, protocol: 'http' }],
  [{ DOCKER_HOST: 'tcp://engine.internal' }, { host: 'engine.internal', port: 2375, protocol: 'http' }],
  [
    { DOCKER_HOST: 'ssh://ci@engine.internal' },
    { host: 'engine.internal', port: 22, protocol: 'ssh', username: 'ci' },
  ],
])('the engine named by %j', (env, expected) => {
  expect(engineOptions(env)).toEqual(expected);
});

test('DOCKER_TLS_VERIFY reads ca, cert and key from DOCKER_CERT_PATH and speaks https', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wg-certs-'));
  for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(path.join(dir, f), `${f} content`);
  const options = engineOptions({
    DOCKER_HOST: 'tcp://remote:2376',
    DOCKER_TLS_VERIFY: '1',
    DOCKER_CERT_PATH: dir,
  });
  expect(options).toMatchObject({ host: 'remote', port: 2376, protocol: 'https' });
  expect(String(options.ca)).toBe('ca.pem content');
  expect(String(options.key)).toBe('key.pem content');
});

test('DOCKER_TLS_VERIFY without readable certificates names DOCKER_CERT_PATH', () => {
  expect(() =>
    engineOptions({
      DOCKER_HOST: 'tcp://remote:2376',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: '/nonexistent',
    }),
  ).toThrow(/\/nonexistent\/ca\.pem cannot be read \(DOCKER_CERT_PATH\)/);
});

test('an address that is no engine address is bad input naming DOCKER_HOST', () => {
  expect(() => engineOptions({ DOCKER_HOST: 'npipe:////./pipe/docker_engine' })).toThrow(InputError);
  expect(() => engineOptions({ DOCKER_HOST: 'npipe:////./pipe/docker_engine' })).toThrow(
    /DOCKER_HOST "npipe:/,
  );
});
