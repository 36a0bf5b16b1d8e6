import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { expect, test } from 'vitest';
import { engineOptions } from '../../../src/docker/engine.js';
import { InputError } from '../../../src/model/errors.js';

test.each([
  [{}, { socketPath: '/var/run/docker.sock' }],
  [{ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, { socketPath: '/run/user/1000/docker.sock' }],
  [{ DOCKER_HOST: 'tcp://127.0.0.1:2375' }, { host: '127.0.0.1', port: 2375, protocol: 'http' }],
  [{ DOCKER_HOST: 'tcp://engine.example:4243' }, { host: 'engine.example', port: 4243, protocol: 'http' }],
  [{ DOCKER_HOST: 'tcp://engine.internal' }, { host: 'engine.internal', port: 2375, protocol: 'http' }],
])('the engine named by %j', (env, expected) => {
  expect(engineOptions(env)).toEqual(expected);
});

test('ssh:// speaks http through an agent whose connections are ssh processes, never ssh2', () => {
  const options = engineOptions({ DOCKER_HOST: 'ssh://ci@engine.internal:2222' }) as Record<string, unknown>;
  expect(options).toMatchObject({ protocol: 'http', host: 'docker' });
  expect(options.agent).toBeInstanceOf(http.Agent);
  expect(options.username).toBeUndefined();
});

test('an ssh:// address that is not [user@]host[:port] is bad input naming DOCKER_HOST', () => {
  expect(() => engineOptions({ DOCKER_HOST: 'ssh://ci@engine.internal:port' })).toThrow(
    /DOCKER_HOST "ssh:\/\/ci@engine\.internal:port" is not an ssh engine address .*ssh:\/\/\[user@\]host\[:port\]/,
  );
});

test("the engine is the given environment's, never what this process's DOCKER_HOST names", () => {
  const own = process.env.DOCKER_HOST;
  process.env.DOCKER_HOST = 'ssh://ops@elsewhere:2222';
  try {
    const { modem } = new Docker(engineOptions({ DOCKER_HOST: 'unix:///run/cell.sock' })) as unknown as {
      modem: { socketPath?: string; host?: string; protocol?: string };
    };
    expect([modem.socketPath, modem.host, modem.protocol]).toEqual(['/run/cell.sock', undefined, 'http']);
  } finally {
    if (own === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = own;
  }
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
