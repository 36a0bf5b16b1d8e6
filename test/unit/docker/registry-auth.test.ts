import { describe, expect, it } from 'vitest';
import { authKeyHost, parseImageRef } from '../../../src/docker/image-ref.js';
import { classifyPullError } from '../../../src/docker/pull.js';
import { credentialSource, dockerConfigPath } from '../../../src/docker/registry-auth.js';

describe('parseImageRef: registry, repository, tag, digest as the docker CLI reads them', () => {
  it.each([
    ['python:3.12-slim', 'docker.io', 'library/python', 'python', '3.12-slim', undefined],
    ['ghcr.io/astral-sh/uv:0.13.9', 'ghcr.io', 'astral-sh/uv', 'ghcr.io/astral-sh/uv', '0.13.9', undefined],
    [
      '127.0.0.1:5017/team/worker',
      '127.0.0.1:5017',
      'team/worker',
      '127.0.0.1:5017/team/worker',
      undefined,
      undefined,
    ],
    ['localhost/w:1', 'localhost', 'w', 'localhost/w', '1', undefined],
    ['acme/worker:dev', 'docker.io', 'acme/worker', 'acme/worker', 'dev', undefined],
    ['index.docker.io/acme/w:1', 'docker.io', 'acme/w', 'index.docker.io/acme/w', '1', undefined],
    [
      'r.example.com:443/w@sha256:abc',
      'r.example.com:443',
      'w',
      'r.example.com:443/w',
      undefined,
      'sha256:abc',
    ],
    ['r.example.com/w:1@sha256:abc', 'r.example.com', 'w', 'r.example.com/w', '1', 'sha256:abc'],
  ])('%s', (written, registry, repository, name, tag, digest) => {
    const ref = parseImageRef(written);
    expect(ref).toMatchObject({ written, registry, repository, name });
    expect(ref.tag).toBe(tag);
    expect(ref.digest).toBe(digest);
  });

  it('reads the host out of auths keys that carry a scheme or a path', () => {
    expect(authKeyHost('https://index.docker.io/v1/')).toBe('docker.io');
    expect(authKeyHost('http://127.0.0.1:5017')).toBe('127.0.0.1:5017');
    expect(authKeyHost('ghcr.io')).toBe('ghcr.io');
  });
});

describe('credentialSource: credHelpers, then credsStore, then inline auths', () => {
  const auth = Buffer.from('me:pw').toString('base64');
  it('a credHelpers entry for the registry wins over credsStore and auths', () => {
    const config = {
      credHelpers: { 'ghcr.io': 'gh' },
      credsStore: 'desktop',
      auths: { 'ghcr.io': { auth } },
    };
    expect(credentialSource('ghcr.io', config)).toEqual({ kind: 'helper', helper: 'gh', server: 'ghcr.io' });
    expect(credentialSource('r.example.com', config)).toEqual({
      kind: 'helper',
      helper: 'desktop',
      server: 'r.example.com',
    });
  });

  it('inline auths, Docker Hub under its legacy key, user:password decoded', () => {
    const config = { auths: { 'https://index.docker.io/v1/': { auth } } };
    expect(credentialSource('docker.io', config)).toEqual({
      kind: 'inline',
      auth: { username: 'me', password: 'pw', serveraddress: 'https://index.docker.io/v1/' },
    });
    expect(credentialSource('ghcr.io', config)).toEqual({ kind: 'none' });
  });

  it('an auths key written with a scheme still matches its host; an identity token is passed as one', () => {
    const config = { auths: { 'https://r.example.com': { identitytoken: 'tok' } } };
    expect(credentialSource('r.example.com', config)).toEqual({
      kind: 'inline',
      auth: { identitytoken: 'tok', serveraddress: 'r.example.com' },
    });
  });

  it('DOCKER_CONFIG names the folder, else ~/.docker', () => {
    expect(dockerConfigPath({ DOCKER_CONFIG: '/cfg' })).toBe('/cfg/config.json');
    expect(dockerConfigPath({ HOME: '/home/u' })).toBe('/home/u/.docker/config.json');
  });
});

describe('classifyPullError: the engine words, sorted by what the user does next', () => {
  it.each([
    ['unauthorized: authentication required', 'unauthorized'],
    ['Head "http://127.0.0.1:5017/v2/x/manifests/1": no basic auth credentials', 'unauthorized'],
    ['denied: requested access to the resource is denied', 'unauthorized'],
    ['manifest for 127.0.0.1:5017/x:1 not found: manifest unknown: manifest unknown', 'not found'],
    [
      "pull access denied for acme/x, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
      'not found',
    ],
    [
      'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host',
      'unreachable',
    ],
    ['Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused', 'unreachable'],
    ['manifest for r.example.com/w@sha256:ab401cd0404e not found: manifest unknown', 'not found'],
    ['something else entirely', 'failed'],
  ])('%s → %s', (message, reason) => {
    expect(classifyPullError(message)).toBe(reason);
  });
});
