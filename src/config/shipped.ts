// Where the things shipped with worker-gate live: next to the bundle in
// dist/ (the action's folder or the npm package), or the repository root when
// running from source.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, 'images', 'worker-base-common', 'Dockerfile'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(
    `worker-gate cannot find its own files (images/, templates/) above ${fileURLToPath(import.meta.url)}`,
  );
}

let root: string | undefined;

export function toolRoot(): string {
  root ??= findRoot();
  return root;
}

export function shippedDockerfile(): string {
  return path.join(toolRoot(), 'images', 'worker-base-common', 'Dockerfile');
}

export function shippedTemplate(): string {
  return path.join(toolRoot(), 'templates', 'service');
}
