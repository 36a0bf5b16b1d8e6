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
// turned off, so reading the template runs none of its code on the host; and
// through the run's process runner, so a git that waits is stopped.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FileEntry } from '../../docker/engine-api.js';
import { InputError } from '../../model/errors.js';
import { MASK } from '../../model/redact.js';
import { ProcessError, type RunProcess } from '../../process/run.js';
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

export async function prepareTemplate(
  source: TemplateSource,
  ref: string,
  runProcess: RunProcess,
): Promise<TemplateUpload> {
  if (source.kind === 'url') return urlUpload(source.url, ref);
  return source.isGitRepo ? repoUpload(source.dir, ref, runProcess) : folderUpload(source.dir, ref);
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

async function folderUpload(dir: string, ref: string): Promise<TemplateUpload> {
  const bytes = folderBytes(dir);
  if (bytes > MAX_TEMPLATE_BYTES) throw tooLarge(dir, `its files hold ${mb(bytes)}`);
  const copierYml = await readCopierYml(async (name) => {
    try {
      return readFileSync(path.join(dir, name), 'utf8');
    } catch {
      return undefined;
    }
  });
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
    scripts: await templateScripts(
      [...files.keys()],
      async (name) => fileText(Buffer.from(files.get(name) ?? '')),
      copierYml,
    ),
    label: dir,
  };
}

/** Of a template's files, the texts of those that become the project's Makefile, hooks and scripts. */
async function templateScripts(
  names: readonly string[],
  read: (name: string) => Promise<string | undefined>,
  copierYml: string | undefined,
): Promise<TemplateScripts> {
  const layout = copierLayout(copierYml);
  const texts = new Map<string, string>();
  for (const name of names) {
    const project = projectPathOf(name, layout);
    if (!project || !isProjectScriptPath(project) || texts.size >= MAX_FILES) continue;
    const text = await read(name);
    if (text !== undefined && !text.includes('\0')) texts.set(name, text);
  }
  return { layout, texts };
}

/** A folder's file as text, when it is no larger than a script the evidence reads. */
function fileText(bytes: Buffer): string | undefined {
  return bytes.length <= MAX_FILE_BYTES ? bytes.toString('utf8') : undefined;
}

/** Bytes of git's output kept where all of it is read: a list of files, a status. */
const LISTING_BYTES = 64 * 1024 * 1024;

/** git on the template's repository with none of its own hooks, fsmonitor or ownership check. */
function templateGit(runProcess: RunProcess) {
  return (
    cwd: string,
    args: string[],
    options: { input?: string; keepBytes?: number; allowFailure?: boolean } = {},
  ) =>
    runProcess(
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
      { env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' }, ...options },
    );
}

async function repoUpload(dir: string, ref: string, runProcess: RunProcess): Promise<TemplateUpload> {
  const git = templateGit(runProcess);
  const gitText = async (cwd: string, args: string[]) => (await git(cwd, args)).stdout.trim();
  let commit: string;
  try {
    commit = await gitText(dir, ['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`]);
  } catch (err) {
    if (!(err instanceof ProcessError && err.failure === 'exit')) throw err;
    throw new InputError(`template-ref "${ref}" is not a commit of the template repository ${dir}`, {
      input: 'template-ref',
      details: [err.detail ?? err.message],
    });
  }
  // The name copier checks out in the bundle's clone: HEAD, the branch or tag itself, else the commit.
  let kind: 'heads' | 'tags' | undefined;
  for (const k of ['heads', 'tags'] as const) {
    const shown = await git(dir, ['show-ref', '--verify', '--quiet', `refs/${k}/${ref}`], {
      allowFailure: true,
    });
    if (shown.exitCode === 0) {
      kind = k;
      break;
    }
  }
  const vcsRef = ref === 'HEAD' || kind ? ref : commit;
  const status = (
    await git(dir, ['status', '--porcelain=v1', '--untracked-files=all', '--ignore-submodules'], {
      keepBytes: LISTING_BYTES,
    })
  ).stdout.trim();
  const count = status ? status.split('\n').length : 0;

  const work = mkdtempSync(path.join(tmpdir(), 'wg-template-'));
  try {
    const fresh = path.join(work, 'fresh.git');
    await git(work, ['init', '-q', '--bare', '--template=', fresh]);
    // Exactly the objects the commit reaches, packed from the template straight into the fresh repository.
    await git(dir, ['pack-objects', '--revs', '-q', path.join(fresh, 'objects', 'pack', 'pack')], {
      input: `${commit}\n`,
    });
    const refs = ['refs/heads/main'];
    if (kind === 'heads' && ref !== 'main') refs.push(`refs/heads/${ref}`);
    if (kind === 'tags') refs.push(`refs/tags/${ref}`);
    for (const name of refs) await git(fresh, ['update-ref', name, commit]);
    await git(fresh, ['symbolic-ref', 'HEAD', 'refs/heads/main']);
    const bundle = path.join(work, 'template.bundle');
    await git(fresh, ['bundle', 'create', '-q', bundle, 'HEAD', ...refs]);
    const bytes = statSync(bundle).size;
    if (bytes > MAX_TEMPLATE_BYTES) throw tooLarge(dir, `the ref ${ref} packs to ${mb(bytes)}`);
    // A file that is not there, or larger than it may be, is left out.
    const blob = async (name: string, keepBytes: number) => {
      const file = await git(dir, ['cat-file', 'blob', `${commit}:${name}`], {
        keepBytes,
        allowFailure: true,
      });
      return file.exitCode === 0 && file.cut.stdout === 0 ? file.stdout : undefined;
    };
    const copierYml = (await readCopierYml((name) => blob(name, LISTING_BYTES)))?.trim();
    const listed = await git(dir, ['ls-tree', '-r', '-z', '--name-only', commit], {
      keepBytes: LISTING_BYTES,
    });
    if (listed.cut.stdout > 0) throw tooManyFiles(dir, ref);
    const names = listed.stdout.split('\0').filter(Boolean);
    return {
      entries: [{ name: rel(TEMPLATE_BUNDLE), content: readFileSync(bundle), mode: 0o644 }],
      copierSource: TEMPLATE_BUNDLE,
      vcsRef,
      needsGitInit: false,
      scaffoldEnv: { COPIER_CACHE_DIR: COPIER_CACHE },
      ...(copierYml !== undefined ? { copierYml } : {}),
      scripts: await templateScripts(names, (name) => blob(name, MAX_FILE_BYTES), copierYml),
      ...(count > 0 ? { uncommitted: { count, commit } } : {}),
      label: dir,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function readCopierYml(
  read: (name: string) => Promise<string | undefined>,
): Promise<string | undefined> {
  for (const name of ['copier.yml', 'copier.yaml']) {
    const text = await read(name);
    if (text !== undefined) return text;
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

function tooManyFiles(dir: string, ref: string): InputError {
  return new InputError(
    `template ${dir} has too many files at ${ref} for a worker: their names alone take more than ${mb(LISTING_BYTES)}. ` +
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
