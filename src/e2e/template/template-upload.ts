// What of the template enters the worker, prepared on the host before any
// engine work. A template is untrusted, and what sits around it on the host
// may be secret: a checkout's .git/config can hold the credential header the
// checkout step persisted. So:
//   - a git repository travels as a git bundle made from a fresh repository
//     holding only the requested ref's objects and refs: no .git/config, no
//     hooks, no other branches, no untracked or uncommitted files (counted,
//     for the report's warning);
//   - a plain folder travels as its files (the scaffold makes it a repository);
//   - a URL's credentials never reach a command line: copier gets the URL
//     without them, git gets them from a credential file that the scaffold's
//     environment names and that goes with the scratch folder afterwards.
// Git runs here with the repository's own hooks, fsmonitor and ownership check
// turned off, so reading the template runs none of its code on the host.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FileEntry } from '../../docker/engine-api.js';
import { InputError } from '../../model/errors.js';
import { MASK } from '../../model/redact.js';
import { isProjectScriptPath, MAX_FILE_BYTES, MAX_FILES } from '../evidence/project-files.js';
import { SCRATCH_DIR } from '../worker/worker-tools.js';
import { copierLayout, projectPathOf, type TemplateScripts } from './template-map.js';
import { folderEntries, type TemplateSource } from './template-source.js';

/** The most a template may bring into a worker. */
export const MAX_TEMPLATE_BYTES = 200 * 1000 * 1000;

export const TEMPLATE_DIR = `${SCRATCH_DIR}/template`;
export const TEMPLATE_BUNDLE = `${SCRATCH_DIR}/template.bundle`;
export const CREDENTIALS_FILE = `${SCRATCH_DIR}/git-credentials`;
/** copier keeps a mirror of a remote template (9.19: under the user's cache) unless told where. */
export const COPIER_CACHE = `${SCRATCH_DIR}/copier-cache`;

export interface TemplateUpload {
  /** Archive entries under `/`, owned by the worker (the template, the credential file). */
  entries: FileEntry[];
  /** What copier copies from: the URL without credentials, the bundle, or the uploaded folder. */
  copierSource: string;
  /** The ref copier checks out (`--vcs-ref`). */
  vcsRef: string;
  /** The uploaded folder still has to become a git repository (copier's --vcs-ref needs git). */
  needsGitInit: boolean;
  /** Environment of the scaffold phase only. */
  scaffoldEnv: Record<string, string>;
  /** The template's copier.yml as committed (its python_version default), when local. */
  copierYml?: string;
  /** A local template's files that the project's Makefile, hooks and scripts come from (template-map.ts). */
  scripts?: TemplateScripts;
  /** Modified, staged and untracked files of a local repository that were left out. */
  uncommitted?: { count: number; commit: string };
  /** What to say in the report and the log: the source with credentials masked. */
  label: string;
}

export function prepareTemplate(source: TemplateSource, ref: string): TemplateUpload {
  if (source.kind === 'url') return urlUpload(source.url, ref);
  return source.isGitRepo ? repoUpload(source.dir, ref) : folderUpload(source.dir, ref);
}

/** `https://user:pw@host/t.git` → the URL without them, and the credential line git's store helper reads. */
export function splitUrlCredentials(url: string): { url: string; credentials?: string } {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]+)@(.*)$/i.exec(url);
  if (!m) return { url };
  const [, scheme = '', userinfo = '', rest = ''] = m;
  const host = rest.split(/[/?#]/)[0] ?? '';
  return { url: `${scheme}${rest}`, credentials: `${scheme}${userinfo}@${host}` };
}

function urlUpload(url: string, ref: string): TemplateUpload {
  const { url: bare, credentials } = splitUrlCredentials(url);
  const scaffoldEnv: Record<string, string> = { COPIER_CACHE_DIR: COPIER_CACHE, GIT_TERMINAL_PROMPT: '0' };
  const entries: FileEntry[] = [];
  if (credentials) {
    entries.push({ name: rel(CREDENTIALS_FILE), content: `${credentials}\n`, mode: 0o600 });
    Object.assign(scaffoldEnv, {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'credential.helper',
      GIT_CONFIG_VALUE_0: `store --file=${CREDENTIALS_FILE}`,
    });
  }
  return {
    entries,
    copierSource: bare,
    vcsRef: ref,
    needsGitInit: false,
    scaffoldEnv,
    label: credentials ? bare.replace('://', `://${MASK}@`) : url,
  };
}

function folderUpload(dir: string, ref: string): TemplateUpload {
  const bytes = folderBytes(dir);
  if (bytes > MAX_TEMPLATE_BYTES) throw tooLarge(dir, `its files hold ${mb(bytes)}`);
  const copierYml = readCopierYml((name) => readFileSync(path.join(dir, name), 'utf8'));
  const entries = folderEntries(dir, rel(TEMPLATE_DIR));
  const prefix = `${rel(TEMPLATE_DIR)}/`;
  const files = new Map(
    entries
      .filter((e) => e.content !== undefined && e.name.startsWith(prefix))
      .map((e) => [e.name.slice(prefix.length), e.content ?? '']),
  );
  return {
    entries,
    copierSource: TEMPLATE_DIR,
    vcsRef: ref,
    needsGitInit: true,
    scaffoldEnv: { COPIER_CACHE_DIR: COPIER_CACHE },
    ...(copierYml !== undefined ? { copierYml } : {}),
    scripts: templateScripts([...files.keys()], (name) => Buffer.from(files.get(name) ?? ''), copierYml),
    label: dir,
  };
}

/** Of a template's files, the texts of those that become the project's Makefile, hooks and scripts. */
function templateScripts(
  names: readonly string[],
  read: (name: string) => Buffer,
  copierYml: string | undefined,
): TemplateScripts {
  const layout = copierLayout(copierYml);
  const texts = new Map<string, string>();
  for (const name of names) {
    const project = projectPathOf(name, layout);
    if (!project || !isProjectScriptPath(project) || texts.size >= MAX_FILES) continue;
    const bytes = read(name);
    if (bytes.length <= MAX_FILE_BYTES && !bytes.includes(0)) texts.set(name, bytes.toString('utf8'));
  }
  return { layout, texts };
}

/** git on the template's repository with none of its own hooks, fsmonitor or ownership check. */
function git(cwd: string, args: string[], input?: Buffer): Buffer {
  return execFileSync(
    'git',
    [
      '-c',
      'safe.directory=*',
      '-c',
      'core.fsmonitor=false',
      '-c',
      'core.hooksPath=/dev/null',
      '-C',
      cwd,
      ...args,
    ],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: MAX_TEMPLATE_BYTES * 2,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' },
      ...(input ? { input } : {}),
    },
  );
}

