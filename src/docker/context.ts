// The build context as the docker CLI sends it: every file under the context
// folder that .dockerignore does not exclude, plus the Dockerfile (added under
// a name of its own when it lives outside the context or is ignored).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import dockerignore, { type Ignore } from '@balena/dockerignore';
import tar from 'tar-fs';

export interface BuildContext {
  stream: Readable;
  /** The Dockerfile's path inside the context archive. */
  dockerfileInContext: string;
  files: string[];
}

export function listContextFiles(contextDir: string): string[] {
  const ignoreFile = path.join(contextDir, '.dockerignore');
  // CommonJS `module.exports = factory`: at run time the default import is the factory.
  const createIgnore = dockerignore as unknown as (options: { ignorecase: boolean }) => Ignore;
  const ignore = createIgnore({ ignorecase: false });
  const rules = existsSync(ignoreFile) ? readFileSync(ignoreFile, 'utf8') : '';
  ignore.add(rules);
  // An ignored folder can still hold a file that a `!` rule brings back.
  const hasExceptions = /^\s*!/m.test(rules);
  const files: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(contextDir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (hasExceptions || !ignore.ignores(child)) walk(child);
      } else if (!ignore.ignores(child)) files.push(child);
    }
  };
  walk('');
  return files.sort();
}

export function packContext(contextDir: string, dockerfile: string): BuildContext {
  const files = listContextFiles(contextDir);
  const rel = path.relative(contextDir, dockerfile).split(path.sep).join('/');
  const inside = !rel.startsWith('..') && !path.isAbsolute(rel) && files.includes(rel);
  const dockerfileInContext = inside ? rel : '.worker-gate.Dockerfile';
  const stream: Readable = tar.pack(contextDir, {
    entries: files,
    finalize: inside,
    finish: inside
      ? undefined
      : (pack) => {
          pack.entry({ name: dockerfileInContext }, readFileSync(dockerfile));
          pack.finalize();
        },
  }) as unknown as Readable;
  return { stream, dockerfileInContext, files };
}
