// The template a worker scaffolds from, and the copier command that does it.
// A local folder enters the worker as an archive owned by the worker (git
// refuses a repository owned by another user, and remote engines have no host
// paths); a git URL is cloned by copier itself, inside the worker.
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { isTemplateUrl } from '../../config/config.js';
import type { FileEntry } from '../../docker/engine-api.js';
import { InputError } from '../../model/errors.js';

export type TemplateSource =
  | { kind: 'url'; url: string }
  | { kind: 'folder'; dir: string; isGitRepo: boolean };

export function templateSource(template: string): TemplateSource {
  if (isTemplateUrl(template)) return { kind: 'url', url: template };
  const dir = path.resolve(template);
  if (!existsSync(dir) || !lstatSync(dir).isDirectory()) {
    throw new InputError(
      `template "${template}" is not a folder: give a copier template folder or a git URL`,
      { input: 'template' },
    );
  }
  // A repository's own root only: a folder inside some other repository is uploaded as plain files.
  const dotGit = path.join(dir, '.git');
  return { kind: 'folder', dir, isGitRepo: existsSync(dotGit) && lstatSync(dotGit).isDirectory() };
}

/** Every file of a folder as archive entries under `prefix`, modes and symlinks kept. */
export function folderEntries(dir: string, prefix: string): FileEntry[] {
  const entries: FileEntry[] = [{ name: `${prefix}/`, type: 'directory', mode: 0o755 }];
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const relPath = rel ? `${rel}/${name}` : name;
      const full = path.join(dir, relPath);
      const stat = lstatSync(full);
      const mode = stat.mode & 0o777;
      if (stat.isSymbolicLink()) {
        entries.push({ name: `${prefix}/${relPath}`, type: 'symlink', linkname: readlinkSync(full), mode });
      } else if (stat.isDirectory()) {
        entries.push({ name: `${prefix}/${relPath}/`, type: 'directory', mode: mode | 0o700 });
        walk(relPath);
      } else if (stat.isFile()) {
        entries.push({ name: `${prefix}/${relPath}`, content: readFileSync(full), mode: mode | 0o600 });
      }
    }
  };
  walk('');
  return entries;
}

export interface CopierCall {
  copierVersion: string;
  /** The image's own copier (a path on its PATH), run instead of `uvx copier@copierVersion`. */
  program?: string;
  templateRef: string;
  data: Readonly<Record<string, string>>;
  trust: boolean;
  source: string;
  destination: string;
}

/**
 * `uvx copier@X.Y.Z copy ...` (or the image's own copier): a full version (`copier@9` means exactly 9.0.0),
 * `--vcs-ref` because copier otherwise takes the latest tag, `--defaults` with
 * the given answers, `--trust` only when asked (a template's tasks run code).
 */
export function copierCommand(call: CopierCall): string[] {
  const data = Object.entries(call.data).flatMap(([key, value]) => ['--data', `${key}=${value}`]);
  return [
    ...(call.program ? [call.program] : ['uvx', `copier@${call.copierVersion}`]),
    'copy',
    '--vcs-ref',
    call.templateRef,
    '--defaults',
    ...data,
    ...(call.trust ? ['--trust'] : []),
    call.source,
    call.destination,
  ];
}
