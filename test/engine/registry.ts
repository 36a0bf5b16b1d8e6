// The test registry (scripts/ensure-registry.sh: Debian's docker-registry on
// loopback with htpasswd auth) and what the pull tests need around it: a tiny
// image pushed there through the engine API, docker configs in temp folders,
// and a credential helper script that logs each time it is asked.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import tar from 'tar-stream';
import { rawDocker } from './helpers.js';

export const REGISTRY = process.env.WG_TEST_REGISTRY ?? '127.0.0.1:5017';
export const REGISTRY_USER = process.env.WG_TEST_REGISTRY_USER ?? 'worker-gate';
export const REGISTRY_PASSWORD = process.env.WG_TEST_REGISTRY_PASSWORD ?? 'loopback-only-test-password';
export const REGISTRY_AUTH = {
  username: REGISTRY_USER,
  password: REGISTRY_PASSWORD,
  serveraddress: REGISTRY,
};

export async function assertRegistryAnswers(): Promise<void> {
  let status = 0;
  try {
    status = (await fetch(`http://${REGISTRY}/v2/`, { signal: AbortSignal.timeout(5000) })).status;
  } catch {}
  if (status !== 401) {
    throw new Error(
      `no registry with auth answers at ${REGISTRY} (got ${status}): run scripts/ensure-registry.sh`,
    );
  }
}

export interface PushedImage {
  /** REGISTRY/repo:tag */
  ref: string;
  /** REGISTRY/repo@sha256:… */
  digestRef: string;
  id: string;
}

function follow(
  docker: Docker,
  stream: NodeJS.ReadableStream,
): Promise<{ aux?: { Digest?: string; ID?: string }; error?: string }[]> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (err: Error | null, events: unknown[]) =>
      err ? reject(err) : resolve(events as { aux?: { Digest?: string; ID?: string }; error?: string }[]),
    );
  });
}

/**
 * A FROM scratch image of a few bytes (unique content, so its id is this
 * test's alone), pushed to the test registry, then removed from the engine so
 * that the next use of it must pull. Straight through dockerode: worker-gate never pushes.
 */
export async function pushTinyImage(repo: string, tag: string): Promise<PushedImage> {
  const docker = rawDocker();
  const ref = `${REGISTRY}/${repo}:${tag}`;
  const pack = tar.pack();
  pack.entry({ name: 'Dockerfile' }, 'FROM scratch\nCOPY hello.txt /hello.txt\n');
  pack.entry({ name: 'hello.txt' }, `${repo}:${tag} ${Date.now()} ${Math.random()}\n`);
  pack.finalize();
  const built = await follow(
    docker,
    await docker.buildImage(pack as unknown as NodeJS.ReadableStream, { t: ref, rm: true, forcerm: true }),
  );
  const id = built.find((e) => e.aux?.ID)?.aux?.ID;
  if (!id) throw new Error(`tiny image did not build: ${JSON.stringify(built.slice(-3))}`);
  const pushed = await follow(docker, await docker.getImage(ref).push({ authconfig: REGISTRY_AUTH }));
  const error = pushed.find((e) => e.error)?.error;
  const digest = pushed.find((e) => e.aux?.Digest)?.aux?.Digest;
  if (error || !digest) throw new Error(`push of ${ref} failed: ${error ?? 'no digest'}`);
  await docker.getImage(id).remove({ force: true });
  return { ref, digestRef: `${REGISTRY}/${repo}@${digest}`, id };
}

/** A DOCKER_CONFIG folder holding this config.json. */
export function dockerConfigDir(config: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wg-docker-config-'));
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

export function inlineAuth(password = REGISTRY_PASSWORD): { auths: Record<string, { auth: string }> } {
  return { auths: { [REGISTRY]: { auth: Buffer.from(`${REGISTRY_USER}:${password}`).toString('base64') } } };
}

/**
 * docker-credential-NAME in a folder of its own (for PATH): answers `get` for
 * REGISTRY with the test credentials, "credentials not found" for any other
 * server, and appends "ACTION SERVER" to its log file each time.
 */
export function credentialHelper(name: string): { dir: string; log: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'wg-cred-helper-'));
  const log = path.join(dir, 'calls.log');
  const script = path.join(dir, `docker-credential-${name}`);
  writeFileSync(
    script,
    `#!/bin/sh
server="$(cat)"
echo "$1 $server" >> '${log}'
[ "$1" = get ] || exit 1
if [ "$server" = '${REGISTRY}' ]; then
  printf '{"ServerURL":"%s","Username":"%s","Secret":"%s"}\\n' "$server" '${REGISTRY_USER}' '${REGISTRY_PASSWORD}'
else
  echo 'credentials not found in native keychain'
  exit 1
fi
`,
  );
  chmodSync(script, 0o755);
  return { dir, log };
}