function gitText(cwd: string, args: string[]): string {
  return git(cwd, args).toString('utf8').trim();
}

function repoUpload(dir: string, ref: string): TemplateUpload {
  let commit: string;
  try {
    commit = gitText(dir, ['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`]);
  } catch (err) {
    throw new InputError(`template-ref "${ref}" is not a commit of the template repository ${dir}`, {
      input: 'template-ref',
      details: [gitError(err)],
    });
  }
  // The name copier checks out in the bundle's clone: HEAD, the branch or tag itself, else the commit.
  const kind = ['heads', 'tags'].find((k) => {
    try {
      gitText(dir, ['show-ref', '--verify', '--quiet', `refs/${k}/${ref}`]);
      return true;
    } catch {
      return false;
    }
  });
  const vcsRef = ref === 'HEAD' || kind ? ref : commit;
  const status = gitText(dir, ['status', '--porcelain=v1', '--untracked-files=all', '--ignore-submodules']);
  const count = status ? status.split('\n').length : 0;

  const work = mkdtempSync(path.join(tmpdir(), 'wg-template-'));
  try {
    const fresh = path.join(work, 'fresh.git');
    execFileSync('git', ['init', '-q', '--bare', '--template=', fresh], { stdio: 'pipe' });
    // Exactly the objects the commit reaches, packed from the template and indexed in the fresh repository.
    const pack = git(dir, ['pack-objects', '--revs', '--stdout', '-q'], Buffer.from(`${commit}\n`));
    git(fresh, ['index-pack', '--stdin'], pack);
    const refs = ['refs/heads/main'];
    if (kind === 'heads' && ref !== 'main') refs.push(`refs/heads/${ref}`);
    if (kind === 'tags') refs.push(`refs/tags/${ref}`);
    for (const name of refs) git(fresh, ['update-ref', name, commit]);
    git(fresh, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
    const bundle = path.join(work, 'template.bundle');
    git(fresh, ['bundle', 'create', '-q', bundle, 'HEAD', ...refs]);
    const bytes = statSync(bundle).size;
    if (bytes > MAX_TEMPLATE_BYTES) throw tooLarge(dir, `the ref ${ref} packs to ${mb(bytes)}`);
    const copierYml = readCopierYml((name) => gitText(dir, ['cat-file', 'blob', `${commit}:${name}`]));
    const names = git(dir, ['ls-tree', '-r', '-z', '--name-only', commit]).toString('utf8').split('\0');
    const read = (name: string) => git(dir, ['cat-file', 'blob', `${commit}:${name}`]);
    return {
      entries: [{ name: rel(TEMPLATE_BUNDLE), content: readFileSync(bundle), mode: 0o644 }],
      copierSource: TEMPLATE_BUNDLE,
      vcsRef,
      needsGitInit: false,
      scaffoldEnv: { COPIER_CACHE_DIR: COPIER_CACHE },
      ...(copierYml !== undefined ? { copierYml } : {}),
      scripts: templateScripts(names.filter(Boolean), read, copierYml),
      ...(count > 0 ? { uncommitted: { count, commit } } : {}),
      label: dir,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function readCopierYml(read: (name: string) => string): string | undefined {
  for (const name of ['copier.yml', 'copier.yaml']) {
    try {
      return read(name);
    } catch {
      // Not there under this name.
    }
  }
  return undefined;
}

/** Bytes of a folder's files (symlinks not followed), stopping once past the limit. */
function folderBytes(dir: string): number {
  let total = 0;
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (total > MAX_TEMPLATE_BYTES) return;
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) total += statSync(full).size;
    }
  };
  walk(dir);
  return total;
}

function tooLarge(dir: string, what: string): InputError {
  return new InputError(
    `template ${dir} is too large for a worker: ${what}, more than ${mb(MAX_TEMPLATE_BYTES)}. ` +
      'Give a copier template folder without build output, data or virtual environments',
    { input: 'template' },
  );
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1e6)} MB`;
}

function rel(p: string): string {
  return p.replace(/^\/+/, '');
}

function gitError(err: unknown): string {
  const stderr = (err as { stderr?: Buffer }).stderr?.toString('utf8').trim();
  return stderr || (err instanceof Error ? err.message : String(err));
}
