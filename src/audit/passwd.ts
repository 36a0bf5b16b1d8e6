// The worker's user as the engine resolves it at start: a name or uid (with an
// optional group) looked up in the image's /etc/passwd, which also gives the
// HOME a process gets when the environment sets none (`/` when the user is not
// listed, as the engine does).
import { uvCacheDir } from '../model/uv-cache-dir.js';

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export function parsePasswd(text: string): PasswdEntry[] {
  const entries: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields.length < 7 || line.startsWith('#')) continue;
    const [name = '', , uid = '', gid = '', , home = ''] = fields;
    if (!/^\d+$/.test(uid) || !/^\d+$/.test(gid)) continue;
    entries.push({ name, uid: Number(uid), gid: Number(gid), home });
  }
  return entries;
}

export interface ResolvedUser {
  /** As configured (`worker`, `1000:1000`); '' is the engine's default, root. */
  configured: string;
  uid?: number;
  /** The passwd entry's home, when the user is listed. */
  home?: string;
}

/** `passwd` undefined: the image's file could not be read (or was not needed). */
export function resolveUser(configured: string, passwd: readonly PasswdEntry[] | undefined): ResolvedUser {
  const name = configured.split(':')[0] ?? '';
  const numeric = /^\d+$/.test(name) ? Number(name) : undefined;
  const entry = passwd?.find((e) =>
    numeric !== undefined ? e.uid === numeric : e.name === (name === '' ? 'root' : name),
  );
  const out: ResolvedUser = { configured };
  const uid = numeric ?? entry?.uid ?? (name === '' || name === 'root' ? 0 : undefined);
  if (uid !== undefined) out.uid = uid;
  if (entry) out.home = entry.home;
  return out;
}

/** Whether the user's uid or HOME depends on the image's /etc/passwd. */
export function needsPasswd(configured: string, env: Readonly<Record<string, string>>): boolean {
  const name = configured.split(':')[0] ?? '';
  const namedUser = name !== '' && name !== 'root' && !/^\d+$/.test(name);
  return namedUser || cacheNeedsPasswdHome(env);
}

/** The cache folder depends on HOME, and the environment does not set it. */
export function cacheNeedsPasswdHome(env: Readonly<Record<string, string>>): boolean {
  return uvCacheDir(env) === undefined && !env.HOME;
}
