// The one way worker-gate talks HTTP to GitHub: @actions/http-client, the
// toolkit's client, which routes through HTTPS_PROXY / HTTP_PROXY unless
// NO_PROXY (or loopback) says not to, as self-hosted runners behind a proxy
// need. Node's bare fetch ignores those variables. Retries are ours (retry.ts):
// the client's own retry covers GET only and knows nothing of rate limits.
import { HttpClient } from '@actions/http-client';

export interface HttpAnswer {
  readonly status: number;
  /** A response header, lower-case name; undefined when absent. */
  header(name: string): string | undefined;
  readonly text: string;
}

export type HttpTransport = (
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string,
) => Promise<HttpAnswer>;

export function httpClientTransport(userAgent: string, timeoutMs: number): HttpTransport {
  return async (method, url, headers, body) => {
    const client = new HttpClient(userAgent, [], { allowRetries: false, socketTimeout: timeoutMs });
    try {
      const response = await client.request(method, url, body ?? null, headers);
      const text = await response.readBody();
      const raw = response.message.headers;
      return {
        status: response.message.statusCode ?? 0,
        header: (name) => {
          const value = raw[name.toLowerCase()];
          return Array.isArray(value) ? value.join(', ') : value;
        },
        text,
      };
    } finally {
      client.dispose();
    }
  };
}
