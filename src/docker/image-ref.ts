// An image reference read as the docker CLI reads it: the registry is the
// first path part when it looks like a host (a dot, a port, or `localhost`),
// else Docker Hub, whose credentials live under https://index.docker.io/v1/.

export interface ImageRef {
  /** As the user wrote it. */
  readonly written: string;
  /** The registry host (`docker.io` for Docker Hub). */
  readonly registry: string;
  /** The repository without registry, tag or digest (`library/python` on Docker Hub). */
  readonly repository: string;
  /** What the engine's create endpoint takes as fromImage: the name as written, without tag or digest. */
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
}

export const DOCKER_HUB = 'docker.io';
/** The key the docker CLI stores Docker Hub credentials under. */
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';

export function parseImageRef(written: string): ImageRef {
  const at = written.indexOf('@');
  const digest = at >= 0 ? written.slice(at + 1) : undefined;
  let rest = at >= 0 ? written.slice(0, at) : written;
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? normalizeRegistry(first) : DOCKER_HUB;
  let repository = hasRegistry ? rest.slice(slash + 1) : rest;
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  return {
    written,
    registry,
    repository,
    name: rest,
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
  };
}

function normalizeRegistry(host: string): string {
  const lower = host.toLowerCase();
  return lower === 'index.docker.io' || lower === 'registry-1.docker.io' ? DOCKER_HUB : lower;
}

/** The host part of a key in config.json's `auths` (keys may carry a scheme and a path). */
export function authKeyHost(key: string): string {
  const host = key.replace(/^[a-z]+:\/\//i, '').split('/')[0] ?? '';
  return normalizeRegistry(host);
}
