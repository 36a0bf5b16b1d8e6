// The host's package-index, proxy and TLS settings, carried into the workers
// so a corporate mirror or a TLS-inspecting proxy works there as on the host.

import { CA_PATH } from './worker-tools.js';

/** Where the CA bundle lands in every worker (put in through the engine API, root's and read-only). */
export { CA_PATH };

const UV_INDEX = ['UV_INDEX_URL', 'UV_DEFAULT_INDEX', 'UV_EXTRA_INDEX_URL', 'UV_INDEX'] as const;
const PROXIES = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY'] as const;
/** Every name a tool in the worker reads a CA bundle from: uv and Python (SSL_CERT_FILE), requests, curl, git, pip. */
export const CA_VARIABLES = [
  'SSL_CERT_FILE',
  'REQUESTS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
  'GIT_SSL_CAINFO',
  'PIP_CERT',
] as const;

/**
 * The variables a worker gets from the host: uv's index settings as they are,
 * pip's mapped to uv's when uv's own are unset (uv ignores PIP_*), proxies in
 * both spellings (curl reads only the lower-case http_proxy), and the CA bundle's path.
 */
export function carriedEnv(
  host: Readonly<Record<string, string | undefined>>,
  withCa: boolean,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of UV_INDEX) {
    const value = host[name];
    if (value) env[name] = value;
  }
  if (!env.UV_INDEX_URL && !env.UV_DEFAULT_INDEX && host.PIP_INDEX_URL) env.UV_INDEX_URL = host.PIP_INDEX_URL;
  if (!env.UV_EXTRA_INDEX_URL && host.PIP_EXTRA_INDEX_URL) env.UV_EXTRA_INDEX_URL = host.PIP_EXTRA_INDEX_URL;
  for (const name of ['PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL'] as const) {
    const value = host[name];
    if (value) env[name] = value;
  }
  for (const upper of PROXIES) {
    const value = host[upper] || host[upper.toLowerCase()];
    if (!value) continue;
    env[upper] = value;
    env[upper.toLowerCase()] = value;
  }
  if (withCa) for (const name of CA_VARIABLES) env[name] = CA_PATH;
  return env;
}
