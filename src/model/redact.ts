// The one redaction step every output passes through: log lines (through
// redactingLog), the Report (before any renderer sees it) and the front doors'
// own error lines. It hides the credentials of any URL (`https://user:pw@host`
// → `https://***@host`), every secret value it was given (the GitHub token,
// the user and password parts of configured URLs, build-argument values) and
// the values of build arguments in layer history (`|2 TOKEN=x ...`). It sits in
// the model because a stage masks with it too: the template's label hides its
// credentials with the same MASK (src/e2e/template/template-upload.ts).
import type { Log } from './log.js';

export const MASK = '***';

// scheme://userinfo@ — userinfo is everything up to the last @ before the host part.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@'"<>]+)@/gi;
// The classic builder's and BuildKit's record of the build arguments a RUN saw: `|2 A=x B=y /bin/sh -c`.
const HISTORY_ARGS = /^(\s*(?:RUN\s+)?\|\d+)((?:\s+[A-Za-z_][A-Za-z0-9_]*=\S*)+)/;

/** Secrets shorter than this are not worth hiding: a one-letter user name would mask every such letter. */
const MIN_SECRET = 4;

export class Redactor {
  private readonly secrets: string[] = [];

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const s of secrets) this.add(s);
  }

  /** Hide this value wherever it appears (also percent-decoded, as tools print it). */
  add(secret: string | undefined): void {
    if (!secret || secret.length < MIN_SECRET) return;
    for (const form of new Set([secret, safeDecode(secret)])) {
      if (form.length >= MIN_SECRET && !this.secrets.includes(form)) this.secrets.push(form);
    }
    // Longest first, so a secret that contains another is hidden whole.
    this.secrets.sort((a, b) => b.length - a.length);
  }

  /** The values it hides (for the action to register as secrets with the runner). */
  values(): readonly string[] {
    return this.secrets;
  }

  text(text: string): string {
    let out = text.replace(URL_CREDENTIALS, (whole, scheme: string, userinfo: string) =>
      isSshUser(scheme, userinfo) ? whole : `${scheme}${MASK}@`,
    );
    for (const secret of this.secrets) out = out.split(secret).join(MASK);
    return out;
  }

  /** A copy of a JSON-like value with every string redacted; `createdBy` also loses its build-argument values. */
  deep<T>(value: T): T {
    return this.walk(value, undefined) as T;
  }

  private walk(value: unknown, key: string | undefined): unknown {
    if (typeof value === 'string') {
      return this.text(key === 'createdBy' ? redactHistoryArgs(value) : value);
    }
    if (Array.isArray(value)) return value.map((v) => this.walk(v, undefined));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.walk(v, k);
      return out;
    }
    return value;
  }
}

/** `|2 TOKEN=abc X=1 /bin/sh -c ...` → `|2 TOKEN=*** X=*** /bin/sh -c ...`. */
export function redactHistoryArgs(createdBy: string): string {
  const m = HISTORY_ARGS.exec(createdBy);
  if (!m) return createdBy;
  const args = (m[2] ?? '').replace(/([A-Za-z_][A-Za-z0-9_]*)=\S*/g, `$1=${MASK}`);
  return `${m[1]}${args}${createdBy.slice(m[0].length)}`;
}

/** The user and password parts of a URL with credentials, decoded and as written. */
export function urlSecrets(text: string | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const m of text.matchAll(URL_CREDENTIALS)) {
    const userinfo = m[2] ?? '';
    if (isSshUser(m[1] ?? '', userinfo)) continue;
    const colon = userinfo.indexOf(':');
    // A bare user name is a token as often as a name (https://TOKEN@host): hide it too.
    out.push(userinfo);
    if (colon >= 0) out.push(userinfo.slice(colon + 1), userinfo.slice(0, colon));
  }
  return out.filter(Boolean);
}

/**
 * ssh://user@host: ssh authenticates with keys, never with the URL, so a bare
 * user there is a name (root, git, ops) a report must keep, not a token.
 */
function isSshUser(scheme: string, userinfo: string): boolean {
  return scheme.toLowerCase() === 'ssh://' && !userinfo.includes(':');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Variables of the host whose URLs may carry credentials (package indexes and proxies). */
export const URL_VARIABLES = [
  'UV_INDEX_URL',
  'UV_DEFAULT_INDEX',
  'UV_EXTRA_INDEX_URL',
  'UV_INDEX',
  'PIP_INDEX_URL',
  'PIP_EXTRA_INDEX_URL',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'all_proxy',
] as const;

export interface SecretSources {
  template?: string;
  githubToken?: string;
  buildArgs?: Readonly<Record<string, string>>;
  env?: Readonly<Record<string, string | undefined>>;
  /** The values of the build's secrets (`secrets`), read from their files and variables. */
  buildSecrets?: readonly string[];
}

/** Every secret a run knows of: URL credentials (template, indexes, proxies), the GitHub token, build-argument values that look like secrets. */
export function redactorFor(sources: SecretSources): Redactor {
  const r = new Redactor();
  for (const s of urlSecrets(sources.template)) r.add(s);
  for (const name of URL_VARIABLES) for (const s of urlSecrets(sources.env?.[name])) r.add(s);
  r.add(sources.githubToken);
  for (const value of sources.buildSecrets ?? []) r.add(value);
  // The runner's token, which buildx reads for a type=gha cache.
  r.add(sources.env?.ACTIONS_RUNTIME_TOKEN);
  // Values of build arguments whose names say they are secret are hidden everywhere; all
  // others only in the layer history (an image name like python:3.12-slim is no secret).
  for (const [name, value] of Object.entries(sources.buildArgs ?? {})) {
    if (/token|secret|password|passwd|key|auth|credential/i.test(name)) r.add(value);
  }
  return r;
}

/** The same Log with every message, title and streamed line redacted. */
export function redactingLog(log: Log, r: Redactor): Log {
  return {
    info: (m) => log.info(r.text(m)),
    warn: (m) => log.warn(r.text(m)),
    group: (title, fn, failed) => log.group(r.text(title), fn, failed),
    detail: (line) => log.detail(r.text(line)),
  };
}
