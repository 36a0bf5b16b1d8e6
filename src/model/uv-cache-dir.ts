// The uv cache folder, found as uv finds it: UV_CACHE_DIR, else $XDG_CACHE_HOME/uv
// (a relative XDG_CACHE_HOME is ignored, as the XDG rules say), else $HOME/.cache/uv.
// The contract, the end-to-end run and the audit all ask here; the scripts inside
// containers only report the inputs (the variables, HOME) and look at the folder.
import path from 'node:path/posix';

export interface UvCacheDir {
  /** Absolute and clean (no `.`, `..`, doubled or trailing slashes), unless `relative`. */
  path: string;
  from: 'UV_CACHE_DIR' | 'XDG_CACHE_HOME' | 'HOME';
  /** UV_CACHE_DIR is relative: uv would resolve it against each process's working folder. */
  relative?: boolean;
}

/** An absolute path without `.`, `..`, doubled or trailing slashes. */
export function cleanPath(p: string): string {
  return path.normalize(p).replace(/(.)\/+$/, '$1');
}

/**
 * The folder for these variables and this HOME. Without `home`, undefined when the
 * folder depends on HOME (neither UV_CACHE_DIR nor an absolute XDG_CACHE_HOME is set).
 */
export function uvCacheDir(env: Readonly<Record<string, string | undefined>>): UvCacheDir | undefined;
export function uvCacheDir(env: Readonly<Record<string, string | undefined>>, home: string): UvCacheDir;
export function uvCacheDir(
  env: Readonly<Record<string, string | undefined>>,
  home?: string,
): UvCacheDir | undefined {
  const { UV_CACHE_DIR: uv, XDG_CACHE_HOME: xdg } = env;
  if (uv) {
    if (uv.startsWith('/')) return { path: cleanPath(uv), from: 'UV_CACHE_DIR' };
    return { path: uv, from: 'UV_CACHE_DIR', relative: true };
  }
  if (xdg?.startsWith('/')) return { path: cleanPath(path.join(xdg, 'uv')), from: 'XDG_CACHE_HOME' };
  if (home === undefined) return undefined;
  return { path: cleanPath(path.join(home || '/', '.cache', 'uv')), from: 'HOME' };
}
