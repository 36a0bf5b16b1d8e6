// Reads what the probe scripts print (probe-script.ts): record lines picked
// out of the exec's output, blocks gathered with their content. Anything else
// in the output (a tool's stray stderr) is ignored.

export type SiteKind = 'global' | 'user' | 'venv';

export interface VersionProbe {
  name: string;
  path: string;
  exitCode: number;
  output: string;
}

export interface SiteDir {
  kind: SiteKind;
  path: string;
  /** The virtual environment's root, for kind `venv`. */
  venv?: string;
}

export interface MetadataFile {
  /** METADATA, PKG-INFO or a bare .egg-info file. */
  file: string;
  site: SiteDir;
  /** The header lines, up to the first blank line. */
  headers: string[];
  /** An egg-info's requires.txt, when it has one. */
  requiresTxt?: string[];
}

export interface CacheDirState {
  path: string;
  present: boolean;
  /** As `ls -ln` prints them: mode string, owner uid and gid. */
  mode?: string;
  uid?: number;
  gid?: number;
}

export interface ViewOutput {
  identity?: { uid: number; gid: number; home: string };
  cacheDir?: CacheDirState;
  versions: VersionProbe[];
  missing: string[];
  /** `command -v` results: command name → what it resolved to. */
  resolved: Map<string, string>;
  /** Forbidden names found as executables in the image config's PATH dirs. */
  executables: { name: string; path: string }[];
  sites: SiteDir[];
  metadata: MetadataFile[];
  /** The script reached its end: a probe that stops early is an error, not a pass. */
  complete: boolean;
}

const RECORD = '@@wg ';

/** Split "a b rest with spaces" into `count` fields, the last taking the rest of the line. */
function fields(text: string, count: number): string[] | undefined {
  const out: string[] = [];
  let rest = text;
  for (let i = 0; i < count - 1; i++) {
    const space = rest.indexOf(' ');
    if (space < 0) return undefined;
    out.push(rest.slice(0, space));
    rest = rest.slice(space + 1);
  }
  out.push(rest);
  return out;
}

interface OpenBlock {
  kind: string;
  args: string;
  lines: string[];
}

export function parseViewOutput(output: string): ViewOutput {
  const view: ViewOutput = {
    versions: [],
    missing: [],
    resolved: new Map(),
    executables: [],
    sites: [],
    metadata: [],
    complete: false,
  };
  let site: SiteDir | undefined;
  let venv: string | undefined;
  let block: OpenBlock | undefined;
  for (const raw of output.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (block) {
      if (line.startsWith('| ')) block.lines.push(line.slice(2));
      else if (line === '|') block.lines.push('');
      else if (line === `${RECORD}end`) {
        closeBlock(view, block, site);
        block = undefined;
      }
      continue;
    }
    if (!line.startsWith(RECORD)) continue;
    const body = line.slice(RECORD.length);
    const space = body.indexOf(' ');
    const kind = space < 0 ? body : body.slice(0, space);
    const args = space < 0 ? '' : body.slice(space + 1);
    switch (kind) {
      case 'begin': {
        const [blockKind, blockArgs] = fields(args, 2) ?? [args, ''];
        block = { kind: blockKind ?? '', args: blockArgs ?? '', lines: [] };
        break;
      }
      case 'identity': {
        const [uid, gid, home] = fields(args, 3) ?? [];
        if (/^\d+$/.test(uid ?? '') && /^\d+$/.test(gid ?? '')) {
          view.identity = { uid: Number(uid), gid: Number(gid), home: home ?? '' };
        }
        break;
      }
      case 'cache-dir': {
        const [state, mode, uid, gid, path] = fields(args, 5) ?? [];
        if (!path) break;
        view.cacheDir = { path, present: state === 'present' };
        if (mode && mode !== '-' && mode !== '?') view.cacheDir.mode = mode;
        if (/^\d+$/.test(uid ?? '')) view.cacheDir.uid = Number(uid);
        if (/^\d+$/.test(gid ?? '')) view.cacheDir.gid = Number(gid);
        break;
      }
      case 'missing':
        view.missing.push(args);
        break;
      case 'resolve': {
        const [name, path] = fields(args, 2) ?? [];
        if (name && path) view.resolved.set(name, path);
        break;
      }
      case 'exe': {
        const [name, path] = fields(args, 2) ?? [];
        if (name && path) view.executables.push({ name, path });
        break;
      }
      case 'venv':
        venv = args;
        break;
      case 'site': {
        const [siteKind, path] = fields(args, 2) ?? [];
        if (!path) break;
        site = { kind: siteKind as SiteKind, path };
        if (site.kind === 'venv' && venv) site.venv = venv;
        view.sites.push(site);
        break;
      }
      case 'done':
        view.complete = true;
        break;
    }
  }
  return view;
}

function closeBlock(view: ViewOutput, block: OpenBlock, site: SiteDir | undefined): void {
  if (block.kind === 'version') {
    const [name, code, path] = fields(block.args, 3) ?? [];
    if (name && path)
      view.versions.push({ name, path, exitCode: Number(code), output: block.lines.join('\n') });
  } else if (block.kind === 'meta' && site) {
    view.metadata.push({ file: block.args, site, headers: block.lines });
  } else if (block.kind === 'requires') {
    // requires.txt follows its PKG-INFO block directly.
    const last = view.metadata[view.metadata.length - 1];
    if (last) last.requiresTxt = block.lines;
  }
}
