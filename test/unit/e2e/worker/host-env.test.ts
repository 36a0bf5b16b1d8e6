import { describe, expect, test } from 'vitest';
import { CA_PATH, carriedEnv } from '../../../../src/e2e/worker/host-env.js';

describe('host settings carried into the workers', () => {
  test.each([
    [
      'uv index settings as they are',
      { UV_INDEX_URL: 'https://m/simple', UV_EXTRA_INDEX_URL: 'https://x/simple' },
      { UV_INDEX_URL: 'https://m/simple', UV_EXTRA_INDEX_URL: 'https://x/simple' },
    ],
    [
      'UV_DEFAULT_INDEX as it is',
      { UV_DEFAULT_INDEX: 'https://m/simple' },
      { UV_DEFAULT_INDEX: 'https://m/simple' },
    ],
    [
      "pip's index mapped to uv's (uv ignores PIP_*)",
      { PIP_INDEX_URL: 'https://p/simple', PIP_EXTRA_INDEX_URL: 'https://q/simple' },
      {
        UV_INDEX_URL: 'https://p/simple',
        UV_EXTRA_INDEX_URL: 'https://q/simple',
        PIP_INDEX_URL: 'https://p/simple',
        PIP_EXTRA_INDEX_URL: 'https://q/simple',
      },
    ],
    [
      "uv's own setting wins over pip's",
      { UV_DEFAULT_INDEX: 'https://u/simple', PIP_INDEX_URL: 'https://p/simple' },
      { UV_DEFAULT_INDEX: 'https://u/simple', PIP_INDEX_URL: 'https://p/simple' },
    ],
    [
      'proxies in both spellings, from either',
      { https_proxy: 'http://proxy:3128', NO_PROXY: 'localhost' },
      {
        HTTPS_PROXY: 'http://proxy:3128',
        https_proxy: 'http://proxy:3128',
        NO_PROXY: 'localhost',
        no_proxy: 'localhost',
      },
    ],
    ['nothing else from the host', { HOME: '/root', PATH: '/usr/bin', AWS_SECRET_ACCESS_KEY: 'x' }, {}],
  ])('%s', (_name, host, expected) => {
    expect(carriedEnv(host, false)).toEqual(expected);
  });

  test('with a CA bundle every tool is pointed at its path in the worker', () => {
    const env = carriedEnv({}, true);
    for (const name of [
      'SSL_CERT_FILE',
      'REQUESTS_CA_BUNDLE',
      'CURL_CA_BUNDLE',
      'GIT_SSL_CAINFO',
      'PIP_CERT',
    ]) {
      expect(env[name]).toBe(CA_PATH);
    }
  });
});
