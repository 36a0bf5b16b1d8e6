// Reads what the probe prints (scripts/probe.sh), in the records of
// script-records.ts: identity, the cache folder's inputs and state, versions,
// commands, site-packages folders and their metadata.

import type { SiteDir, SiteKind, ViewOutput } from '../model/facts/contract.js';
import { fields, parseRecords, wholeNumber } from '../model/script-records.js';

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
