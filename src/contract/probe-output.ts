// Reads what the probe prints (scripts/probe.sh), in the records of
// script-records.ts: identity, the cache folder's inputs and state, versions,
// commands, site-packages folders and their metadata.
import { fields, parseRecords, wholeNumber } from '../model/script-records.js';

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
  /** The variables of uv's cache folder rule that are set in this view (cache-env). */
  env: Record<string, string>;
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

export function parseViewOutput(output: string): ViewOutput {
  const view: ViewOutput = {
    env: {},
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
  for (const { kind, text, lines } of parseRecords(output)) {
    switch (kind) {
      case 'identity': {
        const [uid, gid, home] = fields(text, 3) ?? [];
        if (/^\d+$/.test(uid ?? '') && /^\d+$/.test(gid ?? '')) {
          view.identity = { uid: Number(uid), gid: Number(gid), home: home ?? '' };
        }
        break;
      }
      case 'env': {
        const [name, value] = fields(text, 2) ?? [];
        if (name) view.env[name] = value ?? '';
        break;
      }
      case 'cache-dir': {
        const [state, mode, uid, gid, path] = fields(text, 5) ?? [];
        if (!path) break;
        view.cacheDir = { path, present: state === 'present' };
        if (mode && mode !== '-' && mode !== '?') view.cacheDir.mode = mode;
        const [ownerUid, ownerGid] = [wholeNumber(uid), wholeNumber(gid)];
        if (ownerUid !== undefined) view.cacheDir.uid = ownerUid;
        if (ownerGid !== undefined) view.cacheDir.gid = ownerGid;
        break;
      }
      case 'missing':
        view.missing.push(text);
        break;
      case 'resolve': {
        const [name, path] = fields(text, 2) ?? [];
        if (name && path) view.resolved.set(name, path);
        break;
      }
      case 'exe': {
        const [name, path] = fields(text, 2) ?? [];
        if (name && path) view.executables.push({ name, path });
        break;
      }
      case 'venv':
        venv = text;
        break;
      case 'site': {
        const [siteKind, path] = fields(text, 2) ?? [];
        if (!path) break;
        site = { kind: siteKind as SiteKind, path };
        if (site.kind === 'venv' && venv) site.venv = venv;
        view.sites.push(site);
        break;
      }
      case 'version': {
        const [name, code, path] = fields(text, 3) ?? [];
        if (name && path)
          view.versions.push({ name, path, exitCode: Number(code), output: (lines ?? []).join('\n') });
        break;
      }
      case 'meta':
        if (site) view.metadata.push({ file: text, site, headers: lines ?? [] });
        break;
      case 'requires': {
        // requires.txt follows its PKG-INFO block directly.
        const last = view.metadata[view.metadata.length - 1];
        if (last) last.requiresTxt = lines ?? [];
        break;
      }
      case 'done':
        view.complete = true;
        break;
    }
  }
  return view;
}
